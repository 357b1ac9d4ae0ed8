import { describe, expect, it } from 'vitest';
import { missingVariables, variableError, variablesToSave } from '../../src/session/ask-variables.js';
import { solutionLines, stepInfos, stepText } from '../../src/session/lab-steps.js';
import { initSession, sessionReducer, stepProgress, type SessionAction, type SessionState } from '../../src/session/session-reducer.js';
import { toProgress, withSelectedSince } from '../../src/session/session-progress.js';
import { failedCheck, fixtureLab, fixtureVars, passedCheck } from './fixture-lab.js';

const NOW = Date.parse('2026-01-10T10:00:00Z');

function run(state: SessionState, ...actions: SessionAction[]): SessionState {
	return actions.reduce(sessionReducer, state);
}

describe('toProgress', () => {
	it('saves done steps, hints, solutions, answers, the selection and the times', () => {
		const fresh = run(initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }), { type: 'start' });
		const state = run(
			fresh,
			{ type: 'check-started', stepId: 'set-docker-id', checkId: 1 },
			{ type: 'check-finished', stepId: 'set-docker-id', checkId: 1, check: { status: 'passed', results: [] }, at: NOW },
			{ type: 'show-hint' },
			{ type: 'ask-solution' },
			{ type: 'confirm-solution' },
			{ type: 'select', index: 3 },
			{ type: 'type-answer', text: 'kiamol/ch05-pi' },
		);
		expect(toProgress(state, fixtureLab)).toEqual({
			version: 1,
			labId: 'registries',
			vars: { dockerId: 'learner1', registryPort: '5000' },
			done: ['set-docker-id'],
			doneAt: { 'set-docker-id': '2026-01-10T10:00:00.000Z' },
			hintsShown: { 'build-curl': 1 },
			solutionsShown: ['build-curl'],
			answers: {},
			drafts: { 'reference-defaults': 'kiamol/ch05-pi' },
			selected: 'reference-defaults',
			startedAt: '2026-01-10T10:00:00.000Z',
		});
	});

	it('saves a done step as done, with when it was first done, even when its work is gone now', () => {
		const saved = toProgress(initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }), fixtureLab);
		const resumed = initSession({
			lab: fixtureLab,
			vars: fixtureVars,
			saved: { ...saved, selected: 'build-curl' },
			now: NOW,
			canStopRegistry: false,
		});
		const gone = run(
			resumed,
			{ type: 'check-started', stepId: 'build-curl', checkId: 1 },
			{ type: 'check-finished', stepId: 'build-curl', checkId: 1, check: passedCheck, at: NOW + 1000 },
			{ type: 'check-started', stepId: 'build-curl', checkId: 2 },
			{ type: 'check-finished', stepId: 'build-curl', checkId: 2, check: failedCheck('gone'), at: NOW + 2000 },
		);
		expect(stepProgress(gone, 'build-curl').status).toBe('done');
		expect(toProgress(gone, fixtureLab)).toMatchObject({
			done: ['build-curl'],
			doneAt: { 'build-curl': new Date(NOW + 1000).toISOString() },
		});
	});

	describe('answers: only Enter submits, and the saved answer is the last one judged', () => {
		const rightAnswer = 'docker.io/kiamol/ch05-pi:latest';
		const answered = (): SessionState =>
			initSession({
				lab: fixtureLab,
				vars: fixtureVars,
				saved: {
					...toProgress(initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }), fixtureLab),
					answers: { 'reference-defaults': { text: rightAnswer, correct: true } },
					selected: 'reference-defaults',
				},
				now: NOW,
				canStopRegistry: false,
			});
		const judge = (state: SessionState, correct: boolean): SessionState =>
			run(state, {
				type: 'answer-judged',
				judgingId: state.judging?.id ?? -1,
				verdict: { correct, feedback: correct ? '' : 'Not that.' },
				at: NOW,
			});

		it.each<[string, SessionAction[], boolean | undefined, Record<string, string> | undefined]>([
			[
				'stray letters over a right answer are a draft; the right answer stays',
				[{ type: 'type-answer', text: 'jjkq' }],
				undefined,
				{ 'reference-defaults': 'jjkq' },
			],
			[
				'stray letters then Esc leave nothing behind',
				[{ type: 'type-answer', text: 'jjkq' }, { type: 'cancel-answer' }],
				undefined,
				undefined,
			],
			[
				'Tab keeps the new attempt as a draft',
				[
					{ type: 'type-answer', text: 'x' },
					{ type: 'focus', focus: 'keys' },
				],
				undefined,
				{ 'reference-defaults': 'x' },
			],
			[
				'a wrong new attempt is judged, and the right answer stays saved',
				[{ type: 'type-answer', text: 'kiamol' }, { type: 'submit-answer' }],
				false,
				{ 'reference-defaults': 'kiamol' },
			],
		])('%s', (_what, actions, verdict, drafts) => {
			const typed = run(answered(), ...actions);
			const state = verdict === undefined ? typed : judge(typed, verdict);
			const saved = toProgress(state, fixtureLab);
			expect(saved.answers).toEqual({ 'reference-defaults': { text: rightAnswer, correct: true } });
			expect(saved.done).toContain('reference-defaults');
			expect(saved.drafts).toEqual(drafts);
		});

		it('saves a right new answer in place of the old one, and no draft', () => {
			const state = judge(run(answered(), { type: 'type-answer', text: 'kiamol/ch05-pi' }, { type: 'submit-answer' }), true);
			expect(toProgress(state, fixtureLab)).toMatchObject({ answers: { 'reference-defaults': { text: 'kiamol/ch05-pi', correct: true } } });
			expect(toProgress(state, fixtureLab).drafts).toBeUndefined();
		});

		it('saves a wrong first answer as judged wrong, and what is typed after it as a draft', () => {
			const fresh = run(
				initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }),
				{ type: 'start' },
				{ type: 'select', index: 3 },
			);
			const wrong = judge(run(fresh, { type: 'type-answer', text: 'kiamol' }, { type: 'submit-answer' }), false);
			expect(toProgress(wrong, fixtureLab)).toMatchObject({ answers: { 'reference-defaults': { text: 'kiamol', correct: false } } });
			expect(toProgress(wrong, fixtureLab).drafts).toBeUndefined();
			const editing = run(wrong, { type: 'type-answer', text: '/ch05-pi' });
			expect(toProgress(editing, fixtureLab)).toMatchObject({
				answers: { 'reference-defaults': { text: 'kiamol', correct: false } },
				drafts: { 'reference-defaults': 'kiamol/ch05-pi' },
			});
		});

		it('brings a saved draft back into the field on the next start', () => {
			const saved = toProgress(run(answered(), { type: 'type-answer', text: 'docker.io/x' }), fixtureLab);
			const resumed = initSession({ lab: fixtureLab, vars: fixtureVars, saved, now: NOW, canStopRegistry: false });
			expect(stepProgress(resumed, 'reference-defaults')).toMatchObject({
				status: 'done',
				answer: { text: rightAnswer, correct: true },
				draft: { text: 'docker.io/x', cursor: 11 },
			});
		});
	});

	it('resumes from what it saved', () => {
		const state = run(
			initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }),
			{ type: 'start' },
			{ type: 'select', index: 2 },
			{ type: 'show-hint' },
		);
		const resumed = initSession({
			lab: fixtureLab,
			vars: fixtureVars,
			saved: toProgress(state, fixtureLab),
			now: NOW + 5000,
			canStopRegistry: false,
		});
		expect(resumed.selected).toBe(2);
		expect(resumed.startedAt).toBe(NOW);
		expect(toProgress(resumed, fixtureLab)).toEqual(toProgress(state, fixtureLab));
	});
});

describe('asking for variables', () => {
	it('lists only asked variables without a value', () => {
		expect(missingVariables(fixtureLab, { registryPort: '5000' }).map((variable) => variable.name)).toEqual(['dockerId']);
		expect(missingVariables(fixtureLab, { dockerId: '' })).toHaveLength(1);
		expect(missingVariables(fixtureLab, fixtureVars)).toEqual([]);
	});

	const dockerId = missingVariables(fixtureLab, {})[0]!;
	it.each<[string, string | undefined]>([
		['learner1', undefined],
		['  learner1  ', undefined],
		['my.name-2', undefined],
		['', 'Please type a value, then press Enter.'],
		['me@example.com', '"me@example.com" is not valid: it contains an @, so it looks like an email address.'],
		['Learner1', '"Learner1" is not valid: it has an uppercase letter (L): use lowercase.'],
		[' -learner', '"-learner" is not valid: it starts with a dash (-).'],
		['learner one', '"learner one" is not valid: it contains a space.'],
		['-', `"-" is not valid: ${dockerId.patternHelp}`],
	])('the Docker ID %j gets error %j', (value, error) => {
		expect(variableError(dockerId, value)).toBe(error);
	});

	it('refuses a value longer than any command takes, shortened in the message', () => {
		expect(variableError(dockerId, 'a'.repeat(5000))).toBe(
			`"${'a'.repeat(57)}..." is not valid: it is 5000 characters long; a value may have at most 4096.`,
		);
	});

	it('explains the pattern when the lab gives no help text', () => {
		expect(variableError({ name: 'port', ask: 'Port?', pattern: '\\d+' }, 'abc')).toMatch(/must match \\d\+/);
	});

	it('saves given variables but not computed image names', () => {
		expect(variablesToSave(fixtureLab, { ...fixtureVars, workspace: '/w' })).toEqual({ dockerId: 'learner1', registryPort: '5000' });
	});
});

describe('lab steps', () => {
	it('knows which steps are questions, have hints, solutions or clean up', () => {
		expect(
			stepInfos(fixtureLab).map(({ id, isQuestion, hintCount, hasSolution, isCleanup }) => [
				id,
				isQuestion,
				hintCount,
				hasSolution,
				isCleanup,
			]),
		).toEqual([
			['set-docker-id', false, 2, true, false],
			['build-curl', false, 3, true, false],
			['run-registry', false, 0, true, false],
			['reference-defaults', true, 1, true, false],
			['cleanup', false, 0, true, true],
		]);
	});

	it('uses the first accepted answer as the solution of a question', () => {
		expect(solutionLines(fixtureLab.steps[3]!)).toEqual(['docker.io/kiamol/ch05-pi:latest']);
	});

	it('fills the learner’s values into the prompt, hints and solution', () => {
		const text = stepText(fixtureLab.steps[1]!, { ...fixtureVars, workspace: '/home/me/registry-lab' });
		expect(text.prompt).toContain('docker build -t learner1/curl:21.06');
		expect(text.prompt).toContain('/home/me/registry-lab');
		expect(text.hints[1]).toBe('The tag is learner1/curl:21.06.');
		expect(text.solution).toEqual(['docker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl']);
	});
});

describe('withSelectedSince: when the learner moved to the selected step', () => {
	const snapshot = toProgress(initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }), fixtureLab);

	it('is now for a step just selected, or with nothing saved before', () => {
		expect(withSelectedSince(snapshot, undefined, NOW + 5000).selectedAt).toBe(new Date(NOW + 5000).toISOString());
		expect(withSelectedSince(snapshot, { selected: 'other', selectedAt: '2026-01-10T09:00:00.000Z' }, NOW).selectedAt).toBe(
			new Date(NOW).toISOString(),
		);
	});

	it('is kept while the same step stays selected, across saves and runs', () => {
		const kept = { selected: snapshot.selected, selectedAt: '2026-01-10T09:00:00.000Z' };
		expect(withSelectedSince(snapshot, kept, NOW + 60_000).selectedAt).toBe('2026-01-10T09:00:00.000Z');
	});
});
