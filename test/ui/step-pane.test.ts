import { describe, expect, it } from 'vitest';
import { stepText } from '../../src/session/lab-steps.js';
import type { StepProgress } from '../../src/session/session-reducer.js';
import { fitPane, stepDocument, stepPinned, type Line, type StepPaneInput } from '../../src/ui/step-pane.js';
import { failed, fixtureLab, fixtureVars, passed } from '../session/fixture-lab.js';

function progress(change: Partial<StepProgress> = {}): StepProgress {
	return { status: 'not-yet', results: [], hintsShown: 0, solutionShown: false, ...change };
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

	it('shows the Podman way under the solution when the step has one', () => {
		const step = { ...fixtureLab.steps[2]!, podman: { solution: ['docker push localhost:{{registryPort}}/alpine:21.07'] } };
		const base = input(2, { solutionShown: true });
		const lines = texts(stepDocument({ ...base, text: stepText(step, { ...fixtureVars, workspace: '/w' }) }));
		expect(lines.slice(-4)).toEqual([
			'  docker run -d -p 5000:5000 --name registry registry:2',
			'',
			'On Podman:',
			'  docker push localhost:5000/alpine:21.07',
		]);
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
			'the lab’s words for the check that failed, and where its evidence is',
			{ status: 'failed', results: [passed(), failed('No image yet.', 'expected exit code 0, got 1', 'a\nb\nc\nd\n')] },
			['Not done yet:', 'No image yet.', 'Press d for what the check saw.'],
		],
		[
			'with d: what the check ran, why it failed, and the end of its output',
			{ status: 'failed', isDetailsShown: true, results: [failed('No image yet.', 'expected exit code 0, got 1', 'a\nb\nc\nd\ne\nf\n')] },
			[
				'Not done yet:',
				'No image yet.',
				'What the check saw (d hides it):',
				'  Checked: docker image inspect learner1/curl:21.06',
				'  expected exit code 0, got 1',
				'  │ d',
				'  │ e',
				'  │ f',
			],
		],
		[
			'the lab’s words alone when there is no evidence to show',
			{ status: 'failed', results: [failed('No image yet.', '')] },
			['Not done yet:', 'No image yet.'],
		],
		[
			'a done step whose work is gone now as done (done is for good)',
			{ status: 'done', results: [passed()], lost: [failed('The registry is not running.', '')] },
			['✔ Done: every check passes.'],
		],
	])('shows %s', (_name, change, expected) => {
		expect(texts(stepPinned(input(1, change)))).toEqual(expected);
	});

	it('says what to redo first when a done step this one builds on lost its work, then this step’s own failure', () => {
		const lostNeeds = [
			{ id: 'build-curl', title: 'Build the image', results: [failed('There is no image learner1/curl:21.06 any more.', '')] },
		];
		const lines = texts(stepPinned(input(2, { status: 'failed', results: [failed('The registry is not running.', '')] }, { lostNeeds })));
		expect(lines).toEqual([
			'First redo “Build the image”: you did it, but your machine',
			'no longer shows it.',
			'  There is no image learner1/curl:21.06 any more.',
			'Not done yet:',
			'The registry is not running.',
		]);
	});

	it.each<[string, number, string]>([
		['points to the next hint while there is one', 2, 'Show the solution? The next hint may be all you need.'],
		['asks only that after the last hint', 3, 'Show the solution?'],
	])('asks before showing the solution, and %s', (_, hintsShown, question) => {
		expect(texts(stepPinned(input(1, { hintsShown }, { overlay: 'confirm-solution', width: 80 })))).toEqual([question, '(y/n)']);
	});

	it.each<[string, Partial<StepProgress>, Partial<StepPaneInput>, string[]]>([
		['an empty answer field with a cursor', {}, {}, ['Your answer: ▌']],
		['the draft with a cursor at its end', { draft: { text: 'kiamol', cursor: 6 } }, {}, ['Your answer: kiamol▌']],
		['the cursor where it stands in the draft', { draft: { text: 'kiamol', cursor: 2 } }, {}, ['Your answer: ki▌amol']],
		[
			'how to get back to the field',
			{ draft: { text: 'kiamol', cursor: 6 } },
			{ focus: 'keys' },
			['Your answer: kiamol', 'Press Tab or Enter to type your answer.'],
		],
		[
			'feedback for a wrong answer, the field ready to fix it',
			{ answer: { text: 'x', correct: false }, verdict: { correct: false, feedback: 'Add the tag.' } },
			{},
			['Your answer: x▌', '✗ Not quite.', 'Add the tag.'],
		],
		[
			'the verdict and explanation for a right answer, with no cursor',
			{
				status: 'done',
				answer: { text: 'd', correct: true },
				verdict: { correct: true, feedback: '', normalized: 'docker.io/kiamol/ch05-pi:latest' },
			},
			{},
			['Your answer: d', '✔ Right! docker.io/kiamol/ch05-pi:latest', 'Docker adds the registry docker.io and the tag latest.'],
		],
		[
			'the judge’s explanation once, instead of the lab’s',
			{ status: 'done', answer: { text: 'd', correct: true }, verdict: { correct: true, feedback: 'Docker adds docker.io and latest.' } },
			{},
			['Your answer: d', '✔ Right!', 'Docker adds docker.io and latest.'],
		],
		[
			'a right answer saved in an earlier run, with ✔ and the lab’s explanation',
			{ status: 'done', answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true } },
			{},
			['Your answer: docker.io/kiamol/ch05-pi:latest', '✔ Right!', 'Docker adds the registry docker.io and the tag latest.'],
		],
		[
			'a new attempt over a right answer, as such, under the saved answer',
			{ status: 'done', answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true }, draft: { text: 'jk', cursor: 2 } },
			{},
			['Saved answer: docker.io/kiamol/ch05-pi:latest ✔', 'New attempt: jk▌', 'Enter to submit it, Esc to keep your saved answer.'],
		],
		[
			'a wrong new attempt, and that the right answer stays',
			{
				status: 'done',
				answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true },
				draft: { text: 'kiamol', cursor: 6 },
				verdict: { correct: false, feedback: 'Add the registry.' },
			},
			{},
			[
				'Saved answer: docker.io/kiamol/ch05-pi:latest ✔',
				'New attempt: kiamol▌',
				'✗ Not quite.',
				'Add the registry.',
				'Your saved answer stays: it is still right.',
			],
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
		expect(texts(view.lines)).toEqual([...Array.from({ length: 7 }, () => expect.any(String)), indicator, '', 'pinned']);
		expect(view.lines[0]?.text).toBe(first);
		expect(view.lines[6]?.text).toBe(last);
		expect(view.maxScroll).toBe(13);
		expect(view.page).toBe(5);
	});

	it('cuts a pinned block taller than half the rows', () => {
		const view = fitPane(
			doc(2),
			doc(9).map((line) => ({ text: `p${line.text}` })),
			10,
			0,
		);
		expect(texts(view.lines).slice(-5)).toEqual(['pline 1', 'pline 2', 'pline 3', 'pline 4', '…']);
	});
});
