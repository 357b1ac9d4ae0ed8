// How `registry-lab [lab]` shows the lab at a terminal: the full screen, or the linear mode for screen
// readers (--plain, or INK_SCREEN_READER=true as Ink's own setting), with the colour the CLI decided
// from NO_COLOR and FORCE_COLOR. The TUI is a fake that records what it was handed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOpenCommand, wantsLinearMode, type OpenDependencies, type TerminalIo } from '../../src/commands/open.js';
import { createLabRuntime } from '../../src/runtime/lab-runtime.js';
import type { ColorChoice } from '../../src/ui/color-choice.js';
import type { RunTuiOptions } from '../../src/ui/run-tui.js';

const labYaml = `version: 1
id: modes
title: The modes lab
steps:
  - id: sky
    title: 'Question: the sky'
    prompt: A question.
    question:
      ask: What colour is the sky?
      kind: text
      accept: ['^blue$']
`;

let root: string;

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'registry-lab-open-modes-'));
	mkdirSync(path.join(root, 'labs', 'modes'), { recursive: true });
	writeFileSync(path.join(root, 'labs', 'modes', 'lab.yaml'), labYaml);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Opens the lab at a (pretend) terminal and returns what the TUI was given. */
async function openedWith(args: string[], env: Record<string, string> = {}, color?: ColorChoice): Promise<RunTuiOptions> {
	const calls: RunTuiOptions[] = [];
	const deps: OpenDependencies = {
		loadTui: async () => ({
			runTui: async (options) => {
				calls.push(options);
				return { outcome: 'quit', quitBy: 'key', stoppedRegistry: false, done: 0, total: 1 };
			},
		}),
		createRuntime: createLabRuntime,
	};
	const io: TerminalIo = {
		stdout: () => undefined,
		stderr: () => undefined,
		cwd: root,
		env: {
			PATH: process.env.PATH,
			REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'),
			REGISTRY_LAB_STATE_DIR: path.join(root, 'state'),
			...env,
		},
		isTerminal: true,
		...(color ? { color } : {}),
	};
	// --yes: the lab is the test's own.
	expect(await runOpenCommand(['modes', ...args, '--yes'], io, deps)).toBe(0);
	expect(calls).toHaveLength(1);
	return calls[0]!;
}

describe('registry-lab [lab] at a terminal', () => {
	it('draws the full screen by default', async () => {
		expect((await openedWith([])).isLinear).toBe(false);
	});

	it('opens the linear mode with --plain', async () => {
		expect((await openedWith(['--plain'])).isLinear).toBe(true);
	});

	it('opens the linear mode when a screen reader setting says INK_SCREEN_READER=true', async () => {
		expect((await openedWith([], { INK_SCREEN_READER: 'true' })).isLinear).toBe(true);
	});

	it('hands the TUI the colour the CLI decided', async () => {
		expect((await openedWith([], {}, { kind: 'never' })).color).toEqual({ kind: 'never' });
	});
});

describe('wantsLinearMode', () => {
	it.each<[string, boolean | undefined, Record<string, string>, boolean]>([
		['neither', undefined, {}, false],
		['--plain', true, {}, true],
		['INK_SCREEN_READER=true', undefined, { INK_SCREEN_READER: 'true' }, true],
		['INK_SCREEN_READER with another value (Ink reads only true)', undefined, { INK_SCREEN_READER: '1' }, false],
	])('%s', (_name, plain, env, expected) => {
		expect(wantsLinearMode(plain, env)).toBe(expected);
	});
});
