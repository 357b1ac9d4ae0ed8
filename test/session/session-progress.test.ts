import { describe, expect, it } from 'vitest';
import { missingVariables, variableError, variablesToSave } from '../../src/session/ask-variables.js';
import { solutionLines, stepInfos, stepText } from '../../src/session/lab-steps.js';
import { initSession, sessionReducer, stepProgress, type SessionAction, type SessionState } from '../../src/session/session-reducer.js';
import { toProgress } from '../../src/session/session-progress.js';
import { failedCheck, fixtureLab, fixtureVars } from './fixture-lab.js';

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
			hintsShown: { 'build-curl': 1 },
			solutionsShown: ['build-curl'],
			answers: { 'reference-defaults': { text: 'kiamol/ch05-pi', correct: false } },
			selected: 'reference-defaults',
			startedAt: '2026-01-10T10:00:00.000Z',
		});
	});

	it('counts a regressed step as done, to be re-checked on the next start', () => {
		const saved = toProgress(initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }), fixtureLab);
		const resumed = initSession({ lab: fixtureLab, vars: fixtureVars, saved: { ...saved, done: ['build-curl'], selected: 'build-curl' }, now: NOW, canStopRegistry: false });
		const regressed = run(
			resumed,
			{ type: 'check-started', stepId: 'build-curl', checkId: 1 },
			{ type: 'check-finished', stepId: 'build-curl', checkId: 1, check: failedCheck('gone'), at: NOW },
		);
		expect(stepProgress(regressed, 'build-curl').status).toBe('regressed');
		expect(toProgress(regressed, fixtureLab).done).toEqual(['build-curl']);
	});

	it('resumes from what it saved', () => {
		const state = run(
			initSession({ lab: fixtureLab, vars: fixtureVars, now: NOW, canStopRegistry: false }),
			{ type: 'start' },
			{ type: 'select', index: 2 },
			{ type: 'show-hint' },
		);
		const resumed = initSession({ lab: fixtureLab, vars: fixtureVars, saved: toProgress(state, fixtureLab), now: NOW + 5000, canStopRegistry: false });
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
		['me@example.com', dockerId.patternHelp],
		['Learner1', dockerId.patternHelp],
	])('the Docker ID %j gets error %j', (value, error) => {
		expect(variableError(dockerId, value)).toBe(error);
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
		expect(stepInfos(fixtureLab).map(({ id, isQuestion, hintCount, hasSolution, isCleanup }) => [id, isQuestion, hintCount, hasSolution, isCleanup])).toEqual([
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
