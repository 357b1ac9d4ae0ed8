import { describe, expect, it } from 'vitest';
import type { CheckStatus } from '../../src/checks/types.js';
import type { ProgressState } from '../../src/progress/progress-store.js';
import {
	displayStatus,
	hintsUsed,
	initSession,
	isNewAttempt,
	lostNeeds,
	progressCount,
	sessionReducer,
	solutionsViewed,
	stepProgress,
	stepsToCheck,
	watchedSteps,
	type SessionAction,
	type SessionState,
	type StepProgress,
	type StepStatus,
} from '../../src/session/session-reducer.js';
import type { Lab } from '../../src/lab/schema.js';
import { savedProgress } from '../support/saved-progress.js';
import { failedCheck, fixtureLab, fixtureVars, passedCheck } from './fixture-lab.js';

const NOW = Date.parse('2026-01-10T10:00:00Z');

/**
 * A session in the lab view (resumed), with the given step selected and its first round taken by
 * the hook (as the app does), so later rounds are not merged into it.
 */
function labSession(selected = 0, change: Partial<ProgressState> = {}, lab: Lab = fixtureLab): SessionState {
	const ids = lab.steps.map((step) => step.id);
	const state = initSession({
		lab,
		vars: fixtureVars,
		saved: savedProgress({ selected: ids[selected], ...change }),
		now: NOW,
		canStopRegistry: true,
	});
	return state.round ? sessionReducer(state, { type: 'round-started', roundId: state.round.id }) : state;
}

/** The fixture lab with needs, as the registries lab has them: build-curl needs set-docker-id, run-registry needs build-curl. */
const needsLab: Lab = {
	...fixtureLab,
	steps: fixtureLab.steps.map((step) =>
		step.id === 'build-curl'
			? { ...step, needs: ['set-docker-id'] }
			: step.id === 'run-registry'
				? { ...step, needs: ['build-curl'] }
				: step,
	),
};

function run(state: SessionState, ...actions: SessionAction[]): SessionState {
	return actions.reduce(sessionReducer, state);
}

function withStatus(state: SessionState, stepId: string, status: StepStatus): SessionState {
	return { ...state, progress: { ...state.progress, [stepId]: { ...stepProgress(state, stepId), status } } };
}

function checked(state: SessionState, stepId: string, status: CheckStatus, checkId = 99): SessionState {
	const check = status === 'passed' ? passedCheck : { ...failedCheck('No image yet.'), status };
	return run(state, { type: 'check-started', stepId, checkId }, { type: 'check-finished', stepId, checkId, check, at: NOW + 1000 });
}

describe('initSession', () => {
	it('asks for variables first when the lab asks for one that has no value', () => {
		const state = initSession({ lab: fixtureLab, vars: { registryPort: '5000' }, now: NOW, canStopRegistry: false });
		expect(state.view).toBe('variables');
	});

	it('opens the welcome screen on a first run with every variable given', () => {
		const state = initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false });
		expect(state.view).toBe('welcome');
		expect(state.isFirstRun).toBe(true);
		expect(state.startedAt).toBe(NOW);
		expect(state.round).toBeUndefined();
	});

	it('resumes saved progress: selected step, done steps, hints, solutions and a right answer', () => {
		const state = labSession(2, {
			done: ['set-docker-id', 'build-curl'],
			hintsShown: { 'build-curl': 2 },
			solutionsShown: ['set-docker-id'],
			answers: { 'reference-defaults': { text: 'docker.io/kiamol/ch05-pi:latest', correct: true } },
		});
		expect(state.view).toBe('lab');
		expect(state.steps[state.selected]?.id).toBe('run-registry');
		expect(stepProgress(state, 'build-curl')).toMatchObject({ status: 'done', hintsShown: 2 });
		expect(stepProgress(state, 'set-docker-id').solutionShown).toBe(true);
		expect(stepProgress(state, 'reference-defaults')).toMatchObject({
			status: 'done',
			answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true },
		});
		expect(state.startedAt).toBe(Date.parse('2026-01-10T09:00:00.000Z'));
		expect(progressCount(state)).toEqual({ done: 3, total: 5 });
	});

	it('starts a resumed lab with a round that checks the current step and every step that could tick, not the done ones', () => {
		const state = labSession(0, { done: ['build-curl'] });
		expect(state.round?.stepIds).toEqual(['set-docker-id', 'run-registry']);
	});

	it('keeps when each step was first done', () => {
		const state = labSession(2, { done: ['build-curl'], doneAt: { 'build-curl': '2026-01-10T09:30:00.000Z' } });
		expect(stepProgress(state, 'build-curl').doneAt).toBe(Date.parse('2026-01-10T09:30:00.000Z'));
	});

	it('selects the first step not done when the saved selection is unknown', () => {
		const state = labSession(0, { selected: 'gone-step', done: ['set-docker-id'] });
		expect(state.steps[state.selected]?.id).toBe('build-curl');
	});

	it('never shows more hints than the step has, even if the file says so', () => {
		const state = labSession(0, { hintsShown: { 'set-docker-id': 9 } });
		expect(stepProgress(state, 'set-docker-id').hintsShown).toBe(2);
	});

	it('keeps the notice from loading progress for the learner to read', () => {
		const state = initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false, notice: 'kept a backup' });
		expect(state.notice).toEqual({ text: 'kept a backup', tone: 'warning' });
	});
});

describe('check results', () => {
	it.each<[StepStatus, CheckStatus, StepStatus]>([
		['not-yet', 'passed', 'done'],
		['not-yet', 'failed', 'failed'],
		['not-yet', 'timed-out', 'failed'],
		['failed', 'passed', 'done'],
		['done', 'failed', 'done'],
		['done', 'spawn-error', 'done'],
		['done', 'canceled', 'done'],
		['failed', 'canceled', 'failed'],
	])('a %s step whose check ends %s becomes %s', (before, status, after) => {
		const state = withStatus(labSession(4), 'build-curl', before);
		expect(stepProgress(checked(state, 'build-curl', status), 'build-curl').status).toBe(after);
	});

	it('keeps a done step done when a later check fails, with what the machine shows now set aside', () => {
		const state = checked(labSession(3, { done: ['build-curl'] }), 'build-curl', 'failed');
		expect(stepProgress(state, 'build-curl')).toMatchObject({ status: 'done', lost: [{ message: 'No image yet.' }] });
		expect(progressCount(state).done).toBe(1);
		const back = checked(state, 'build-curl', 'passed', 100);
		expect(stepProgress(back, 'build-curl').lost).toBeUndefined();
	});

	it('notes when a step was first done, and keeps that time when it passes again', () => {
		const state = checked(labSession(3), 'build-curl', 'passed');
		expect(stepProgress(state, 'build-curl').doneAt).toBe(NOW + 1000);
		const again = run(
			state,
			{ type: 'check-started', stepId: 'build-curl', checkId: 5 },
			{ type: 'check-finished', stepId: 'build-curl', checkId: 5, check: passedCheck, at: NOW + 9000 },
		);
		expect(stepProgress(again, 'build-curl').doneAt).toBe(NOW + 1000);
	});

	it('keeps the results of the last check to show which check failed', () => {
		const state = checked(labSession(1), 'build-curl', 'failed');
		expect(stepProgress(state, 'build-curl').results[0]?.message).toBe('No image yet.');
	});

	it('ignores the late result of a check that was superseded', () => {
		const state = run(
			labSession(1),
			{ type: 'check-started', stepId: 'build-curl', checkId: 1 },
			{ type: 'check-started', stepId: 'build-curl', checkId: 2 },
			{ type: 'check-finished', stepId: 'build-curl', checkId: 1, check: passedCheck, at: NOW },
		);
		expect(stepProgress(state, 'build-curl')).toMatchObject({ status: 'not-yet', checkingId: 2 });
	});

	it('shows a step as checking only while it is not done, and only the selected one', () => {
		const state = run(
			labSession(1, { done: ['set-docker-id'] }),
			{ type: 'check-started', stepId: 'build-curl', checkId: 1 },
			{ type: 'check-started', stepId: 'set-docker-id', checkId: 2 },
			{ type: 'check-started', stepId: 'run-registry', checkId: 3 },
		);
		expect(displayStatus(stepProgress(state, 'build-curl'), true)).toBe('checking');
		expect(displayStatus(stepProgress(state, 'set-docker-id'), false)).toBe('done');
		// Checked in the background on a change: no flicker in the list.
		expect(displayStatus(stepProgress(state, 'run-registry'), false)).toBe('not-yet');
	});

	it('moves on to the next step not done when the current step passes, and checks it', () => {
		const state = checked(labSession(1, { done: ['run-registry'] }), 'build-curl', 'passed');
		expect(state.steps[state.selected]?.id).toBe('reference-defaults');
		expect(state.focus).toBe('answer');
		const next = checked(labSession(0), 'set-docker-id', 'passed');
		expect(next.steps[next.selected]?.id).toBe('build-curl');
		expect(next.round).toMatchObject({ stepIds: ['build-curl'], supersedes: false });
	});

	it('stays on a step that was already done when it passes again', () => {
		const state = checked(labSession(1, { done: ['build-curl'] }), 'build-curl', 'passed');
		expect(state.steps[state.selected]?.id).toBe('build-curl');
	});

	it('does not move when a step other than the current one passes', () => {
		const state = checked(labSession(2), 'build-curl', 'passed');
		expect(state.steps[state.selected]?.id).toBe('run-registry');
	});

	it('ticks a step done out of order and leaves the cursor where the learner is', () => {
		// Given the learner is on build-curl and starts the registry (a later step) by hand
		const state = checked(labSession(1, { done: ['set-docker-id'] }), 'run-registry', 'passed');
		expect(stepProgress(state, 'run-registry').status).toBe('done');
		expect(state.steps[state.selected]?.id).toBe('build-curl');
		expect(progressCount(state).done).toBe(2);
	});

	it('checks at once the steps a tick opened up, without aborting the checks in flight', () => {
		// Given the learner reads the question while build-curl (which run-registry needs) is checked
		const reading = labSession(3, { done: ['set-docker-id'] }, needsLab);
		expect(reading.round?.stepIds).toEqual(['build-curl']);
		const state = checked(reading, 'build-curl', 'passed');
		expect(state.round).toMatchObject({ stepIds: ['run-registry'], supersedes: false });
		expect(state.steps[state.selected]?.id).toBe('reference-defaults');
	});

	it('notes the finish time and shows the summary when the last step gets done', () => {
		const almost = labSession(4, { done: ['set-docker-id', 'build-curl', 'run-registry', 'reference-defaults'] });
		const state = checked(almost, 'cleanup', 'passed');
		expect(state.view).toBe('summary');
		expect(state.finishedAt).toBe(NOW + 1000);
		expect(run(state, { type: 'close-summary' }).view).toBe('lab');
	});
});

describe('stepsToCheck', () => {
	const midway = labSession(2, { done: ['set-docker-id', 'build-curl'] });
	const chain = labSession(2, { done: ['set-docker-id', 'build-curl'] }, needsLab);
	it.each<[string, SessionState, 'manual' | 'select' | 'change' | 'start', string[]]>([
		['a manual check', midway, 'manual', ['run-registry']],
		['moving to a step', midway, 'select', ['run-registry']],
		[
			'a change on the machine: every step that could tick, no done one',
			labSession(0),
			'change',
			['set-docker-id', 'build-curl', 'run-registry'],
		],
		['a change, with steps done', midway, 'change', ['run-registry']],
		['a step that builds on done ones: they are looked at again', chain, 'select', ['run-registry', 'set-docker-id', 'build-curl']],
		['a step whose needs are not done is not checked unless selected', labSession(0, {}, needsLab), 'change', ['set-docker-id']],
		['a question step', labSession(3, { done: ['build-curl'] }), 'change', ['set-docker-id', 'run-registry']],
		['the cleanup step', labSession(4, { done: ['set-docker-id'] }), 'change', ['cleanup', 'build-curl', 'run-registry']],
		['after cleanup is done', labSession(2, { done: ['set-docker-id', 'cleanup'] }), 'change', ['run-registry', 'build-curl']],
		[
			'the cleanup step before anything was made: never ticked by itself',
			labSession(4),
			'change',
			['set-docker-id', 'build-curl', 'run-registry'],
		],
		['the cleanup step, asked by hand before anything was made', labSession(4), 'manual', []],
	])('%s checks the expected steps', (_name, state, trigger, expected) => {
		expect(stepsToCheck(state, trigger)).toEqual(expected);
	});
});

describe('what to redo', () => {
	it('names a done step the selected one builds on when its work is gone, and forgets it once back', () => {
		const chain = labSession(2, { done: ['set-docker-id', 'build-curl'] }, needsLab);
		const gone = checked(chain, 'build-curl', 'failed');
		expect(stepProgress(gone, 'build-curl').status).toBe('done');
		expect(lostNeeds(gone, gone.steps[2]!)).toEqual([
			{ id: 'build-curl', title: 'Build an image named for your Docker ID', results: failedCheck('No image yet.').results },
		]);
		// A step that does not build on it says nothing.
		expect(lostNeeds(gone, gone.steps[0]!)).toEqual([]);
		const back = checked(gone, 'build-curl', 'passed', 100);
		expect(lostNeeds(back, back.steps[2]!)).toEqual([]);
	});
});

describe('rounds', () => {
	it('merges a round planned before the hook took the previous one, so no step is lost', () => {
		const state = initSession({
			lab: fixtureLab,
			vars: fixtureVars,
			saved: savedProgress({ selected: 'reference-defaults', done: ['set-docker-id'] }),
			now: NOW,
			canStopRegistry: true,
		});
		expect(state.round?.isStarted).toBeUndefined();
		const moved = run(state, { type: 'move', delta: -1 });
		expect(moved.round?.stepIds).toEqual(['run-registry', 'build-curl']);
		expect(moved.round?.supersedes).toBe(true);
	});

	it('plans no round that only adds a step already being checked', () => {
		const before = run(labSession(1), { type: 'check-started', stepId: 'run-registry', checkId: 7 });
		const moved = run(before, { type: 'move', delta: 1 });
		expect(moved.steps[moved.selected]?.id).toBe('run-registry');
		expect(moved.round?.id).toBe(before.round?.id);
	});
});

describe('watchedSteps', () => {
	it('is what a change would re-check, and nothing when auto-check is off or the lab is not open yet', () => {
		const midway = labSession(1, { done: ['set-docker-id'] });
		expect(watchedSteps(midway)).toEqual(['build-curl', 'run-registry']);
		expect(watchedSteps(run(midway, { type: 'toggle-auto-check' }))).toEqual([]);
		expect(watchedSteps({ ...midway, view: 'welcome' })).toEqual([]);
	});
});

describe('the cleanup step', () => {
	it('says there is nothing to clean up yet when checked before any work, instead of ticking itself', () => {
		const before = labSession(4);
		const state = run(before, { type: 'request-check' });
		expect(state.round?.id).toBe(before.round?.id);
		expect(state.notice?.text).toMatch(/Nothing to clean up yet/);
	});
});

describe('auto-check', () => {
	it('plans a debounced round on a change while auto-check is on', () => {
		const state = run(labSession(1), { type: 'changed', reason: 'images' });
		expect(state.round).toMatchObject({ stepIds: ['build-curl', 'set-docker-id', 'run-registry'], isImmediate: false, supersedes: true });
		expect(state.changeCount).toBe(1);
	});

	it('re-checks only the steps a change can affect: a polled HTTP answer ticks only steps with such checks', () => {
		const lab: Lab = {
			...fixtureLab,
			steps: fixtureLab.steps.map((step) =>
				step.id === 'run-registry' ? { ...step, check: [{ http: 'http://localhost:{{registryPort}}/v2/' }] } : step,
			),
		};
		const state = labSession(0, {}, lab);
		expect(run(state, { type: 'changed', reason: 'http' }).round?.stepIds).toEqual(['set-docker-id', 'run-registry']);
		expect(run(state, { type: 'changed', reason: 'images' }).round?.stepIds).toEqual(['set-docker-id', 'build-curl', 'run-registry']);
	});

	it('plans nothing on changes or moves while auto-check is off, but c still checks at once', () => {
		const off = run(labSession(1), { type: 'toggle-auto-check' });
		const before = off.round?.id;
		expect(run(off, { type: 'changed', reason: 'images' }, { type: 'move', delta: 1 }).round?.id).toBe(before);
		expect(run(off, { type: 'request-check' }).round).toMatchObject({ stepIds: ['build-curl'], isImmediate: true });
	});

	it('plans a round that adds the new step when the learner moves, leaving the checks in flight alone', () => {
		const state = labSession(1);
		const moved = run(state, { type: 'move', delta: 1 });
		expect(moved.round?.id).toBeGreaterThan(state.round?.id ?? 0);
		expect(moved.round).toMatchObject({ stepIds: ['run-registry'], supersedes: false });
	});

	it('tells the learner that a question is answered, not checked', () => {
		const state = run(labSession(3), { type: 'request-check' });
		expect(state.notice?.text).toMatch(/type your answer/i);
	});
});

describe('moving and scrolling', () => {
	it.each<[number, number, number]>([
		[0, -1, 0],
		[0, 1, 1],
		[4, 1, 4],
		[2, -1, 1],
	])('from step %i, moving by %i selects step %i', (from, delta, to) => {
		expect(run(labSession(from), { type: 'move', delta }).selected).toBe(to);
	});

	it('resets the scroll when the step changes', () => {
		const state = run(labSession(0), { type: 'scroll', by: 5, max: 10 }, { type: 'move', delta: 1 });
		expect(state.scroll).toBe(0);
	});

	it.each<[number | 'end', number, number, number]>([
		[0, 5, 10, 5],
		[8, 5, 10, 10],
		[3, -5, 10, 0],
		['end', -4, 10, 6],
		[20, -1, 10, 9],
	])('scrolling from %s by %i with at most %i lands at %i', (scroll, by, max, expected) => {
		expect(run({ ...labSession(0), scroll }, { type: 'scroll', by, max }).scroll).toBe(expected);
	});
});

describe('hints and solutions', () => {
	it('shows hints one at a time, then says that was the last', () => {
		const twice = run(labSession(0), { type: 'show-hint' }, { type: 'show-hint' });
		expect(stepProgress(twice, 'set-docker-id').hintsShown).toBe(2);
		expect(twice.scroll).toBe('end');
		const again = run(twice, { type: 'show-hint' });
		expect(stepProgress(again, 'set-docker-id').hintsShown).toBe(2);
		expect(again.notice?.text).toMatch(/last hint/);
		expect(hintsUsed(again)).toBe(2);
	});

	it('says so when a step has no hints', () => {
		expect(run(labSession(2), { type: 'show-hint' }).notice?.text).toMatch(/no hints/);
	});

	it('shows the solution only after the learner confirms', () => {
		const asked = run(labSession(1), { type: 'ask-solution' });
		expect(asked.overlay).toBe('confirm-solution');
		expect(stepProgress(asked, 'build-curl').solutionShown).toBe(false);
		const shown = run(asked, { type: 'confirm-solution' });
		expect(shown.overlay).toBeUndefined();
		expect(stepProgress(shown, 'build-curl').solutionShown).toBe(true);
		expect(solutionsViewed(shown)).toBe(1);
	});

	it('keeps the solution hidden when the learner says no', () => {
		const state = run(labSession(1), { type: 'ask-solution' }, { type: 'close-overlay' });
		expect(stepProgress(state, 'build-curl').solutionShown).toBe(false);
		expect(state.overlay).toBeUndefined();
	});

	it('ignores a confirmation that was never asked for', () => {
		expect(stepProgress(run(labSession(1), { type: 'confirm-solution' }), 'build-curl').solutionShown).toBe(false);
	});
});

describe('answers', () => {
	const judgeWith = (state: SessionState, correct: boolean, feedback: string): SessionState =>
		run(state, { type: 'answer-judged', judgingId: state.judging?.id ?? -1, verdict: { correct, feedback }, at: NOW });

	it('collects typed text as a draft, not as an answer, and erases the last character', () => {
		const state = run(
			labSession(3),
			{ type: 'type-answer', text: 'kiamol' },
			{ type: 'type-answer', text: '/x' },
			{ type: 'edit-answer', edit: { kind: 'backspace' } },
		);
		expect(stepProgress(state, 'reference-defaults')).toMatchObject({ draft: { text: 'kiamol/', cursor: 7 }, status: 'not-yet' });
		expect(stepProgress(state, 'reference-defaults').answer).toBeUndefined();
	});

	it('saves the judged answer, and leaves the field showing it', () => {
		const wrong = judgeWith(run(labSession(3), { type: 'type-answer', text: 'kiamol ' }, { type: 'submit-answer' }), false, 'no');
		expect(stepProgress(wrong, 'reference-defaults')).toMatchObject({ answer: { text: 'kiamol', correct: false }, status: 'failed' });
		expect(stepProgress(wrong, 'reference-defaults').draft).toBeUndefined();
		// Typing goes on from the end of the wrong answer, to fix it
		const fixing = run(wrong, { type: 'type-answer', text: '/ch05-pi' });
		expect(stepProgress(fixing, 'reference-defaults').draft).toEqual({ text: 'kiamol/ch05-pi', cursor: 14 });
	});

	it('keeps the feedback on a wrong answer while the cursor only moves', () => {
		const wrong = judgeWith(run(labSession(3), { type: 'type-answer', text: 'kiamol' }, { type: 'submit-answer' }), false, 'no');
		const moved = run(wrong, { type: 'edit-answer', edit: { kind: 'home' } });
		expect(stepProgress(moved, 'reference-defaults')).toMatchObject({ verdict: { feedback: 'no' }, draft: { text: 'kiamol', cursor: 0 } });
	});

	describe('a question already answered right', () => {
		const right = 'docker.io/kiamol/ch05-pi:latest';
		const answered = (): SessionState => labSession(3, { answers: { 'reference-defaults': { text: right, correct: true } } });
		const saved = { text: right, correct: true };

		it.each<[string, SessionAction[], Partial<StepProgress>, boolean]>([
			['shows the saved answer with no draft', [], { status: 'done', answer: saved }, false],
			[
				'stray letters start a new attempt in an empty field; the answer stays',
				[{ type: 'type-answer', text: 'jkq' }],
				{ status: 'done', answer: saved, draft: { text: 'jkq', cursor: 3 } },
				true,
			],
			[
				'Backspace, arrows and Ctrl+U alone start nothing',
				[
					{ type: 'edit-answer', edit: { kind: 'backspace' } },
					{ type: 'edit-answer', edit: { kind: 'left' } },
					{ type: 'edit-answer', edit: { kind: 'kill-before' } },
				],
				{ answer: saved },
				false,
			],
			[
				'Esc drops the new attempt and gives the keys back',
				[{ type: 'type-answer', text: 'jkq' }, { type: 'cancel-answer' }],
				{ status: 'done', answer: saved },
				false,
			],
			[
				'Tab keeps the new attempt and gives the keys back',
				[
					{ type: 'type-answer', text: 'jkq' },
					{ type: 'focus', focus: 'keys' },
				],
				{ answer: saved, draft: { text: 'jkq', cursor: 3 } },
				true,
			],
			[
				'Ctrl+U in a new attempt clears it, still a new attempt',
				[
					{ type: 'type-answer', text: 'jkq' },
					{ type: 'edit-answer', edit: { kind: 'kill-before' } },
				],
				{ answer: saved, draft: { text: '', cursor: 0 } },
				true,
			],
		])('%s', (_what, actions, expected, isAttempt) => {
			const progress = stepProgress(run(answered(), ...actions), 'reference-defaults');
			expect(progress).toMatchObject(expected);
			// No new attempt, no draft: the field shows the saved answer.
			if (!isAttempt) expect(progress.draft).toBeUndefined();
			expect(isNewAttempt(progress)).toBe(isAttempt);
		});

		it('gives the keys back on Esc', () => {
			expect(run(answered(), { type: 'type-answer', text: 'j' }, { type: 'cancel-answer' }).focus).toBe('keys');
		});

		it('judges a wrong new attempt, keeps it to fix, and keeps the right answer saved and the step done', () => {
			const submitted = run(answered(), { type: 'type-answer', text: 'kiamol' }, { type: 'submit-answer' });
			expect(submitted.judging).toMatchObject({ answer: 'kiamol' });
			const judged = stepProgress(judgeWith(submitted, false, 'Add the registry.'), 'reference-defaults');
			expect(judged).toMatchObject({
				status: 'done',
				answer: saved,
				draft: { text: 'kiamol' },
				verdict: { correct: false, feedback: 'Add the registry.' },
			});
		});

		it('saves a right new attempt in place of the old answer', () => {
			const judged = stepProgress(
				judgeWith(run(answered(), { type: 'type-answer', text: 'kiamol/ch05-pi' }, { type: 'submit-answer' }), true, ''),
				'reference-defaults',
			);
			expect(judged).toMatchObject({ status: 'done', answer: { text: 'kiamol/ch05-pi', correct: true } });
			expect(judged.draft).toBeUndefined();
		});

		it('judges the saved answer again on Enter with nothing typed', () => {
			expect(run(answered(), { type: 'submit-answer' }).judging).toMatchObject({ answer: right });
		});

		it('keeps what the learner typed while the answer was judged', () => {
			const submitted = run(
				labSession(3),
				{ type: 'type-answer', text: 'kiamol' },
				{ type: 'submit-answer' },
				{ type: 'type-answer', text: '/ch' },
			);
			const judged = stepProgress(judgeWith(submitted, false, 'no'), 'reference-defaults');
			expect(judged).toMatchObject({ answer: { text: 'kiamol', correct: false }, draft: { text: 'kiamol/ch' } });
		});
	});

	it('asks for an answer before judging an empty one', () => {
		const state = run(labSession(3), { type: 'submit-answer' });
		expect(state.judging).toBeUndefined();
		expect(state.notice?.text).toMatch(/type your answer/i);
	});

	it('marks a wrong answer failed with its feedback, and a right one done', () => {
		const typed = run(labSession(3), { type: 'type-answer', text: 'kiamol/ch05-pi ' }, { type: 'submit-answer' });
		expect(typed.judging).toMatchObject({ stepId: 'reference-defaults', answer: 'kiamol/ch05-pi' });
		const wrong = judgeWith(typed, false, 'Add the registry and the tag.');
		expect(stepProgress(wrong, 'reference-defaults')).toMatchObject({
			status: 'failed',
			verdict: { feedback: 'Add the registry and the tag.' },
		});
		const right = judgeWith(run(wrong, { type: 'submit-answer' }), true, '');
		expect(stepProgress(right, 'reference-defaults').status).toBe('done');
	});

	it('keeps a question done when a later answer is wrong', () => {
		const state = labSession(3, { done: ['reference-defaults'] });
		const wrong = judgeWith(run(state, { type: 'type-answer', text: 'x' }, { type: 'submit-answer' }), false, 'no');
		expect(stepProgress(wrong, 'reference-defaults').status).toBe('done');
	});

	it('hides an old verdict as soon as the learner types again', () => {
		const judged = judgeWith(run(labSession(3), { type: 'type-answer', text: 'x' }, { type: 'submit-answer' }), false, 'no');
		expect(stepProgress(run(judged, { type: 'type-answer', text: 'y' }), 'reference-defaults').verdict).toBeUndefined();
	});

	it('ignores typing on a step that is not a question', () => {
		expect(run(labSession(1), { type: 'type-answer', text: 'j' }).progress).toEqual(labSession(1).progress);
	});
});

describe('first run', () => {
	it('goes from the variables to the welcome screen, then into the lab with a first round', () => {
		const asking = initSession({ lab: fixtureLab, vars: { registryPort: '5000' }, now: NOW, canStopRegistry: false });
		const welcomed = run(asking, { type: 'variables-set', vars: fixtureVars });
		expect(welcomed.view).toBe('welcome');
		expect(welcomed.vars.curlImage).toBe('learner1/curl');
		const started = run(welcomed, { type: 'start' });
		expect(started.view).toBe('lab');
		expect(started.round?.stepIds).toEqual(['set-docker-id', 'build-curl', 'run-registry']);
	});

	it('shows doctor problems over the steps of a resumed lab', () => {
		const items = [{ title: 'Docker engine', status: 'fail', message: 'not running', fix: 'Start Docker Desktop.' }] as const;
		expect(run(labSession(0), { type: 'doctor', items: [...items] }).overlay).toBe('doctor');
		const warning = { title: 'Internet', status: 'warn', message: 'offline' } as const;
		expect(run(labSession(0), { type: 'doctor', items: [warning] }).overlay).toBeUndefined();
		const welcome = initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false });
		expect(run(welcome, { type: 'doctor', items: [...items] }).overlay).toBeUndefined();
	});
});

describe('quitting', () => {
	const registryByLab = {
		type: 'environment',
		status: { docker: 'up', registry: { up: true, port: '5000', startedByLab: true } },
	} as const;

	it('quits at once when the runner did not start the registry', () => {
		expect(run(labSession(0), { type: 'request-quit', by: 'key' }).quit).toEqual({ stopRegistry: false, by: 'key' });
	});

	it.each<[string, SessionAction, { stopRegistry: boolean } | undefined]>([
		['yes stops the registry', { type: 'confirm-quit', stopRegistry: true }, { stopRegistry: true }],
		['no leaves it running', { type: 'confirm-quit', stopRegistry: false }, { stopRegistry: false }],
		['Ctrl+C at the question quits without stopping it', { type: 'request-quit', by: 'ctrl-c' }, { stopRegistry: false }],
		['Esc goes back to the lab', { type: 'close-overlay' }, undefined],
	])('asks whether to stop the registry the runner started: %s', (_name, answer, quit) => {
		const asked = run(labSession(0), registryByLab, { type: 'request-quit', by: 'key' });
		expect(asked.overlay).toBe('confirm-quit');
		const state = run(asked, answer);
		if (quit) expect(state.quit).toMatchObject(quit);
		else expect(state.quit).toBeUndefined();
	});

	it('does not ask when the runtime cannot stop the registry', () => {
		const state = { ...labSession(0), canStopRegistry: false };
		expect(run(state, registryByLab, { type: 'request-quit', by: 'key' }).quit).toBeDefined();
	});

	it('quits without asking on a signal', () => {
		expect(run(labSession(0), registryByLab, { type: 'request-quit', by: 'signal' }).quit).toEqual({ stopRegistry: false, by: 'signal' });
	});

	it('ignores everything but check results once quitting', () => {
		const quitting = run(labSession(0), { type: 'request-quit', by: 'key' });
		expect(run(quitting, { type: 'move', delta: 1 }).selected).toBe(0);
	});
});
