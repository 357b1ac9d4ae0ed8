// The linear mode for screen readers (registry-lab --plain), as a transcript of a short session in a
// real terminal (tmux), driven by the built CLI on the real Docker engine: the Docker ID asked for,
// the lab started, a move to a question, a wrong then a right answer, a hint, quitting. Every
// announcement must be in the terminal's scrollback exactly once and in order, and the raw output
// must hold nothing that moves the cursor to another line or clears the screen: a screen reader
// follows text appended at the bottom, never a redraw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { loadLab } from '../../src/lab/load-lab.js';
import { cliPath, ensureBuilt, repoRoot } from '../commands/built-cli.js';
import { requireDocker, requireRegistryNameFree } from './support/docker.js';
import { controlSequences, startRecordedSession, type RecordedPane } from './support/recorded-pane.js';
import { hasTmux, startTmux, type Tmux } from './support/tmux.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');

const lab = loadLab(path.join(repoRoot, 'labs', 'registries', 'lab.yaml')).lab!;
const total = lab.steps.length;
const questionIndex = lab.steps.findIndex((step) => step.id === 'reference-defaults');
const question = lab.steps[questionIndex]!;
const tick = { timeoutMs: 120_000 };

/** Markdown as the linear mode says it: no backticks or emphasis marks, single spaces. */
function plain(text: string): string {
	return text.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

/** The transcript as one line of words, so a sentence the terminal wrapped still reads whole. */
function words(transcript: string): string {
	return transcript.replace(/\s+/g, ' ');
}

function count(haystack: string, needle: string): number {
	return haystack.split(needle).length - 1;
}

/**
 * What may appear in the raw output: the live line (the answer being typed) is redrawn in place,
 * erased (ESC[2K) and started again at its first column (ESC[G); the cursor is shown (?25h) or
 * hidden (?25l); a frame is marked as one update (?2026h/l). Nothing moves to another line, clears
 * the screen, scrolls, or leaves the normal screen.
 */
const allowed = new Set(['\u001b[2K', '\u001b[G', '\u001b[?25h', '\u001b[?25l', '\u001b[?2026h', '\u001b[?2026l']);

describe.skipIf(!docker.available || !tmuxFound)('registry-lab --plain: one line per change, for a screen reader', () => {
	let tmux: Tmux;
	let scratch: string;
	let pane: RecordedPane;

	beforeAll(async () => {
		ensureBuilt();
		requireRegistryNameFree();
		scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-plain-'));
		// Nothing listens on the hub port: the push steps fail fast and nothing reaches for the internet.
		const hubPort = await freePort();
		const registryPort = await freePort();
		tmux = startTmux();
		pane = startRecordedSession(
			tmux,
			'plain',
			{
				argv: [
					process.execPath,
					cliPath,
					'registries',
					'--plain',
					'--set',
					`hub=127.0.0.1:${hubPort}`,
					'--set',
					`registryPort=${registryPort}`,
				],
				env: {
					TERM: 'xterm-256color',
					REGISTRY_LAB_STATE_DIR: path.join(scratch, 'state'),
					REGISTRY_LAB_WORKSPACE: path.join(scratch, 'workspace'),
				},
				cwd: repoRoot,
			},
			{ width: 100, height: 30 },
			path.join(scratch, 'plain.raw'),
		);
	});

	afterAll(() => {
		tmux?.kill();
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	});

	/** The whole scrollback, wrapped lines joined. */
	const transcript = (): string => tmux.tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', pane.target]);
	const waitToSay = (text: string) => tmux.waitFor(pane.target, () => words(transcript()).includes(text), JSON.stringify(text), tick);

	const ask = lab.variables?.dockerId?.ask ?? '';
	const wrongFeedback = plain(question.question?.feedback?.[0]?.say ?? '');
	const firstHint = plain(question.hints?.[0] ?? '');
	/** Each thing the session must say, in the order it says them. */
	const announcements = [
		`${lab.title}: 0 of ${total} steps done.`,
		ask,
		'Press Enter to start.',
		`✔ Step 1 of ${total} done: ${lab.steps[0]!.title}`,
		`Step 2 of ${total}: ${lab.steps[1]!.title}`,
		`Step ${questionIndex + 1} of ${total}: ${question.title}`,
		'✗ Not quite.',
		wrongFeedback,
		'✔ Right! docker.io/kiamol/ch05-pi:latest',
		`✔ Step ${questionIndex + 1} of ${total} done: ${question.title}`,
		`Hint 1 of ${question.hints?.length}:`,
		firstHint,
		'Saving your progress…',
		`2 of ${total} steps done. Run registry-lab registries to carry on where you left off.`,
	];

	it('says the lab and its progress, then asks for the Docker ID and takes it', async () => {
		expect(ask).not.toBe('');
		await waitToSay(ask);
		await tmux.waitForKeys(pane.target);
		tmux.type(pane.target, 'learner1');
		tmux.sendKeys(pane.target, 'Enter');
		await waitToSay('Press Enter to start.');
		tmux.sendKeys(pane.target, 'Enter');
		await waitToSay(`Step 2 of ${total}: ${lab.steps[1]!.title}`);
	});

	it('says each step moved to, down to the first question', async () => {
		for (let index = 2; index <= questionIndex; index++) {
			tmux.sendKeys(pane.target, 'Down');
			await waitToSay(`Step ${index + 1} of ${total}: ${lab.steps[index]!.title}`);
		}
	});

	it('says the verdict and feedback of a wrong answer, then of a right one and the step done', async () => {
		expect(wrongFeedback).not.toBe('');
		tmux.type(pane.target, 'kiamol/ch05-pi');
		tmux.sendKeys(pane.target, 'Enter');
		await waitToSay(wrongFeedback);
		// The wrong answer stays in the field, as in the full screen: Ctrl+U clears it.
		tmux.sendKeys(pane.target, 'C-u');
		tmux.type(pane.target, 'docker.io/kiamol/ch05-pi:latest');
		tmux.sendKeys(pane.target, 'Enter');
		await waitToSay(`✔ Step ${questionIndex + 1} of ${total} done: ${question.title}`);
	});

	it('says a hint as it is revealed, and that it saves the progress on quitting', async () => {
		expect(firstHint).not.toBe('');
		// The answer field has the letter keys: Tab gives them back, as in the full screen.
		tmux.sendKeys(pane.target, 'Tab', 'h');
		await waitToSay(firstHint);
		tmux.sendKeys(pane.target, 'q');
		await tmux.waitFor(pane.target, () => tmux.isPaneDead(pane.target), 'the lab to exit', tick);
		await waitToSay(announcements.at(-1)!);
	});

	it('has said each of them exactly once, in order', () => {
		const said = words(transcript());
		let from = 0;
		for (const announcement of announcements) {
			expect(count(said, announcement), announcement).toBe(1);
			const at = said.indexOf(announcement, from);
			expect(at, `"${announcement}" after what was said before it`).toBeGreaterThanOrEqual(from);
			from = at + announcement.length;
		}
		// What was typed changed one line in place; it never became lines of its own.
		expect(transcript()).not.toMatch(/^Your answer:/m);
	});

	it('wrote nothing that moves the cursor to another line, clears the screen or leaves the normal screen', () => {
		const raw = pane.raw();
		expect(raw).toContain(announcements[0]);
		const others = controlSequences(raw)
			.map((sequence) => sequence.text)
			.filter((sequence) => !allowed.has(sequence));
		expect([...new Set(others)].map((sequence) => JSON.stringify(sequence))).toEqual([]);
		// Each erase is of the live line only: straight back to its first column, never up.
		expect(count(raw, '\u001b[2K')).toBe(count(raw, '\u001b[2K\u001b[G'));
	});
});
