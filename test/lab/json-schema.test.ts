// The JSON Schema editors use and the loader's zod schema must agree: a lab an editor accepts is a
// lab `validate` accepts at the schema stage, and the other way round.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labJsonSchema, labSchemaId } from '../../src/lab/json-schema.js';
import { labSchema } from '../../src/lab/schema.js';

const fixtures = fileURLToPath(new URL('../fixtures/labs/', import.meta.url));
const bundledLabs = fileURLToPath(new URL('../../labs/', import.meta.url));

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateWithJsonSchema = ajv.compile(labJsonSchema());

/** Fixtures whose problems are in the schema (shape, fields, types), so both validators reject them. */
const schemaLevelProblems = ['many-problems', 'unknown-field', 'wrong-type'];
/**
 * Fixtures whose only problems need the whole lab (duplicate ids, undeclared variables, needs
 * cycles, missing files, steps without checks): beyond what a JSON Schema can say, so both accept them.
 */
const lintOnlyProblems = ['duplicate-step-id', 'missing-file', 'needs-cycle', 'task-without-check', 'undeclared-variable'];
/** Not valid YAML, so there is no document to give either validator. */
const notYaml = ['yaml-syntax-error'];
/** Labs without problems: the smallest valid one, and the near-miss twins `registry-lab test` proves on the engine. */
const validLabs = ['valid-minimal', 'near-miss-lax', 'near-miss-strict'];

function fixtureData(name: string): unknown {
	return parse(readFileSync(path.join(fixtures, name, 'lab.yaml'), 'utf8'));
}

function verdicts(data: unknown): { jsonSchema: boolean; zod: boolean } {
	return { jsonSchema: validateWithJsonSchema(data), zod: labSchema.safeParse(data).success };
}

describe('labJsonSchema', () => {
	it('names itself, its draft and its title', () => {
		const schema = labJsonSchema();
		expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(schema.$id).toBe(labSchemaId);
		expect(schema.title).toBe('registry-lab lab file');
	});

	it('describes every field, so an editor can explain each one', () => {
		const undescribed: string[] = [];
		const visit = (node: unknown, at: string): void => {
			if (typeof node !== 'object' || node === null) return;
			const schema = node as Record<string, unknown>;
			for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
				if (typeof property.description !== 'string' || property.description === '') undescribed.push(`${at}.${name}`);
				visit(property, `${at}.${name}`);
			}
			for (const key of ['items', 'additionalProperties']) visit(schema[key], `${at}[${key}]`);
			for (const key of ['anyOf', 'oneOf', 'allOf'])
				(schema[key] as unknown[] | undefined)?.forEach((member, index) => visit(member, `${at}|${index}`));
			for (const [name, definition] of Object.entries((schema.$defs ?? {}) as Record<string, unknown>)) visit(definition, `#${name}`);
		};
		visit(labJsonSchema(), '');
		expect(undescribed).toEqual([]);
	});

	it('classifies every fixture as schema-level, lint-only or not YAML', () => {
		const all = readdirSync(fixtures).sort();
		expect([...schemaLevelProblems, ...lintOnlyProblems, ...notYaml, ...validLabs].sort()).toEqual(all);
	});

	it.each(schemaLevelProblems)('is rejected by both the JSON Schema and the loader’s schema: %s', (name) => {
		expect(verdicts(fixtureData(name))).toEqual({ jsonSchema: false, zod: false });
	});

	it.each([...lintOnlyProblems, ...validLabs])('is accepted by both the JSON Schema and the loader’s schema: %s', (name) => {
		expect(verdicts(fixtureData(name))).toEqual({ jsonSchema: true, zod: true });
	});

	it('accepts every bundled lab, like the loader’s schema', () => {
		const labs = readdirSync(bundledLabs).map((name) => path.join(bundledLabs, name, 'lab.yaml'));
		for (const file of labs)
			expect({ file, ...verdicts(parse(readFileSync(file, 'utf8'))) }).toEqual({ file, jsonSchema: true, zod: true });
	});

	const minimal = { version: 1, id: 'demo', title: 'Demo', steps: [{ id: 'a', title: 'A', prompt: 'P' }] };
	const withCheck = (check: unknown) => ({ ...minimal, steps: [{ ...minimal.steps[0], check: [check] }] });
	const cases: [string, unknown][] = [
		['the smallest lab', minimal],
		['a string version', { ...minimal, version: '1' }],
		['no steps', { ...minimal, steps: [] }],
		['an unknown top-level field', { ...minimal, colour: 'blue' }],
		['an invalid variable name', { ...minimal, variables: { 'docker-id': {} } }],
		[
			'a run check',
			withCheck({ run: 'docker ps', expect: { exitCode: 0, stdout: { contains: 'x' }, json: [{ path: 'a', equals: [1] }] } }),
		],
		['a check with two kinds', withCheck({ run: 'docker ps', http: 'http://localhost/' })],
		['a check with no kind', withCheck({ fail: 'nothing' })],
		['an http check with a bad status', withCheck({ http: 'http://localhost/', expect: { status: 700 } })],
		['a tags check without include', withCheck({ tags: 'localhost:5000/alpine' })],
		['a timeout of zero', withCheck({ run: 'docker ps', timeout: 0 })],
		[
			'a question',
			{ ...minimal, steps: [{ ...minimal.steps[0], question: { ask: 'Q?', kind: 'choice', choices: ['a', 'b'], accept: ['a'] } }] },
		],
		[
			'a question of an unknown kind',
			{ ...minimal, steps: [{ ...minimal.steps[0], question: { ask: 'Q?', kind: 'essay', accept: ['a'] } }] },
		],
		[
			'a service port without a container side',
			{ ...minimal, services: { registry: { image: 'registry:2', name: 'registry', ports: ['5000'] } } },
		],
	];

	it.each(cases)('agrees with the loader’s schema on %s', (_name, data) => {
		const { jsonSchema, zod } = verdicts(data);
		expect(jsonSchema).toBe(zod);
	});
});
