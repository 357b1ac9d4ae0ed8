// The answer field in a real terminal (tmux), through the built CLI: stray letters on a question
// already answered right start a visible new attempt, Esc drops it, and after quitting the saved
// right answer is still what the progress file and `check --json` report. And a terminal too small
// for the layout gets one line asking for a bigger one, and keys still quit.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import type { ProgressState } from '../../src/progress/progress-store.js';
import { cliPath, ensureBuilt, repoRoot, runCliSync } from '../commands/built-cli.js';
import { registryTestsEnabled, startRegistry, type TestRegistry } from '../support/registry-server.js';
import { savedProgress } from '../support/saved-progress.js';
import { requireDocker } from './support/docker.js';
import { hasTmux, startTmux, type PaneCommand, type Tmux } from './support/tmux.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');
if (!tmuxFound) console.warn('Skipping the answer field in a real terminal: tmux is not installed.');
const canRun = docker.available && tmuxFound && registryTestsEnabled();

const rightAnswer = 'docker.io/kiamol/ch05-pi:latest';

describe.skipIf(!canRun)('the answer field and a small terminal, in a real terminal', () => {
	let tmux: Tmux;
	// An open registry plays Docker Hub, so the doctor finds nothing to put over the lab.
	let hub: TestRegistry;
	let root: string;
	let stateDir: string;
	let lab: PaneCommand;
	let progressFile: string;

	const readProgress = (): ProgressState => JSON.parse(readFileSync(progressFile, 'utf8')) as ProgressState;

	beforeAll(async () => {
		ensureBuilt();
		hub = await startRegistry({ mode: 'open' });
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-answer-field-'));
		stateDir = path.join(root, 'state');
		progressFile = path.join(stateDir, 'progress', 'registries.json');
		// Given a learner who answered the defaults question right in an earlier run
		mkdirSync(path.dirname(progressFile), { recursive: true });
		const saved = savedProgress({
			done: ['reference-defaults'],
			answers: { 'reference-defaults': { text: rightAnswer, correct: true } },
			selected: 'reference-defaults',
		});
		writeFileSync(progressFile, JSON.stringify(saved));
		const hubHost = hub.host;
		lab = {
			argv: [process.execPath, cliPath, 'registries', '--set', `hub=${hubHost}`, '--set', `registryPort=${await freePort()}`],
			env: { REGISTRY_LAB_STATE_DIR: stateDir, REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces') },
			cwd: repoRoot,
		};
		tmux = startTmux();
	});

	afterAll(async () => {
		tmux?.kill();
		await hub?.stop();
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('keeps the saved right answer through stray letters and Esc, and check --json still reports it passed', async () => {
		tmux.startSession('answered', lab, { width: 100, height: 30 });
		const pane = 'answered:0';
		// Then the question shows its saved answer with ✔, and the footer says letters type into it
		const opened = await tmux.waitForText(pane, `Your answer: ${rightAnswer}`);
		expect(opened).toContain('✔ Right!');
		expect(opened).toContain('Letters start a new answer  Esc/Tab: keys');
		await tmux.waitForKeys(pane);
		// Let the start settle: the header shows what Docker and the registry are doing
		await tmux.waitForText(pane, /Docker ● up/);

		// When stray letters land in the field (keys meant for the step list: j k q h)
		tmux.type(pane, 'jkqh');
		// Then they are a visible new attempt, under the saved answer, which keeps its ✔
		const attempt = await tmux.waitForText(pane, 'New attempt: jkqh▌');
		expect(attempt).toContain(`Saved answer: ${rightAnswer} ✔`);
		expect(attempt).toContain('Esc to keep your saved answer');
		// and the progress file keeps the right answer, with the letters only as a draft
		await tmux.waitFor(pane, () => readProgress().drafts?.['reference-defaults'] === 'jkqh', 'the draft saved beside the answer');
		expect(readProgress().answers['reference-defaults']).toEqual({ text: rightAnswer, correct: true });

		// When Esc is pressed, and then q
		tmux.sendKeys(pane, 'Escape');
		await tmux.waitFor(
			pane,
			(screen) => screen.includes(`Your answer: ${rightAnswer}`) && !screen.includes('New attempt'),
			'the new attempt dropped',
		);
		tmux.sendKeys(pane, 'q');
		await tmux.waitFor(pane, () => tmux.isPaneDead(pane), 'the lab to quit on q');

		// Then the saved answer is intact, the step done, and no draft is left
		const progress = readProgress();
		expect(progress.answers['reference-defaults']).toEqual({ text: rightAnswer, correct: true });
		expect(progress.done).toContain('reference-defaults');
		expect(progress.drafts).toBeUndefined();
		const check = runCliSync(['check', 'registries', '--json', '--step', 'reference-defaults', '--set', `hub=${hub.host}`], {
			env: lab.env,
		});
		const report = JSON.parse(check.stdout) as { steps: Array<{ id: string; status: string; done: boolean }> };
		expect(report.steps).toEqual([expect.objectContaining({ id: 'reference-defaults', status: 'passed', done: true })]);
		expect(check.code).toBe(0);
	});

	it('shows one line asking for a bigger terminal at 40x12, the lab again once it grows, and quits on q', async () => {
		tmux.startSession('small', lab, { width: 40, height: 12 });
		const pane = 'small:0';
		// Then the only thing on the screen is the line asking for a bigger terminal (no header cut to `00`)
		const small = await tmux.waitForText(pane, 'Make it at least 60×15 (now 40×12)');
		expect(small.split('\n').filter((row) => row.trim() !== '')).toEqual(['Make it at least 60×15 (now 40×12)']);
		await tmux.waitForKeys(pane);
		// When the terminal grows to the smallest size the layout works at
		tmux.tmux(['resize-window', '-t', pane, '-x', '60', '-y', '15']);
		// Then the lab is back, on the question as it was left
		const grown = await tmux.waitForText(pane, '✔ Right!');
		expect(grown).toContain(rightAnswer);
		expect(grown).not.toContain('Make it at least');
		// When it shrinks again, letters type nothing unseen, and q quits
		tmux.tmux(['resize-window', '-t', pane, '-x', '40', '-y', '12']);
		await tmux.waitForText(pane, 'Make it at least 60×15 (now 40×12)');
		tmux.type(pane, 'jk');
		tmux.sendKeys(pane, 'q');
		await tmux.waitFor(pane, () => tmux.isPaneDead(pane), 'the lab to quit on q');
		expect(readProgress().drafts).toBeUndefined();
		expect(readProgress().answers['reference-defaults']).toEqual({ text: rightAnswer, correct: true });
	});
});
