// What the author's mode draws, as lines that fit their width: a step's proof, phase by phase as it
// happens, and the problems of a lab file that no longer loads. Pure, tested without a terminal.
import type { ProofRun } from '../session/dev-state.js';
import type { Line } from './step-pane.js';
import { wrapText } from './text-layout.js';

/** Each phase of `test` in words; a phase added later shows under its own name. */
const phaseWords: Record<string, string> = {
	setup: 'setup',
	'before-solution': 'checks fail before the solution',
	'wrong-state': 'checks fail in each wrong state',
	solution: 'solution',
	'after-solution': 'checks pass after the solution',
	canceled: 'canceled',
};

const marks = { running: '…', passed: '✔', failed: '✖' } as const;
const colors = { running: 'cyan', passed: 'green', failed: 'red' } as const;

/** Lines cut to the width, each piece keeping its line's style. */
function fit(lines: Line[], width: number): Line[] {
	return lines.flatMap((line) => (line.text === '' ? [line] : wrapText(line.text, width).map((text) => ({ ...line, text }))));
}

/** The proof of the step in view: a title, one line per phase started, then the verdict. */
export function proofLines(proof: ProofRun, width: number): Line[] {
	const lines: Line[] = [{ text: proof.isRunning ? 'Proof (running):' : 'Proof:', isBold: true }];
	for (const item of proof.phases) {
		const words = phaseWords[item.phase] ?? item.phase;
		lines.push({ text: `${marks[item.status]} ${words}`, color: colors[item.status] });
		if (item.message) lines.push({ text: `  ${item.message}`, color: 'red' });
	}
	const outcome = proof.outcome;
	if (outcome && outcome.status === 'passed') lines.push({ text: `✔ Proven: ${outcome.message}`, color: 'green', isBold: true });
	if (outcome && outcome.status === 'skipped') lines.push({ text: outcome.message, isDim: true });
	if (outcome && proof.phases.length === 0 && (outcome.status === 'failed' || outcome.status === 'canceled'))
		lines.push({ text: outcome.message, color: 'red' });
	return fit(lines, width);
}

/** The lab file's problems, over the lab until the file is fixed. */
export function problemsLines(problems: readonly string[], width: number): Line[] {
	const title: Line = { text: 'The lab file has problems; the lab comes back by itself once you fix them and save:', isBold: true };
	return fit([title, { text: '' }, ...problems.map((problem): Line => ({ text: problem, color: 'red' }))], width);
}
