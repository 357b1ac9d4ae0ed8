import { describe, expect, it } from 'vitest';
import { stepText } from '../../src/session/lab-steps.js';
import type { StepProgress } from '../../src/session/session-reducer.js';
import { fitPane, stepDocument, stepPinned, type Line, type StepPaneInput } from '../../src/ui/step-pane.js';
import { failed, fixtureLab, fixtureVars, passed } from '../session/fixture-lab.js';

function progress(change: Partial<StepProgress> = {}): StepProgress {
	return { status: 'not-yet', results: [], hintsShown: 0, solutionShown: false, answer: '', ...change };
}

function input(stepIndex: number, change: Partial<StepProgress> = {}, rest: Partial<StepPaneInput> = {}): StepPaneInput {
	const step = fixtureLab.steps[stepIndex]!;
	return {
		text: stepText(step, { ...fixtureVars, workspace: '/w' }),
		progress: progress(change),
		hintCount: step.hints?.length ?? 0,
		isQuestion: stepIndex === 3,
		focus: stepIndex === 3 ? 'answer' : 'keys',
		width: 60,
		...rest,
	};
}

const texts = (lines: Line[]): string[] => lines.map((line) => line.text);

describe('stepDocument', () => {
	it('shows only the hints revealed so far, numbered', () => {
		const lines = texts(stepDocument(input(1, { hintsShown: 2 })));
		expect(lines).toContain('Hint 1 of 3');
		expect(lines).toContain('Hint 2 of 3');
		expect(lines).not.toContain('Hint 3 of 3');
		expect(lines).toContain('  The tag is learner1/curl:21.06.');
	});

	it('shows the solution only once it was confirmed', () => {
		expect(texts(stepDocument(input(2)))).not.toContain('Solution');
		const lines = texts(stepDocument(input(2, { solutionShown: true })));
		expect(lines.slice(-2)).toEqual(['Solution', '  docker run -d -p 5000:5000 --name registry registry:2']);
	});

	it('shows the question under the prompt', () => {
		expect(texts(stepDocument(input(3)))).toContain('What is the full reference for the image kiamol/ch05-pi?');
	});
});

describe('stepPinned', () => {
	it.each<[string, Partial<StepProgress>, string[]]>([
		['nothing before the first check', {}, []],
		['a running check', { checkingId: 1 }, ['Checking…']],
		['a done step', { status: 'done', results: [passed()] }, ['✔ Done: every check passes.']],
		[
			'which check failed, why, and the output tail',
			{ status: 'failed', results: [passed(), failed('No image yet.', 'expected exit code 0, got 1', 'a\nb\nc\nd\n')] },
			['Not done yet:', 'No image yet.', '  expected exit code 0, got 1', '  │ b', '  │ c', '  │ d'],
		],
		[
			'a regression, and how many more checks fail',
			{ status: 'regressed', results: [failed('The registry is not running.', ''), failed('second')] },
			['✖ This step was done, but now a check fails:', 'The registry is not running.', '(and 1 more check fails)'],
		],
	])('shows %s', (_name, change, expected) => {
		expect(texts(stepPinned(input(1, change)))).toEqual(expected);
	});

	it('asks before showing the solution', () => {
		expect(texts(stepPinned(input(1, {}, { overlay: 'confirm-solution' })))[0]).toMatch(/Show the solution\?/);
	});

	it.each<[string, Partial<StepProgress>, Partial<StepPaneInput>, string[]]>([
		['the answer field with a cursor', { answer: 'kiamol' }, {}, ['Your answer: kiamol▌']],
		['how to get back to the field', { answer: 'kiamol' }, { focus: 'keys' }, ['Your answer: kiamol', 'Press Tab or Enter to type your answer.']],
		['feedback for a wrong answer', { answer: 'x', verdict: { correct: false, feedback: 'Add the tag.' } }, {}, ['Your answer: x▌', '✗ Not quite.', 'Add the tag.']],
		[
			'the verdict and explanation for a right answer',
			{ answer: 'd', verdict: { correct: true, feedback: '', normalized: 'docker.io/kiamol/ch05-pi:latest' } },
			{},
			['Your answer: d▌', '✔ Right! docker.io/kiamol/ch05-pi:latest', 'Docker adds the registry docker.io and the tag latest.'],
		],
		[
			'the judge’s explanation once, instead of the lab’s',
			{ answer: 'd', verdict: { correct: true, feedback: 'Docker adds docker.io and latest.' } },
			{},
			['Your answer: d▌', '✔ Right!', 'Docker adds docker.io and latest.'],
		],
	])('on a question shows %s', (_name, change, rest, expected) => {
		expect(texts(stepPinned(input(3, change, rest)))).toEqual(expected);
	});
});

describe('fitPane', () => {
	const doc = (count: number): Line[] => Array.from({ length: count }, (_, index) => ({ text: `line ${index + 1}` }));
	const pinned: Line[] = [{ text: 'pinned' }];

	it('shows a short document whole, a blank, then the pinned block', () => {
		expect(fitPane(doc(3), pinned, 10, 0)).toEqual({ lines: [...doc(3), { text: '' }, ...pinned], page: 8, maxScroll: 0 });
	});

	it.each<[number | 'end', string, string, string]>([
		[0, 'line 1', 'line 7', '↓ more below: PgDn or space'],
		[5, 'line 6', 'line 12', '↓ more below: PgDn or space'],
		['end', 'line 14', 'line 20', '↑ top: PgUp'],
		[99, 'line 14', 'line 20', '↑ top: PgUp'],
	])('cuts a long document at scroll %s to the rows left', (scroll, first, last, indicator) => {
		const view = fitPane(doc(20), pinned, 10, scroll);
		expect(view.lines).toHaveLength(10);
		expect(texts(view.lines)).toEqual([...Array.from({ length: 7 }, (_, index) => expect.any(String)), indicator, '', 'pinned']);
		expect(view.lines[0]?.text).toBe(first);
		expect(view.lines[6]?.text).toBe(last);
		expect(view.maxScroll).toBe(13);
		expect(view.page).toBe(5);
	});

	it('cuts a pinned block taller than half the rows', () => {
		const view = fitPane(doc(2), doc(9).map((line) => ({ text: `p${line.text}` })), 10, 0);
		expect(texts(view.lines).slice(-5)).toEqual(['pline 1', 'pline 2', 'pline 3', 'pline 4', '…']);
	});
});
