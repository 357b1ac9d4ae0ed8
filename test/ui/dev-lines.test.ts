// What dev draws: a step's proof phase by phase (a mark and words for each, the failure's message
// under its phase), and the problems of a lab file that no longer loads, each within the width.
import { describe, expect, it } from 'vitest';
import type { ProofRun } from '../../src/session/dev-state.js';
import { problemsLines, proofLines } from '../../src/ui/dev-lines.js';

const run = (change: Partial<ProofRun>): ProofRun => ({ id: 1, stepId: 'make', phases: [], isRunning: true, ...change });
const texts = (lines: { text: string }[]) => lines.map((line) => line.text);

describe('proofLines', () => {
	it('while running, ticks the phases done and marks the one running', () => {
		const lines = proofLines(
			run({
				phases: [
					{ phase: 'setup', status: 'passed' },
					{ phase: 'before-solution', status: 'passed' },
					{ phase: 'wrong-state', status: 'running' },
				],
			}),
			60,
		);
		expect(texts(lines)).toEqual(['Proof (running):', '✔ setup', '✔ checks fail before the solution', '… checks fail in each wrong state']);
	});

	it('after a failure, says what failed under its phase and no verdict of success', () => {
		const lines = proofLines(
			run({
				isRunning: false,
				phases: [
					{ phase: 'setup', status: 'passed' },
					{ phase: 'before-solution', status: 'failed', message: 'The checks already pass before the solution ran.' },
				],
				outcome: { status: 'failed', message: 'The checks already pass before the solution ran.' },
			}),
			60,
		);
		expect(texts(lines)).toEqual([
			'Proof:',
			'✔ setup',
			'✖ checks fail before the solution',
			'  The checks already pass before the solution ran.',
		]);
		expect(lines.at(-1)?.color).toBe('red');
	});

	it('names a phase it does not know by its own name, and wraps to the width', () => {
		const lines = proofLines(run({ phases: [{ phase: 'brand-new-phase', status: 'running' }] }), 60);
		expect(texts(lines)).toContain('… brand-new-phase');
		const long = proofLines(run({ isRunning: false, outcome: { status: 'passed', message: 'word '.repeat(40).trim() } }), 30);
		expect(long.every((line) => line.text.length <= 30)).toBe(true);
	});
});

describe('problemsLines', () => {
	it('says the lab comes back once fixed, then each problem as lab.yaml:LINE:COL, within the width', () => {
		const lines = problemsLines(['lab.yaml:6:12: YAML syntax error: this quoted value is never closed; add the closing "'], 50);
		expect(lines[0]?.text).toMatch(/^The lab file has problems/);
		expect(texts(lines).slice(2).join(' ')).toContain('lab.yaml:6:12: YAML syntax error');
		expect(lines.every((line) => line.text.length <= 50)).toBe(true);
	});
});
