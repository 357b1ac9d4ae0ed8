// `d` shows what a failed check saw (its command, why, its output) under the lab's words, and hides
// it again. Pure: the key, then the reducer.
import { describe, expect, it } from 'vitest';
import { keyToAction, plainKey, reduceSession, type KeyPress } from '../../src/session/key-bindings.js';
import { initSession, noDetailsYet, sessionReducer, stepProgress, type SessionState } from '../../src/session/session-reducer.js';
import { savedProgress } from '../support/saved-progress.js';
import { failedCheck, fixtureLab, fixtureVars, passedCheck } from './fixture-lab.js';

const d: KeyPress = { ...plainKey, input: 'd' };

/** A resumed session on a step, with that step's last check finished as given. */
function sessionOn(stepId: string, check = failedCheck('No image yet.')): SessionState {
	const state = initSession({
		lab: fixtureLab,
		vars: fixtureVars,
		saved: savedProgress({ selected: stepId }),
		now: 0,
		canStopRegistry: false,
	});
	const started = sessionReducer(state, { type: 'check-started', stepId, checkId: 1 });
	return sessionReducer(started, { type: 'check-finished', stepId, checkId: 1, check, at: 0 });
}

describe('the d key', () => {
	it('asks for the details of the selected step’s last check', () => {
		expect(keyToAction(sessionOn('build-curl'), d)).toEqual({ type: 'toggle-details' });
	});

	it('types a d into the answer field of a question', () => {
		const state = sessionOn('reference-defaults');
		expect(state.focus).toBe('answer');
		expect(keyToAction(state, d)).toEqual({ type: 'type-answer', text: 'd' });
	});
});

describe('toggle-details', () => {
	it('shows the details of a failed check, and hides them on the next press', () => {
		const shown = reduceSession(sessionOn('build-curl'), { type: 'key', key: d });
		expect(stepProgress(shown, 'build-curl').isDetailsShown).toBe(true);
		const hidden = reduceSession(shown, { type: 'key', key: d });
		expect(stepProgress(hidden, 'build-curl').isDetailsShown).toBe(false);
	});

	it('keeps them per step: another step’s failure shows only the lab’s words until its own d', () => {
		const shown = sessionReducer(sessionOn('build-curl'), { type: 'toggle-details' });
		const moved = sessionReducer(shown, { type: 'move', delta: 1 });
		expect(stepProgress(moved, 'run-registry').isDetailsShown).toBeUndefined();
		expect(stepProgress(moved, 'build-curl').isDetailsShown).toBe(true);
	});

	it.each([
		[
			'no check has finished yet',
			() =>
				initSession({
					lab: fixtureLab,
					vars: fixtureVars,
					saved: savedProgress({ selected: 'build-curl' }),
					now: 0,
					canStopRegistry: false,
				}),
		],
		['the last check passed', () => sessionOn('build-curl', passedCheck)],
	])('says there is nothing to show when %s', (_, make) => {
		const state = sessionReducer(make(), { type: 'toggle-details' });
		expect(state.notice?.text).toBe(noDetailsYet);
		expect(stepProgress(state, 'build-curl').isDetailsShown).toBeUndefined();
	});
});
