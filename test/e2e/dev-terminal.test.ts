// `registry-lab dev` in a real terminal (tmux), on the built CLI, with a small lab copied to a
// temporary folder whose commands need no network (files in the workspace). The author trusts the
// lab once, then: an edited title shows, a syntax error shows with its line over the lab, the fixed
// file brings the lab back on the same step, and p proves the selected step phase by phase.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt } from '../commands/built-cli.js';
import { hasTmux, startTmux, type Tmux } from './support/tmux.js';

const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');
if (!tmuxFound) console.warn('Skipping registry-lab dev in a terminal: tmux is not installed.');

const labYaml = `version: 1
id: dev-demo
title: A lab being written
files: [greeting.txt]
steps:
  - id: make
    title: Make a file
    prompt: Make made.txt in the workspace.
    hints: [touch made.txt]
    setup: ['rm -f made.txt']
    solution: ['touch made.txt']
    check:
      - run: test -f made.txt
        fail: There is no made.txt yet.
  - id: copy
    title: Copy the greeting
    prompt: Copy greeting.txt to copy.txt.
    hints: [cp greeting.txt copy.txt]
    setup: ['rm -f copy.txt']
    solution: ['sleep 1', 'cp greeting.txt copy.txt']
    check:
      - run: test -f copy.txt
        fail: There is no copy.txt yet.
`;

/** An edit must show within a second or two; this bound leaves room for a busy machine, no more. */
const edit = { timeoutMs: 5_000 };

describe.skipIf(!tmuxFound)('registry-lab dev in a real terminal', () => {
	let tmux: Tmux;
	let root: string;
	let labFile: string;
	const pane = 'dev:0';

	/** Saves the lab file as editors do: a new file renamed over the old one. */
	const save = (text: string): void => {
		writeFileSync(`${labFile}.swp`, text);
		renameSync(`${labFile}.swp`, labFile);
	};

	beforeAll(async () => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-dev-terminal-'));
		mkdirSync(path.join(root, 'labs', 'dev-demo'), { recursive: true });
		labFile = path.join(root, 'labs', 'dev-demo', 'lab.yaml');
		writeFileSync(labFile, labYaml);
		writeFileSync(path.join(root, 'labs', 'dev-demo', 'greeting.txt'), 'hello\n');
		tmux = startTmux({ socket: `registry-lab-dev-${process.pid}` });
		tmux.startSession(
			'dev',
			{
				argv: [process.execPath, cliPath, 'dev', 'labs/dev-demo'],
				cwd: root,
				env: {
					REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'),
					REGISTRY_LAB_STATE_DIR: path.join(root, 'state'),
					NO_COLOR: '1',
				},
			},
			{ width: 110, height: 32 },
		);
		// Not bundled: the trust question comes first, as for open and test.
		await tmux.waitForText(pane, 'Trust this lab and let it run these commands? [y/N]');
		tmux.sendKeys(pane, 'y', 'Enter');
		await tmux.waitForText(pane, 'Press Enter to start');
		await tmux.waitForKeys(pane);
		tmux.sendKeys(pane, 'Enter');
		await tmux.waitForText(pane, 'Step 1 of 2 · Make a file');
		tmux.sendKeys(pane, 'Down');
		await tmux.waitForText(pane, 'Step 2 of 2 · Copy the greeting');
	});

	afterAll(() => {
		tmux?.kill();
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('shows an edited title within a second or two, on the same step', async () => {
		save(labYaml.replace('title: A lab being written', 'title: A lab with a new title'));
		const screen = await tmux.waitForText(pane, 'A lab with a new title', edit);
		expect(screen).toContain('Step 2 of 2 · Copy the greeting');
	});

	it('shows a syntax error at its line over the lab', async () => {
		save(readFileSync(labFile, 'utf8').replace('    title: Copy the greeting', '    title: "Copy the greeting'));
		const screen = await tmux.waitForText(pane, /labs\/dev-demo\/lab\.yaml:16:12: YAML syntax error/, edit);
		expect(screen).toContain('The lab file has problems');
		expect(screen).not.toContain('Step 2 of 2');
	});

	it('brings the lab back by itself once the file is fixed, on the step that was selected', async () => {
		save(readFileSync(labFile, 'utf8').replace('    title: "Copy the greeting', '    title: Copy the greeting again'));
		const screen = await tmux.waitForText(pane, 'Step 2 of 2 · Copy the greeting again', edit);
		expect(screen).not.toContain('The lab file has problems');
	});

	it('p proves the selected step and shows each phase as it finishes', async () => {
		tmux.sendKeys(pane, 'p');
		// While the solution runs (it sleeps a second), the phases before it are already ticked.
		const running = await tmux.waitForText(pane, '… solution');
		expect(running).toContain('Proof (running):');
		expect(running).toContain('✔ checks fail before the solution');
		expect(running).not.toContain('Proven:');
		const screen = await tmux.waitForText(pane, 'Proven:');
		const rows = screen.split('\n').map((row) => row.slice(row.indexOf('│') + 1).trim());
		const start = rows.indexOf('Proof:');
		expect(rows.slice(start, start + 6)).toEqual([
			'Proof:',
			'✔ setup',
			'✔ checks fail before the solution',
			'✔ solution',
			'✔ checks pass after the solution',
			'✔ Proven: Its checks fail before the solution and pass after it.',
		]);
		// The proof ran the step's commands in the workspace, on the lab's own file.
		expect(readFileSync(path.join(root, 'workspaces', 'dev-demo', 'copy.txt'), 'utf8')).toBe('hello\n');
	});

	it('quits with q and leaves the terminal', async () => {
		tmux.sendKeys(pane, 'q');
		await tmux.waitFor(pane, () => tmux.isPaneDead(pane), 'dev to exit');
	});
});

describe.skipIf(!tmuxFound)('registry-lab dev started on a lab file that does not load', () => {
	let tmux: Tmux;
	let root: string;
	const pane = 'broken:0';

	afterAll(() => {
		tmux?.kill();
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('lists the problems at their lines, waits, and opens the lab once the file is fixed', async () => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-dev-broken-'));
		const labDir = path.join(root, 'labs', 'dev-demo');
		mkdirSync(labDir, { recursive: true });
		writeFileSync(path.join(labDir, 'greeting.txt'), 'hello\n');
		const broken = labYaml.replace('    title: Make a file', '    title: "Make a file');
		writeFileSync(path.join(labDir, 'lab.yaml'), broken);
		tmux = startTmux({ socket: `registry-lab-dev-broken-${process.pid}` });
		tmux.startSession(
			'broken',
			{
				argv: [process.execPath, cliPath, 'dev', 'labs/dev-demo', '--yes'],
				cwd: root,
				env: { REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'), REGISTRY_LAB_STATE_DIR: path.join(root, 'state'), NO_COLOR: '1' },
			},
			{ width: 110, height: 32 },
		);
		const waiting = await tmux.waitForText(pane, 'Waiting for you to fix it');
		expect(waiting).toMatch(/labs\/dev-demo\/lab\.yaml:7:12: YAML syntax error/);
		writeFileSync(path.join(labDir, 'lab.yaml'), labYaml);
		await tmux.waitForText(pane, 'Press Enter to start', edit);
		await tmux.waitForKeys(pane);
		tmux.sendKeys(pane, 'q');
		await tmux.waitFor(pane, () => tmux.isPaneDead(pane), 'dev to exit');
	});
});
