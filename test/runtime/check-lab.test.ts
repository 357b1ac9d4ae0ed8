import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLab, isInputStep, withNeeds } from '../../src/runtime/check-lab.js';
import { prepareLab, type PreparedLab } from '../../src/runtime/prepare-lab.js';
import { goodLab, makeFixtureLab, type FixtureLab } from './fixture-lab.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

async function prepared(yaml = goodLab): Promise<{ lab: FixtureLab; prepared: PreparedLab }> {
	fixture = makeFixtureLab(yaml);
	const result = await prepareLab({
		labArg: fixture.labDir,
		env: fixture.env,
		cwd: fixture.workspaceRoot,
		setFlags: ['name=ada'],
		chooseFreePorts: false,
	});
	return { lab: fixture, prepared: result };
}

const statuses = (result: Awaited<ReturnType<typeof checkLab>>) => Object.fromEntries(result.steps.map((step) => [step.id, step.status]));

describe('checkLab', () => {
	it('fails a step whose check fails, with the lab’s words, and skips the steps that need it', async () => {
		const { prepared: lab } = await prepared();
		const result = await checkLab(lab);
		expect(statuses(result)).toEqual({
			'give-name': 'passed',
			'make-file': 'failed',
			'use-file': 'skipped',
			colour: 'failed',
			tidy: 'skipped',
		});
		const steps = Object.fromEntries(result.steps.map((step) => [step.id, step]));
		expect(steps['make-file']?.message).toBe('There is no made.txt yet. Make it.');
		expect(steps['use-file']?.message).toBe('Do make-file first.');
		expect(steps.colour?.message).toBe('Not answered yet. Answer with: registry-lab answer colour <your answer>');
		expect(steps.tidy?.message).toBe('Nothing to clean up yet: this step counts once you have done some of the others.');
	});

	it('passes a step once the learner has done it, in the workspace', async () => {
		const { lab, prepared: ready } = await prepared();
		writeFileSync(path.join(lab.workspace, 'made.txt'), 'ada');
		const result = await checkLab(ready);
		expect(statuses(result)).toMatchObject({ 'make-file': 'passed', 'use-file': 'failed' });
		expect(result.steps.find((step) => step.id === 'make-file')).toMatchObject({
			message: '',
			results: [expect.objectContaining({ status: 'passed' })],
		});
	});

	it('counts a question as done when it was answered right', async () => {
		const { prepared: lab } = await prepared();
		const result = await checkLab(lab, { answered: new Set(['colour']) });
		expect(statuses(result).colour).toBe('passed');
	});

	it('judges the cleanup step once something was done, now or in an earlier session', async () => {
		const { lab, prepared: ready } = await prepared();
		expect(statuses(await checkLab(ready, { done: new Set(['make-file']) })).tidy).toBe('passed');
		writeFileSync(path.join(lab.workspace, 'made.txt'), 'ada');
		const doing = await checkLab(ready);
		expect(doing.steps.find((step) => step.id === 'tidy')).toMatchObject({ status: 'failed', message: 'made.txt is still there.' });
	});

	it('keeps a step done before as done when the machine no longer shows it, and runs the steps that need it', async () => {
		// Given make-file was done in an earlier session and made.txt is gone now (a later step removed it)
		const { lab, prepared: ready } = await prepared();
		writeFileSync(path.join(lab.workspace, 'used.txt'), 'yes');
		const result = await checkLab(ready, { done: new Set(['make-file']) });
		const steps = Object.fromEntries(result.steps.map((step) => [step.id, step]));
		// Then it is done (for good) but the machine shows it failing now, and use-file is judged, not skipped
		expect(steps['make-file']).toMatchObject({ done: true, status: 'failed' });
		expect(steps['use-file']).toMatchObject({ done: true, status: 'passed' });
		expect(steps['give-name']).toMatchObject({ done: true, status: 'passed' });
		expect(steps.colour).toMatchObject({ done: false, status: 'failed' });
	});

	it('checks one step with --step, after the steps it needs, and reports only that one', async () => {
		const { lab, prepared: ready } = await prepared();
		writeFileSync(path.join(lab.workspace, 'made.txt'), 'ada');
		writeFileSync(path.join(lab.workspace, 'used.txt'), 'yes');
		const result = await checkLab(ready, { stepId: 'use-file' });
		expect(result.steps.map((step) => [step.id, step.status])).toEqual([['use-file', 'passed']]);
		// The cleanup step asked for by name is judged even with nothing done before.
		expect((await checkLab(ready, { stepId: 'tidy' })).steps[0]?.status).toBe('failed');
	});

	it('checks steps that do not depend on each other at the same time', async () => {
		// Each check writes its flag and waits for the other's: they pass only when both run at once.
		const yaml = goodLab.replace(
			'  - id: colour\n',
			`  - id: left
    title: Left
    prompt: Meet.
    hints: [Wait.]
    solution: ['node scripts/write.mjs right.flag']
    check:
      - run: node scripts/meet.mjs left.flag right.flag
  - id: right
    title: Right
    prompt: Meet.
    hints: [Wait.]
    solution: ['node scripts/write.mjs left.flag']
    check:
      - run: node scripts/meet.mjs right.flag left.flag
  - id: colour
`,
		);
		const { prepared: lab } = await prepared(yaml);
		const result = await checkLab(lab, { concurrency: 2 });
		expect(statuses(result)).toMatchObject({ left: 'passed', right: 'passed' });
	});

	it('refuses a step the lab does not have', async () => {
		const { prepared: lab } = await prepared();
		await expect(checkLab(lab, { stepId: 'nope' })).rejects.toThrow(
			'The lab fixture has no step "nope". Its steps: give-name, make-file, use-file, colour, tidy',
		);
	});
});

describe('step helpers', () => {
	it('finds a step with everything it needs, in lab order', async () => {
		const { prepared: lab } = await prepared();
		expect(withNeeds(lab.lab, 'use-file').map((step) => step.id)).toEqual(['give-name', 'make-file', 'use-file']);
	});

	it('tells an input step (only variable checks) from a task', async () => {
		const { prepared: lab } = await prepared();
		expect(lab.lab.steps.filter(isInputStep).map((step) => step.id)).toEqual(['give-name']);
	});
});
