// `registry-lab [lab] --classroom <registry> --as <name>`: the TUI's runtime publishes to the
// classroom, and the classroom is kept with the progress so the next run publishes without the flags.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseClassroom, runOpenCommand, type OpenDependencies, type TerminalIo } from '../../src/commands/open.js';
import { createLabRuntime } from '../../src/runtime/lab-runtime.js';
import type { RunTuiOptions, TuiResult } from '../../src/ui/run-tui.js';

const labYaml = `version: 1
id: classy
title: The class lab
steps:
  - id: colour
    title: 'Question: a colour'
    prompt: A question.
    question:
      ask: What colour is the sky?
      kind: text
      accept: ['^blue$']
`;

let root: string;
let stateDir: string;

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'registry-lab-open-classroom-'));
	mkdirSync(path.join(root, 'labs', 'classy'), { recursive: true });
	writeFileSync(path.join(root, 'labs', 'classy', 'lab.yaml'), labYaml);
	stateDir = path.join(root, 'state');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const quitResult: TuiResult = { outcome: 'quit', quitBy: 'key', stoppedRegistry: false, done: 0, total: 1 };

async function open(args: string[], isTerminal = true) {
	const calls: RunTuiOptions[] = [];
	const deps: OpenDependencies = {
		loadTui: async () => ({
			runTui: async (options) => {
				calls.push(options);
				return quitResult;
			},
		}),
		createRuntime: createLabRuntime,
	};
	let stderr = '';
	const io: TerminalIo = {
		stdout: () => undefined,
		stderr: (text) => (stderr += text),
		cwd: root,
		env: { PATH: process.env.PATH, REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'), REGISTRY_LAB_STATE_DIR: stateDir },
		isTerminal,
	};
	const code = await runOpenCommand(['classy', '--yes', ...args], io, deps);
	return { code, stderr, runtime: calls[0]?.runtime };
}

describe('opening the lab for a classroom', () => {
	it('Given --classroom outside a terminal, then it says the screen publishes and how to publish once, instead of ignoring it', async () => {
		const { stderr, runtime } = await open(['--classroom', '127.0.0.1:5999', '--as', 'ana'], false);
		expect(runtime).toBeUndefined();
		expect(stderr).toContain('registry-lab class publish --to <registry> --as <name>');
	});

	it('Given --classroom and --as, then the TUI’s runtime publishes to that registry as that name', async () => {
		const { code, runtime } = await open(['--classroom', '127.0.0.1:5999', '--as', 'ana']);
		expect(code).toBe(0);
		expect(runtime?.classroom).toEqual({ registry: '127.0.0.1:5999', name: 'ana' });
		expect(runtime?.publishProgress).toBeTypeOf('function');
	});

	it('Given a classroom saved with the progress, when the lab opens without the flags, then it publishes there again', async () => {
		mkdirSync(path.join(stateDir, 'progress'), { recursive: true });
		const saved = {
			version: 1,
			labId: 'classy',
			vars: {},
			done: [],
			hintsShown: {},
			solutionsShown: [],
			answers: {},
			startedAt: '2026-01-01T00:00:00.000Z',
			classroom: { registry: 'class.example:5000', name: 'bo' },
		};
		writeFileSync(path.join(stateDir, 'progress', 'classy.json'), JSON.stringify(saved));
		const { runtime } = await open([]);
		expect(runtime?.classroom).toEqual({ registry: 'class.example:5000', name: 'bo' });
		expect((await open(['--as', 'bo-again'])).runtime?.classroom).toEqual({ registry: 'class.example:5000', name: 'bo-again' });
	});

	it('Given no classroom, then the runtime has nothing to publish with', async () => {
		const { runtime } = await open([]);
		expect(runtime?.classroom).toBeUndefined();
		expect(runtime?.publishProgress).toBeUndefined();
	});

	it('Given a name that cannot be a tag, or --classroom without --as, then it exits 2 and says why before opening', async () => {
		const badName = await open(['--classroom', '127.0.0.1:5999', '--as', 'Ana López']);
		expect(badName.code).toBe(2);
		expect(badName.stderr).toContain('cannot be your name in the class');
		const noName = await open(['--classroom', '127.0.0.1:5999']);
		expect(noName.code).toBe(2);
		expect(noName.stderr).toContain('--classroom needs --as <name>');
		expect(noName.runtime).toBeUndefined();
	});

	it.each([
		[{}, undefined, undefined],
		[{ registry: 'r:5000', name: 'ana' }, undefined, { registry: 'r:5000', name: 'ana' }],
		[{ name: 'cy' }, { registry: 'r:5000', name: 'ana' }, { registry: 'r:5000', name: 'cy' }],
		[{ registry: 'r:5000' }, undefined, '--classroom needs --as <name>: the name your instructor sees you as'],
		[{ name: 'ana' }, undefined, '--as needs --classroom <registry>: the registry your class publishes to'],
	])('chooses the classroom from the flags %j over the saved %j', (flags, saved, expected) => {
		expect(chooseClassroom(flags, saved)).toEqual(expected);
	});
});
