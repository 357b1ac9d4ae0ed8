import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PingPort } from '../../src/docker/choose-port.js';
import { prepareLab, PrepareLabError, type PrepareLabOptions } from '../../src/runtime/prepare-lab.js';
import { saveProgress } from '../../src/progress/progress-store.js';
import { goodLab, goodLabWith, makeFixtureLab, type FixtureLab } from './fixture-lab.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

function setUp(yaml = goodLab): FixtureLab {
	fixture = makeFixtureLab(yaml);
	return fixture;
}

function prepare(lab: FixtureLab, options: Partial<PrepareLabOptions> = {}) {
	return prepareLab({ labArg: lab.labDir, env: lab.env, cwd: path.dirname(lab.labDir), chooseFreePorts: false, ...options });
}

async function failure(promise: Promise<unknown>): Promise<PrepareLabError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	if (!(error instanceof PrepareLabError)) throw new Error(`expected a PrepareLabError, got ${String(error)}`);
	return error;
}

/** Answers every port like macOS AirPlay Receiver. */
const airPlay: PingPort = async () => ({ kind: 'other', status: 403, server: 'AirTunes/860.7.1', message: 'answered 403' });

describe('prepareLab', () => {
	it('resolves variables from --set, copies the lab files into the workspace and runs checks there', async () => {
		const lab = setUp();
		const prepared = await prepare(lab, { setFlags: ['name=ada'] });
		expect(prepared.vars).toMatchObject({ name: 'ada', marker: 'made.txt', workspace: lab.workspace });
		expect(readFileSync(path.join(lab.workspace, 'scripts', 'write.mjs'), 'utf8')).toContain('writeFileSync');
		expect(prepared.notes).toContain(`Created your workspace for this lab at ${lab.workspace}; the lab's commands run there.`);
		expect(prepared.checkContext()).toMatchObject({ cwd: lab.workspace, vars: prepared.vars });
	});

	it('takes a value from REGISTRY_LAB_<NAME>, and --set wins over it', async () => {
		const lab = setUp();
		const fromEnv = await prepare(lab, { env: { ...lab.env, REGISTRY_LAB_NAME: 'grace' } });
		expect(fromEnv.vars.name).toBe('grace');
		const both = await prepare(lab, { env: { ...lab.env, REGISTRY_LAB_NAME: 'grace' }, setFlags: ['name=ada'] });
		expect(both.vars.name).toBe('ada');
	});

	it('reads REGISTRY_LAB_DOCKERID for the registries lab’s dockerId', async () => {
		const lab = setUp();
		const prepared = await prepareLab({
			env: { ...lab.env, REGISTRY_LAB_DOCKERID: 'learner7' },
			cwd: lab.workspaceRoot,
			chooseFreePorts: false,
			prepareWorkspace: false,
		});
		expect(prepared.lab.id).toBe('registries');
		expect(prepared.vars).toMatchObject({ dockerId: 'learner7', hub: 'docker.io', curlImage: 'learner7/curl' });
	});

	it('refuses a value that does not match its pattern before anything runs, and says what is wrong with it', async () => {
		const lab = setUp();
		const error = await failure(prepare(lab, { setFlags: ['name=Ada Lovelace'] }));
		expect(error.kind).toBe('invalid-variables');
		expect(error.describe()).toBe(
			'Some variables have values that cannot be used:\n  name "Ada Lovelace" is not valid: it contains a space; it has uppercase letters (A and L): use lowercase',
		);
		expect(existsSync(lab.workspace)).toBe(false);
	});

	it('refuses a --set for a variable the lab does not declare', async () => {
		const lab = setUp();
		const error = await failure(prepare(lab, { setFlags: ['name=ada', 'colour=blue'] }));
		expect(error.kind).toBe('invalid-variables');
		expect(error.details).toEqual(['--set colour: this lab has no variable "colour"; it declares: name, marker']);
	});

	it('names the --set to pass for a variable the lab asks for and nobody gave', async () => {
		const lab = setUp();
		const error = await failure(prepare(lab));
		expect(error.kind).toBe('missing-variables');
		expect(error.describe()).toBe(
			'The lab needs a value for name before it can run:\n  name: pass --set name=VALUE (Your name), or set REGISTRY_LAB_NAME',
		);
	});

	it('leaves asked variables missing when allowed to, for commands that do not need them', async () => {
		const lab = setUp();
		const prepared = await prepare(lab, { allowMissing: true, prepareWorkspace: false });
		expect(prepared.missing).toEqual(['name']);
		expect(existsSync(lab.workspace)).toBe(false);
	});

	it('lists every problem of a broken lab file at its line and column', async () => {
		const lab = setUp(goodLabWith('    hints: [Write used.txt.]\n', '    hint: Write used.txt.\n'));
		const error = await failure(prepare(lab));
		expect(error.kind).toBe('invalid-lab');
		expect(error.details).toEqual([
			'fixture/lab.yaml:29:5: step `use-file` has no hints: add at least one hint under `hints:`',
			'fixture/lab.yaml:32:5: unknown field `hint` (did you mean `hints`?)',
		]);
	});

	it('says which lab it could not find', async () => {
		const lab = setUp();
		const error = await failure(prepare(lab, { labArg: 'no-such-lab' }));
		expect(error.kind).toBe('lab-not-found');
		expect(error.message).toMatch(/^no lab "no-such-lab"/);
	});

	it('uses values saved with the learner’s progress, below the environment and --set', async () => {
		const lab = setUp();
		await saveProgress(
			{
				version: 1,
				labId: 'fixture',
				vars: { name: 'saved', marker: 'BAD VALUE?' },
				done: [],
				hintsShown: {},
				solutionsShown: [],
				answers: {},
				startedAt: new Date().toISOString(),
			},
			{ dir: lab.stateDir },
		);
		const prepared = await prepare(lab, { useProgress: true });
		expect(prepared.vars.name).toBe('saved');
		const overridden = await prepare(lab, { useProgress: true, env: { ...lab.env, REGISTRY_LAB_NAME: 'fromenv' } });
		expect(overridden.vars.name).toBe('fromenv');
	});

	it('moves a freePort variable off a port AirPlay holds, says why, and computes image names with the new port', async () => {
		const lab = setUp(
			goodLab.replace(
				'  marker:\n    default: made.txt\n',
				"  marker:\n    default: made.txt\n  port:\n    default: '5000'\n    freePort: true\n  app:\n    image: 'localhost:{{port}}/app'\n",
			),
		);
		const prepared = await prepare(lab, { setFlags: ['name=ada'], chooseFreePorts: true, ping: airPlay });
		expect(prepared.vars.port).not.toBe('5000');
		expect(prepared.requestedVars.port).toBe('5000');
		expect(prepared.vars.app).toBe(`localhost:${prepared.vars.port}/app`);
		expect(prepared.notes[0]).toBe(
			`Port 5000 is held by macOS AirPlay Receiver, so the lab uses port ${prepared.vars.port} instead. To keep port 5000, turn off AirPlay Receiver in System Settings → General → AirDrop & Handoff → AirPlay Receiver.`,
		);
	});
});
