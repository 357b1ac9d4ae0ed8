import { afterEach, describe, expect, it } from 'vitest';
import { prepareLab } from '../../src/runtime/prepare-lab.js';
import { clearlyWrongAnswer, proveQuestion } from '../../src/answer/question-proof.js';
import { usesDocker } from '../../src/runtime/check-lab.js';
import { testLab, testOrder, type StepTestOutcome, type TestLabOptions } from '../../src/runtime/test-lab.js';
import { goodLab, goodLabWith, makeFixtureLab, type FixtureLab } from './fixture-lab.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

async function runTest(yaml = goodLab, options: TestLabOptions = {}) {
	fixture = makeFixtureLab(yaml);
	const prepared = await prepareLab({
		labArg: fixture.labDir,
		env: fixture.env,
		cwd: fixture.workspaceRoot,
		setFlags: ['name=ada'],
		chooseFreePorts: false,
	});
	const seen: StepTestOutcome[] = [];
	const result = await testLab(prepared, { settleMs: 5_000, retryIntervalMs: 20, ...options, onStep: (outcome) => seen.push(outcome) });
	return { result, seen, byId: Object.fromEntries(result.steps.map((step) => [step.id, step])) };
}

describe('testLab', () => {
	it('proves a good lab: each check fails before its solution and passes after, the cleanup step last', async () => {
		const { result, seen, byId } = await runTest();
		expect(result.steps.filter((step) => step.status !== 'passed')).toEqual([]);
		expect(result.passed).toBe(true);
		expect(result.steps.map((step) => [step.id, step.status])).toEqual([
			['give-name', 'passed'],
			['make-file', 'passed'],
			['use-file', 'passed'],
			['colour', 'passed'],
			['tidy', 'passed'],
		]);
		expect(byId['make-file']?.message).toBe('Its checks fail before the solution and pass after it.');
		// Progress is reported as each step finishes.
		expect(seen.map((step) => step.id)).toEqual(result.steps.map((step) => step.id));
	});

	it('runs the lab as one sequence and notes (not fails) an earlier step that a later solution undid', async () => {
		// Given use-file's solution moves made.txt away, which make-file's check looks at
		const { result, byId } = await runTest(
			goodLabWith("solution: ['touch used.txt']", "solution: ['touch used.txt', 'mv {{marker}} moved.txt']"),
		);
		expect(result.passed).toBe(true);
		expect(byId['use-file']?.status).toBe('passed');
		expect(byId['use-file']?.notes).toEqual([
			"After this step's setup and solution, the checks of make-file no longer pass (There is no made.txt yet. Make it.). Learners keep make-file done through their saved progress; a step that needs it says what to redo.",
		]);
		// Said once, where it happened; the input step and the cleanup step are not asked about.
		expect(byId['make-file']?.notes).toEqual([]);
		expect(result.steps.flatMap((step) => step.notes).filter((note) => note.includes('no longer pass'))).toHaveLength(1);
	});

	it('adds no such note when no later step undoes an earlier one', async () => {
		const { result } = await runTest();
		expect(result.steps.flatMap((step) => step.notes).filter((note) => note.includes('no longer pass'))).toEqual([]);
	});

	it('reports a step that only reads a variable as an input, not as proven to fail', async () => {
		const { byId } = await runTest();
		expect(byId['give-name']).toMatchObject({ status: 'passed', message: 'The input is given and its checks pass.' });
		expect(byId['give-name']?.notes).toEqual([
			'Its checks only read name, an input the learner gives: they are not expected to fail first.',
		]);
	});

	it('fails a step whose checks already pass before its solution, and says why that matters', async () => {
		// The setup makes the file instead of removing it.
		const { result, byId } = await runTest(goodLabWith("setup: ['rm -f {{marker}}']", "setup: ['touch {{marker}}']"));
		expect(result.passed).toBe(false);
		expect(byId['make-file']).toMatchObject({
			status: 'failed',
			phase: 'before-solution',
			message:
				'The checks already pass before the solution ran, so they cannot tell whether the learner did the step. Make the setup undo the step, or make the checks stricter.',
		});
		// The other steps still run and hold.
		expect(byId['use-file']?.status).toBe('passed');
	});

	it('fails a step whose solution does not make its checks pass, with the check’s message and output', async () => {
		const { byId } = await runTest(goodLabWith("solution: ['touch used.txt']", "solution: ['touch unused.txt']"), { settleMs: 200 });
		expect(byId['use-file']).toMatchObject({
			status: 'failed',
			phase: 'after-solution',
			message: 'The checks do not pass after the solution: The file is not used yet.',
		});
		expect(byId['use-file']?.outputTail).toContain('check: test -e used.txt');
	});

	it('fails a step whose setup command fails, naming the command', async () => {
		const { byId } = await runTest(goodLabWith("setup: ['rm -f {{marker}}']", "setup: ['node scripts/no-such-script.mjs']"));
		expect(byId['make-file']).toMatchObject({ status: 'failed', phase: 'setup' });
		expect(byId['make-file']?.message).toMatch(/^The setup command failed: .*node scripts\/no-such-script\.mjs/);
	});

	it('retries the checks for a while after a solution, for things that take a moment to start', async () => {
		// The check passes only on its third look at the file the solution writes.
		const yaml = goodLabWith(
			'      - run: test -e used.txt\n        fail: The file is not used yet.',
			'      - run: node scripts/count.mjs used.txt 3\n        fail: The file is not used yet.',
		);
		const settled = await runTest(yaml);
		expect(settled.byId['use-file']?.status).toBe('passed');
		fixture?.remove();
		const impatient = await runTest(yaml, { settleMs: 0 });
		expect(impatient.byId['use-file']).toMatchObject({ status: 'failed', phase: 'after-solution' });
	});

	it('fails a question that accepts a clearly wrong answer', async () => {
		const { byId } = await runTest(goodLabWith("accept: ['^blue$']", "accept: ['.*']"));
		expect(byId.colour).toMatchObject({
			status: 'failed',
			phase: 'question',
			message: 'The clearly wrong answer "registry-lab test: a clearly wrong answer" is judged right: the question accepts too much.',
		});
	});

	it('skips online steps with skipOnline', async () => {
		const { result, byId } = await runTest(goodLab.replace('    needs: [make-file]\n', '    needs: [make-file]\n    online: true\n'), {
			skipOnline: true,
		});
		expect(byId['use-file']).toMatchObject({ status: 'skipped', message: 'An online step, skipped with --skip-online.' });
		expect(result.passed).toBe(true);
	});

	it('runs the whole lab again with repeat, each step once per run', async () => {
		const { result } = await runTest(goodLab, { repeat: 2 });
		expect(result.steps.map((step) => `${step.iteration}:${step.id}`)).toEqual([
			...['give-name', 'make-file', 'use-file', 'colour', 'tidy'].map((id) => `1:${id}`),
			...['give-name', 'make-file', 'use-file', 'colour', 'tidy'].map((id) => `2:${id}`),
		]);
		expect(result.passed).toBe(true);
	});

	it('stops running steps when canceled and does not call the run a pass', async () => {
		const controller = new AbortController();
		controller.abort();
		const { result } = await runTest(goodLab, { signal: controller.signal });
		expect(result.passed).toBe(false);
		expect(result.steps.every((step) => step.status === 'skipped' && step.message === 'Not run: the test was canceled.')).toBe(true);
	});
});

describe('test helpers', () => {
	it('puts the cleanup step last, wherever the lab lists it', () => {
		const steps = [{ id: 'tidy', cleanup: true }, { id: 'a' }, { id: 'b' }] as Parameters<typeof testOrder>[0]['steps'];
		expect(testOrder({ steps }).map((step) => step.id)).toEqual(['a', 'b', 'tidy']);
	});

	it('needs Docker only for labs that use it', () => {
		expect(usesDocker({})).toBe(false);
		expect(usesDocker({ requires: ['docker'] })).toBe(true);
		expect(usesDocker({ images: ['x:1'] })).toBe(true);
		expect(usesDocker({ containers: [{ name: 'registry', image: 'registry:2' }] })).toBe(true);
	});

	it('proves the registries lab’s questions: right answers right, a wrong one wrong with feedback', () => {
		const question = { ask: 'Full reference?', kind: 'reference' as const, accept: ['docker.io/kiamol/ch05-pi:latest'] };
		expect(proveQuestion(question)).toEqual({
			ok: true,
			problems: [],
			notes: ['The accepted answer is judged right.', 'A wrong answer is judged wrong, with feedback.'],
		});
		expect(proveQuestion({ ...question, accept: ['docker.io/kiamol/ch05-pi:latest', 'kiamol/other:1'] }).ok).toBe(true);
	});

	it('finds a wrong choice, and none when every choice is right', () => {
		const question = { ask: 'Which?', kind: 'choice' as const, choices: ['one', 'two'], accept: ['two'] };
		expect(clearlyWrongAnswer(question)).toBe('one');
		expect(clearlyWrongAnswer({ ...question, accept: ['one', 'two'] })).toBeUndefined();
	});
});
