// The author's mode as pure session logic: a saved lab file reloads in place (the same step
// selected, progress kept by step id), problems read as `lab.yaml:LINE:COL: message`, and a proof's
// phases are told as they start and end.
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/lab/schema.js';
import { reduceSession, plainKey } from '../../src/session/key-bindings.js';
import { finishProof, problemLines, startPhase, type ProofRun } from '../../src/session/dev-state.js';
import {
	initSession,
	selectedStep,
	sessionReducer,
	stepProgress,
	type SessionAction,
	type SessionState,
} from '../../src/session/session-reducer.js';
import { savedProgress } from '../support/saved-progress.js';
import { fixtureLab, fixtureVars } from './fixture-lab.js';

const NOW = Date.parse('2026-01-10T10:00:00Z');

/** A dev session, resumed at `selectedId`, with build-curl done and two of its hints shown. */
function devSession(selectedId = 'run-registry', isDev = true): SessionState {
	return initSession({
		lab: fixtureLab,
		vars: fixtureVars,
		saved: savedProgress({ selected: selectedId, done: ['build-curl'], hintsShown: { 'build-curl': 2 }, solutionsShown: ['build-curl'] }),
		now: NOW,
		canStopRegistry: true,
		isDev,
	});
}

function run(state: SessionState, ...actions: SessionAction[]): SessionState {
	return actions.reduce(sessionReducer, state);
}

const withSteps = (lab: Lab, steps: Lab['steps']): Lab => ({ ...lab, steps });
const step = (id: string) => fixtureLab.steps.find((candidate) => candidate.id === id)!;

describe('reloading the lab in place (lab-reloaded)', () => {
	it('given a new title for the selected step, keeps that step selected and shows the new title', () => {
		const edited = withSteps(
			fixtureLab,
			fixtureLab.steps.map((item) => (item.id === 'run-registry' ? { ...item, title: 'Run your own registry' } : item)),
		);
		const state = run(devSession(), { type: 'lab-reloaded', lab: edited, vars: fixtureVars });
		expect(selectedStep(state)).toMatchObject({ id: 'run-registry', title: 'Run your own registry' });
	});

	it('given a step inserted before the selected one, follows the selected step by id, not by place', () => {
		const inserted = { ...step('set-docker-id'), id: 'new-first', title: 'A new first step' };
		const state = run(devSession(), {
			type: 'lab-reloaded',
			lab: withSteps(fixtureLab, [inserted, ...fixtureLab.steps]),
			vars: fixtureVars,
		});
		expect(selectedStep(state)?.id).toBe('run-registry');
		expect(state.selected).toBe(3);
	});

	it('keeps the progress of steps whose ids survive, and starts a new step fresh', () => {
		const renamed = fixtureLab.steps.map((item) => (item.id === 'set-docker-id' ? { ...item, id: 'give-docker-id' } : item));
		const state = run(devSession(), { type: 'lab-reloaded', lab: withSteps(fixtureLab, renamed), vars: fixtureVars });
		expect(stepProgress(state, 'build-curl')).toMatchObject({ status: 'done', hintsShown: 2, solutionShown: true });
		expect(stepProgress(state, 'give-docker-id')).toMatchObject({ status: 'not-yet', hintsShown: 0 });
		expect(state.progress['set-docker-id']).toBeUndefined();
	});

	it('shows no more hints than the edited step has, and no solution it no longer has', () => {
		const fewer = fixtureLab.steps.map((item) =>
			item.id === 'build-curl' ? { ...item, hints: ['Only one hint now.'], solution: [] } : item,
		);
		const state = run(devSession(), { type: 'lab-reloaded', lab: withSteps(fixtureLab, fewer), vars: fixtureVars });
		expect(stepProgress(state, 'build-curl')).toMatchObject({ hintsShown: 1, solutionShown: false });
	});

	it('given the selected step removed, selects the step now in its place', () => {
		const removed = fixtureLab.steps.filter((item) => item.id !== 'run-registry');
		const before = devSession();
		const state = run(before, { type: 'lab-reloaded', lab: withSteps(fixtureLab, removed), vars: fixtureVars });
		expect(state.selected).toBe(before.selected);
		expect(selectedStep(state)?.id).toBe('reference-defaults');
	});

	it('clears the problems shown and checks the lab again: the checks in flight looked at the old one', () => {
		const broken = run(devSession(), { type: 'lab-problems', problems: ['lab.yaml:3:1: YAML syntax error'] });
		expect(broken.labProblems).toEqual(['lab.yaml:3:1: YAML syntax error']);
		const fixed = run(broken, { type: 'lab-reloaded', lab: fixtureLab, vars: fixtureVars });
		expect(fixed.labProblems).toBeUndefined();
		expect(fixed.round).toMatchObject({ supersedes: true });
		expect(fixed.round?.stepIds[0]).toBe('run-registry');
	});

	it('given a new variable the lab asks for, asks for it before the lab goes on', () => {
		const asking: Lab = { ...fixtureLab, variables: { ...fixtureLab.variables, team: { ask: 'Your team' } } };
		const state = run(devSession(), { type: 'lab-reloaded', lab: asking, vars: fixtureVars });
		expect(state.view).toBe('variables');
	});
});

describe('problems as lab.yaml:LINE:COL: message', () => {
	it('names the file as the author named the lab, in file order', () => {
		const problems = [
			{ file: '/tmp/x/lab.yaml', line: 9, column: 3, message: 'missing `prompt`' },
			{ file: '/tmp/x/lab.yaml', line: 2, column: 8, message: 'YAML syntax error: bad indentation' },
		];
		expect(problemLines(problems, 'lab.yaml')).toEqual([
			'lab.yaml:2:8: YAML syntax error: bad indentation',
			'lab.yaml:9:3: missing `prompt`',
		]);
	});
});

describe('a step’s proof (dev)', () => {
	const key = (input: string) => ({ type: 'key' as const, key: { ...plainKey, input } });

	it('p starts a proof of the selected step in dev, and does nothing for a learner', () => {
		expect(reduceSession(devSession(), key('p')).proof).toMatchObject({ id: 1, stepId: 'run-registry', isRunning: true, phases: [] });
		expect(reduceSession(devSession('run-registry', false), key('p')).proof).toBeUndefined();
	});

	it('marks each phase passed when the next starts, and the running one failed with the message', () => {
		let state = reduceSession(devSession(), key('p'));
		const id = state.proof!.id;
		state = run(
			state,
			{ type: 'proof-phase', proofId: id, phase: 'setup' },
			{ type: 'proof-phase', proofId: id, phase: 'before-solution' },
			{ type: 'proof-phase', proofId: id, phase: 'solution' },
		);
		expect(state.proof?.phases).toEqual([
			{ phase: 'setup', status: 'passed' },
			{ phase: 'before-solution', status: 'passed' },
			{ phase: 'solution', status: 'running' },
		]);
		state = run(state, { type: 'proof-finished', proofId: id, status: 'failed', message: 'The solution command failed' });
		expect(state.proof).toMatchObject({ isRunning: false, outcome: { status: 'failed' } });
		expect(state.proof?.phases.at(-1)).toEqual({ phase: 'solution', status: 'failed', message: 'The solution command failed' });
	});

	it('ignores a report from an earlier run, and does not start a second while one runs', () => {
		const state = reduceSession(devSession(), key('p'));
		expect(run(state, { type: 'proof-phase', proofId: 99, phase: 'setup' }).proof?.phases).toEqual([]);
		expect(reduceSession(state, key('p')).proof?.id).toBe(state.proof?.id);
	});

	it('plans no check round on a machine change while the proof runs, so its step is not ticked off under it', () => {
		const state = reduceSession(devSession(), key('p'));
		const taken = state.round ? run(state, { type: 'round-started', roundId: state.round.id }) : state;
		expect(run(taken, { type: 'changed', reason: 'images' }).round?.id).toBe(taken.round?.id);
	});

	it('a finished proof passes its last phase', () => {
		const running: ProofRun = startPhase(startPhase({ id: 1, stepId: 'x', phases: [], isRunning: true }, 'setup'), 'after-solution');
		expect(finishProof(running, { status: 'passed', message: 'ok' }).phases.map((phase) => phase.status)).toEqual(['passed', 'passed']);
	});
});
