// How `registry-lab test` reports a step whose checks let a near miss (`wrong:`) through, in each of
// its formats: the live line and the summary (text), JSON for tools, and JUnit for CI.
import { describe, expect, it } from 'vitest';
import { formatTestJson, formatTestJunit, formatTestProgress, formatTestSummary } from '../../src/report/test-report.js';
import { letThroughMessage, type LabTestResult, type StepTestOutcome } from '../../src/runtime/test-lab.js';

const letThrough = [{ wrong: 'pushed as webapp, not web', checks: ['check 1 (GET http://localhost:5000/v2/_catalog)'] }];

const leaked: StepTestOutcome = {
	id: 'push-web',
	title: 'Push web to the registry',
	iteration: 1,
	status: 'failed',
	phase: 'wrong-state',
	message: letThroughMessage('push-web', letThrough),
	notes: [],
	outputTail: '',
	letThrough,
	durationMs: 1200,
};

const result: LabTestResult = { lab: 'near-miss-lax', title: 'A lax check', iterations: 1, steps: [leaked], passed: false };

const expectedMessage =
	'The checks of step push-web let a wrong state through: “pushed as webapp, not web” passes check 1 (GET http://localhost:5000/v2/_catalog). A learner in that state would see the step done: make the checks stricter, so that they fail there.';

describe('the test report of a near miss the checks let through', () => {
	it('names the step, the state and the check in one sentence, and every state when several get through', () => {
		expect(leaked.message).toBe(expectedMessage);
		expect(letThroughMessage('s', [...letThrough, { wrong: 'b', checks: ['check 1 (x)', 'check 2 (y)'] }])).toBe(
			'The checks of step s let 2 wrong states through: “pushed as webapp, not web” passes check 1 (GET http://localhost:5000/v2/_catalog); “b” passes check 1 (x), check 2 (y). A learner in that state would see the step done: make the checks stricter, so that they fail there.',
		);
	});

	it('says the phase in the live line and again in the summary', () => {
		expect(formatTestProgress(leaked)).toBe(
			`✗ push-web  Push web to the registry (1.2 s)\n    failed in a wrong state (wrong:): ${expectedMessage}\n`,
		);
		expect(formatTestSummary(result)).toContain(`push-web failed in a wrong state (wrong:):\n  ${expectedMessage}\n`);
	});

	it('gives tools the states and checks as data in JSON', () => {
		const step = (JSON.parse(formatTestJson(result)) as { steps: Record<string, unknown>[] }).steps[0];
		expect(step).toMatchObject({ id: 'push-web', status: 'failed', phase: 'wrong-state', message: expectedMessage, letThrough });
	});

	it('fails the step’s JUnit testcase with the phase as its type', () => {
		expect(formatTestJunit(result)).toContain(
			`<failure message="a wrong state (wrong:): The checks of step push-web let a wrong state through: “pushed as webapp, not web” passes check 1 (GET http://localhost:5000/v2/_catalog).`,
		);
		expect(formatTestJunit(result)).toContain('type="wrong-state"');
	});
});
