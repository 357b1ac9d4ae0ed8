// `registry-lab [lab]`: at a terminal it hands the TUI a runtime with the right values and the
// progress loaded once; anywhere else it prints every step's status and returns. The TUI itself is
// replaced by a fake that records what it was given and ends as the test says.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closingLines, opensLab, runOpenCommand, type OpenDependencies, type TerminalIo } from '../../src/commands/open.js';
import { createLabRuntime } from '../../src/runtime/lab-runtime.js';
import type { RunTuiOptions, TuiResult } from '../../src/ui/run-tui.js';
import { ensureBuilt, runCliSync } from './built-cli.js';

// Checks are tiny node scripts, so no Docker is needed.
const labYaml = `version: 1
id: opener
title: The opener lab
files: [scripts]
variables:
  name:
    ask: Your name
    pattern: '^[a-z]+$'
  greeting:
    default: hello
steps:
  - id: give-name
    title: Give your name
    prompt: Tell the lab your name.
    hints: [Lowercase letters.]
    check:
      - variable: name
  - id: make-file
    title: Make the file
    prompt: Make made.txt.
    needs: [give-name]
    hints: [Write it.]
    solution: ['node scripts/write.mjs made.txt']
    check:
      - run: node scripts/has-file.mjs made.txt
        fail: There is no made.txt yet.
  - id: colour
    title: 'Question: a colour'
    prompt: A question.
    question:
      ask: What colour is the sky?
      kind: text
      accept: ['^blue$']
`;

interface Fixture {
	root: string;
	labDir: string;
	workspace: string;
	stateDir: string;
	env: Record<string, string | undefined>;
}

let fixture: Fixture;

beforeEach(() => {
	const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-open-'));
	const labDir = path.join(root, 'labs', 'opener');
	mkdirSync(path.join(labDir, 'scripts'), { recursive: true });
	writeFileSync(path.join(labDir, 'lab.yaml'), labYaml);
	writeFileSync(
		path.join(labDir, 'scripts', 'has-file.mjs'),
		"import { existsSync } from 'node:fs';\nprocess.exit(existsSync(process.argv[2]) ? 0 : 1);\n",
	);
	writeFileSync(
		path.join(labDir, 'scripts', 'write.mjs'),
		"import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], 'made');\n",
	);
	const stateDir = path.join(root, 'state');
	fixture = {
		root,
		labDir,
		workspace: path.join(root, 'workspaces', 'opener'),
		stateDir,
		env: { PATH: process.env.PATH, REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'), REGISTRY_LAB_STATE_DIR: stateDir },
	};
});

afterEach(() => rmSync(fixture.root, { recursive: true, force: true }));

function saveProgress(vars: Record<string, string>, done: string[] = []): void {
	mkdirSync(path.join(fixture.stateDir, 'progress'), { recursive: true });
	const state = {
		version: 1,
		labId: 'opener',
		vars,
		done,
		hintsShown: {},
		solutionsShown: [],
		answers: {},
		selected: 'make-file',
		startedAt: '2025-01-01T00:00:00.000Z',
	};
	writeFileSync(path.join(fixture.stateDir, 'progress', 'opener.json'), JSON.stringify(state));
}

const quitResult: TuiResult = { outcome: 'quit', quitBy: 'key', stoppedRegistry: false, done: 1, total: 3 };

/** A TUI that records what it got and ends with `result` (or throws `error`). */
function fakeTui(ending: { result?: TuiResult; error?: Error } = { result: quitResult }) {
	const calls: RunTuiOptions[] = [];
	const deps: OpenDependencies = {
		loadTui: async () => ({
			runTui: async (options) => {
				calls.push(options);
				if (ending.error) throw ending.error;
				return ending.result ?? quitResult;
			},
		}),
		// No docker events or polling in these tests: the fake TUI never watches.
		createRuntime: createLabRuntime,
	};
	return { calls, deps };
}

async function open(args: string[], options: { isTerminal: boolean; deps?: OpenDependencies; env?: Record<string, string | undefined> }) {
	let stdout = '';
	let stderr = '';
	const io: TerminalIo = {
		stdout: (text) => (stdout += text),
		stderr: (text) => (stderr += text),
		cwd: fixture.root,
		env: { ...fixture.env, ...options.env },
		isTerminal: options.isTerminal,
	};
	const neverTui: OpenDependencies = {
		loadTui: () => Promise.reject(new Error('the TUI must not open here')),
		createRuntime: createLabRuntime,
	};
	// --yes: these labs are the tests' own (the trust question has tests of its own).
	const code = await runOpenCommand([...args, '--yes'], io, options.deps ?? neverTui);
	return { code, stdout, stderr };
}

describe('not at a terminal', () => {
	it('prints every step’s status and a hint to open it in a terminal, and exits 0 without waiting', async () => {
		const result = await open(['opener'], { isTerminal: false });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('The opener lab (opener)');
		expect(result.stdout).toMatch(/✗ give-name +Give your name/);
		expect(result.stdout).toMatch(/- make-file +Make the file\n +Do give-name first\./);
		expect(result.stdout).toContain('registry-lab answer opener colour <your answer>');
		expect(result.stdout).toContain('0 of 3 steps done');
		expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/not an interactive terminal.*Run registry-lab opener in a terminal/);
		expect(result.stderr).toContain('name has no value yet: give it with --set name=VALUE or REGISTRY_LAB_NAME');
	});

	it('checks with the values given and remembers the steps done', async () => {
		mkdirSync(fixture.workspace, { recursive: true });
		writeFileSync(path.join(fixture.workspace, 'made.txt'), 'x');
		const result = await open(['opener', '--set', 'name=ada'], { isTerminal: false });
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/✓ make-file/);
		expect(result.stdout).toContain('2 of 3 steps done');
		const saved = JSON.parse(readSaved()) as { done: string[] };
		expect(saved.done).toEqual(expect.arrayContaining(['give-name', 'make-file']));
	});

	it('exits 2 and says why for a lab that does not exist', async () => {
		const result = await open(['./nowhere/lab.yaml'], { isTerminal: false });
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^registry-lab: .*nowhere/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});

function readSaved(): string {
	return readFileSync(path.join(fixture.stateDir, 'progress', 'opener.json'), 'utf8');
}

describe('at a terminal', () => {
	it('opens the TUI with the workspace, the saved values, and a missing value left for the TUI to ask', async () => {
		saveProgress({ greeting: 'hi' }, ['give-name']);
		const { calls, deps } = fakeTui();
		const result = await open(['opener'], { isTerminal: true, deps });
		expect(result.code).toBe(0);
		expect(calls).toHaveLength(1);
		const options = calls[0]!;
		expect(options.runtime.workspace).toBe(fixture.workspace);
		expect(options.runtime.vars.greeting).toBe('hi');
		expect(options.runtime.vars.name).toBeUndefined();
		expect(options.loaded?.state?.done).toEqual(['give-name']);
		expect(options.loaded?.state?.selected).toBe('make-file');
		expect(existsSync(path.join(fixture.workspace, 'scripts', 'has-file.mjs'))).toBe(true);
	});

	it('lets --set win over the environment, and the environment over saved values', async () => {
		saveProgress({ name: 'saved', greeting: 'saved' });
		const { calls, deps } = fakeTui();
		await open(['opener', '--set', 'name=flag'], {
			isTerminal: true,
			deps,
			env: { REGISTRY_LAB_NAME: 'env', REGISTRY_LAB_GREETING: 'fromenv' },
		});
		expect(calls[0]?.runtime.vars).toMatchObject({ name: 'flag', greeting: 'fromenv' });
	});

	it('loads a damaged progress file once: it is set aside and the TUI gets the notice', async () => {
		mkdirSync(path.join(fixture.stateDir, 'progress'), { recursive: true });
		writeFileSync(path.join(fixture.stateDir, 'progress', 'opener.json'), '{ not json');
		const { calls, deps } = fakeTui();
		await open(['opener'], { isTerminal: true, deps });
		expect(calls[0]?.loaded?.state).toBeUndefined();
		expect(calls[0]?.loaded?.notice).toMatch(/could not be read.*kept at/);
		const backups = readdirSync(path.join(fixture.stateDir, 'progress')).filter((name) => name.includes('.corrupt-'));
		expect(backups).toHaveLength(1);
	});

	it('says after the TUI closes what could not be saved or stopped, and how to carry on', async () => {
		const { deps } = fakeTui({
			result: { ...quitResult, saveError: 'disk full', stopError: 'Could not stop the registry container registry: denied' },
		});
		const result = await open(['opener'], { isTerminal: true, deps });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('your progress could not be saved: disk full');
		expect(result.stdout).toContain('Could not stop the registry container registry: denied');
		expect(result.stdout).toContain('1 of 3 steps done. Run registry-lab opener to carry on');
	});

	it('prints one plain line, no stack trace, when the TUI fails', async () => {
		const { deps } = fakeTui({ error: new Error('raw mode is not supported') });
		const result = await open([], { isTerminal: true, deps, env: {} });
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^registry-lab: the lab stopped because of an unexpected error \(raw mode is not supported\)\. Run registry-lab again to carry on\.\n$/,
		);
	});

	it('prints one plain line when the TUI’s code cannot be loaded (it starts loading while the lab is prepared)', async () => {
		const deps: OpenDependencies = {
			loadTui: () => Promise.reject(new Error('Cannot find module run-tui')),
			createRuntime: createLabRuntime,
		};
		const result = await open(['opener', '--set', 'name=ada'], { isTerminal: true, deps });
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^registry-lab: the lab stopped because of an unexpected error \(Cannot find module run-tui\)\. Run registry-lab again to carry on\.\n$/,
		);
		// A lab that cannot open never awaits the loading: its failure must not go unhandled either.
		const refused = await open(['opener', '--set', 'name=Not Valid'], { isTerminal: true, deps });
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('name "Not Valid" is not valid');
	});

	it('refuses a --set value that does not fit, before opening anything', async () => {
		const { calls, deps } = fakeTui();
		const result = await open(['opener', '--set', 'name=Not Valid'], { isTerminal: true, deps });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('name "Not Valid" is not valid');
		expect(calls).toHaveLength(0);
	});
});

describe('arguments', () => {
	it.each([
		[undefined, true],
		['--set', true],
		['--set=name=ada', true],
		['--help', false],
		['--bogus', false],
		['registries', true],
		['opener', true],
		['not-a-lab', false],
		['./somewhere/lab.yaml', true],
	])('%s opens a lab: %s', (first, expected) => {
		expect(opensLab(first, fixture.root)).toBe(expected);
	});

	it('exits 2 for two labs or an unknown option', async () => {
		expect((await open(['opener', 'other'], { isTerminal: false })).code).toBe(2);
		const unknown = await open(['--bogus'], { isTerminal: false });
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown option --bogus');
	});

	it('says how it ended', () => {
		expect(closingLines({ ...quitResult, outcome: 'finished', done: 3, total: 3 }, 'The opener lab', undefined)).toBe(
			'You finished The opener lab: 3 of 3 steps done.\n',
		);
		expect(closingLines({ ...quitResult, stoppedRegistry: true }, 'The opener lab', undefined)).toBe(
			'The registry container is stopped; docker start registry starts it again.\n1 of 3 steps done. Run registry-lab to carry on where you left off.\n',
		);
	});
});

describe('the built CLI', () => {
	it('opens a lab with no command (not the usage), and as a pipe prints its status', () => {
		ensureBuilt();
		const env = { ...fixture.env, CI: 'true' };
		const bare = runCliSync(['--set', 'name=ada', path.join(fixture.labDir, 'lab.yaml'), '--yes'], { env, cwd: fixture.root });
		expect(bare.code).toBe(0);
		expect(bare.stdout).toContain('The opener lab (opener)');
		expect(bare.stdout).not.toContain('Usage:');
		const byId = runCliSync(['opener', '--yes'], { env, cwd: fixture.root });
		expect(byId.code).toBe(0);
		expect(byId.stdout).toContain('The opener lab (opener)');
		const yesFirst = runCliSync(['--yes', path.join(fixture.labDir, 'lab.yaml'), '--set', 'name=ada'], { env, cwd: fixture.root });
		expect(yesFirst.code).toBe(0);
		expect(yesFirst.stdout).toContain('The opener lab (opener)');
		const typo = runCliSync(['opnr'], { env, cwd: fixture.root });
		expect(typo.code).toBe(2);
		expect(typo.stderr).toContain('unknown command "opnr"');
	});
});
