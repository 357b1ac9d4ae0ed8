import { describe, expect, it } from 'vitest';
import { environmentNamesFor, parseSetFlags, resolveVariables, variablesFromEnv } from '../../src/lab/resolve-variables.js';
import type { Lab } from '../../src/lab/schema.js';

const variables: NonNullable<Lab['variables']> = {
	dockerId: { ask: 'Your Docker ID', pattern: '[a-z0-9]+(?:[._-][a-z0-9]+)*', patternHelp: 'lowercase letters and digits, e.g. learner1' },
	hub: { default: 'docker.io' },
	registryPort: { default: '5000', pattern: '[0-9]+' },
	curlImage: { image: '{{hub}}/{{dockerId}}/curl' },
};
const lab = { variables };
const builtins = { workspace: '/home/learner/registry-lab' };

describe('resolveVariables', () => {
	it('uses defaults, the workspace, and computes image references in the form Docker prints', () => {
		expect(resolveVariables(lab, { dockerId: 'learner1' }, builtins)).toEqual({
			values: {
				workspace: '/home/learner/registry-lab',
				dockerId: 'learner1',
				hub: 'docker.io',
				registryPort: '5000',
				curlImage: 'learner1/curl',
			},
			problems: [],
			missing: [],
		});
	});

	it('lets given values override defaults, keeping a non-Hub registry in the image reference', () => {
		const { values } = resolveVariables(lab, { dockerId: 'learner1', hub: 'localhost:5001', registryPort: '5002' }, builtins);
		expect(values.curlImage).toBe('localhost:5001/learner1/curl');
		expect(values.registryPort).toBe('5002');
	});

	it('lists asked-for variables that have no value, and does not compute images that use them', () => {
		const result = resolveVariables(lab, {}, builtins);
		expect(result.missing).toEqual(['dockerId']);
		expect(result.problems).toEqual([]);
		expect(result.values).not.toHaveProperty('curlImage');
	});

	it('treats an empty given value as no value', () => {
		expect(resolveVariables(lab, { dockerId: '' }, builtins).missing).toEqual(['dockerId']);
	});

	it('rejects a value that does not match the pattern, saying what is wrong with this value', () => {
		const result = resolveVariables(lab, { dockerId: 'Learner 1' }, builtins);
		expect(result.problems).toEqual([
			'dockerId "Learner 1" is not valid: it contains a space; it has an uppercase letter (L): use lowercase',
		]);
		expect(result.values).not.toHaveProperty('dockerId');
		expect(result.missing).toEqual([]);
	});

	it('gives the lab’s help text when nothing in the value can be named', () => {
		expect(resolveVariables(lab, { dockerId: '-' }, builtins).problems).toEqual([
			'dockerId "-" is not valid: lowercase letters and digits, e.g. learner1',
		]);
	});

	it('shows the pattern when the lab gives no help text', () => {
		expect(resolveVariables(lab, { dockerId: 'x', registryPort: 'http' }, builtins).problems).toEqual([
			'registryPort "http" is not valid: it must match [0-9]+',
		]);
	});

	it('matches the whole value, not a part of it', () => {
		expect(resolveVariables(lab, { dockerId: 'x', registryPort: '50a' }, builtins).problems).toHaveLength(1);
	});

	it('reports a variable with neither a value nor a question', () => {
		expect(resolveVariables({ variables: { tag: {} } }, {}, builtins).problems).toEqual(['tag has no value: give it with --set tag=VALUE']);
	});

	it('reports a computed image reference that Docker would not accept', () => {
		const result = resolveVariables(lab, { dockerId: 'learner1', hub: 'Bad Host' }, builtins);
		expect(result.problems).toHaveLength(1);
		expect(result.problems[0]).toMatch(/^curlImage "Bad Host\/learner1\/curl" is not a valid image reference: /);
	});

	it('computes an image from another computed image, whatever the order they are declared in', () => {
		const chained = {
			variables: { tagged: { image: '{{base}}:21.06' }, base: { image: 'docker.io/library/{{name}}' }, name: { default: 'alpine' } },
		};
		expect(resolveVariables(chained, {}, builtins).values).toMatchObject({ base: 'alpine', tagged: 'alpine:21.06' });
	});

	it('refuses to set a computed variable directly', () => {
		expect(resolveVariables(lab, { dockerId: 'learner1', curlImage: 'x/y' }, builtins).problems).toEqual([
			'curlImage is computed from "{{hub}}/{{dockerId}}/curl" and cannot be set; set the variables it uses instead',
		]);
	});

	it('does not loop on image variables that use each other', () => {
		const looped = { variables: { a: { image: '{{b}}' }, b: { image: '{{a}}' } } };
		expect(resolveVariables(looped, {}, builtins).values).toEqual({ workspace: builtins.workspace });
	});
});

describe('variablesFromEnv', () => {
	it('reads REGISTRY_LAB_ and the name uppercased, or in snake case', () => {
		expect(environmentNamesFor('dockerId')).toEqual(['REGISTRY_LAB_DOCKERID', 'REGISTRY_LAB_DOCKER_ID']);
		expect(
			variablesFromEnv(lab, { REGISTRY_LAB_DOCKER_ID: 'learner1', REGISTRY_LAB_HUB: 'localhost:5000', REGISTRY_LAB_OTHER: 'x' }),
		).toEqual({
			dockerId: 'learner1',
			hub: 'localhost:5000',
		});
		expect(variablesFromEnv(lab, { REGISTRY_LAB_REGISTRYPORT: '5001' })).toEqual({ registryPort: '5001' });
	});

	it('ignores empty environment variables', () => {
		expect(variablesFromEnv(lab, { REGISTRY_LAB_DOCKERID: '' })).toEqual({});
	});
});

describe('parseSetFlags', () => {
	it('splits NAME=VALUE at the first =', () => {
		expect(parseSetFlags(['dockerId=learner1', 'hub=a=b'], lab)).toEqual({ values: { dockerId: 'learner1', hub: 'a=b' }, problems: [] });
	});

	it('explains the form of a flag without =', () => {
		expect(parseSetFlags(['learner1', '=x'], lab).problems).toEqual([
			'--set learner1: write it as NAME=VALUE, e.g. --set dockerId=learner1',
			'--set =x: write it as NAME=VALUE, e.g. --set dockerId=learner1',
		]);
	});

	it('names the declared variables when a flag names another', () => {
		expect(parseSetFlags(['dockerid=learner1'], lab)).toEqual({
			values: {},
			problems: ['--set dockerid: this lab has no variable "dockerid"; it declares: dockerId, hub, registryPort, curlImage'],
		});
	});

	it('accepts any name when no lab is given', () => {
		expect(parseSetFlags(['anything=1']).values).toEqual({ anything: '1' });
	});
});
