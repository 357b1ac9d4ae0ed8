// The trust question in a real terminal (tmux): a lab that is not bundled lists its commands and
// asks on the terminal before the full-screen lab starts; after a yes the lab opens, the next run
// opens without asking, and once the lab file changes it asks again (and Enter alone is a no).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quote } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt } from '../commands/built-cli.js';
import { killTmuxServer } from './support/tmux.js';
import { eventually } from '../support/eventually.js';

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.warn('Skipping the trust question in a terminal: tmux is not installed');

const sharedLab = `version: 1
id: shared
title: A shared lab
steps:
  - id: make
    title: Make a file
    prompt: Make made.txt in the workspace.
    hints: [touch made.txt]
    solution: ['touch made.txt']
    check:
      - run: test -e made.txt
        fail: There is no made.txt yet.
`;

describe.skipIf(!hasTmux)('the trust question at a terminal', () => {
	const socket = `registry-lab-trust-${process.pid}`;
	let root: string;
	let session = 0;

	const tmux = (...args: string[]): string => {
		const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 30_000 });
		if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
		return result.stdout;
	};

	/** Opens the lab in a new tmux session; returns its name. */
	const open = (): string => {
		const name = `run${++session}`;
		const env = [
			`REGISTRY_LAB_WORKSPACE=${path.join(root, 'workspaces')}`,
			`REGISTRY_LAB_STATE_DIR=${path.join(root, 'state')}`,
			'NO_COLOR=1',
		];
		tmux(
			'new-session',
			'-d',
			'-s',
			name,
			'-x',
			'110',
			'-y',
			'30',
			`cd ${quote([root])} && env ${quote([...env, process.execPath, cliPath, 'labs/shared'])}; echo "exit code $?"`,
		);
		tmux('set-option', '-t', name, 'remain-on-exit', 'on');
		return name;
	};

	const waitFor = (name: string, pattern: RegExp, what: string): Promise<string> => {
		const screen = (): string => tmux('capture-pane', '-p', '-t', name);
		return eventually(
			() => {
				const shown = screen();
				return pattern.test(shown) ? shown : undefined;
			},
			{ what, timeoutMs: 60_000, lastSeen: screen },
		);
	};

	beforeAll(() => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-trust-terminal-'));
		mkdirSync(path.join(root, 'labs', 'shared'), { recursive: true });
		writeFileSync(path.join(root, 'labs', 'shared', 'lab.yaml'), sharedLab);
		// Each test kills its session; with none left the server exits, and a new-session racing that
		// exit fails with "server exited unexpectedly". A session that stays keeps the server up.
		tmux('new-session', '-d', '-s', 'keep-server', 'sleep 86400');
	});

	afterAll(() => {
		killTmuxServer(socket);
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('lists the commands and asks before the lab opens; after a yes the lab opens', async () => {
		const name = open();
		const asked = await waitFor(name, /Trust this lab and let it run these commands\? \[y\/N\]/, 'the question');
		expect(asked).toContain('labs/shared/lab.yaml (A shared lab) is not one of the labs that come with registry-lab.');
		expect(asked).toMatch(/step make: Make a file\n\s+solution\s+touch made\.txt\n\s+check\s+test -e made\.txt/);
		tmux('send-keys', '-t', name, 'y', 'Enter');
		await waitFor(name, /Press Enter to start/, 'the lab’s welcome screen');
		tmux('kill-session', '-t', name);
	});

	it('opens without asking the next time', async () => {
		const name = open();
		const screen = await waitFor(name, /Press Enter to start|Trust this lab/, 'the lab or the question');
		expect(screen).not.toContain('Trust this lab');
		tmux('kill-session', '-t', name);
	});

	it('asks again once the lab changes, and Enter alone is a no: nothing opens, exit 2', async () => {
		appendFileSync(path.join(root, 'labs', 'shared', 'lab.yaml'), '# edited\n');
		const name = open();
		await waitFor(name, /Trust this lab/, 'the question again');
		tmux('send-keys', '-t', name, 'Enter');
		const screen = await waitFor(name, /Nothing was run: you did not trust labs\/shared\/lab\.yaml/, 'the refusal');
		expect(screen).not.toContain('Press Enter to start');
		// tmux does not always record a dead pane's status, so the pane's shell prints the exit code.
		expect((await waitFor(name, /exit code \d+/, 'the exit code')).match(/exit code (\d+)/)?.[1]).toBe('2');
	});
});
