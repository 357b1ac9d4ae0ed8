import { existsSync } from 'node:fs';
import path from 'node:path';
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

	describe('near misses (wrong:)', () => {
		const useFileCheck = '    check:\n      - run: test -e used.txt\n        fail: The file is not used yet.\n';
		/** use-file with other checks and these wrong states (YAML lines under the step). */
		const useFileWith = (check: string, wrong: string) => goodLabWith(useFileCheck, `${check}    wrong:\n${wrong}`);
		const strictCheck = useFileCheck;
		// Passes for any file whose name holds "used": unused.txt too.
		const laxCheck =
			'    check:\n      - run: ls\n        expect: { stdout: { contains: used } }\n        fail: The file is not used yet.\n';
		const touchedUnused = "      - name: made unused.txt instead\n        run: ['touch unused.txt']\n        undo: ['rm -f unused.txt']\n";

		it('proves a wrong state fails the checks, then runs the solution as before', async () => {
			const { result, byId } = await runTest(useFileWith(strictCheck, touchedUnused));
			expect(result.passed).toBe(true);
			expect(byId['use-file']).toMatchObject({
				status: 'passed',
				message: 'Its checks fail before the solution and in its wrong state, and pass after it.',
			});
		});

		it('fails the step when a lax check lets a wrong state through, naming the step, the state and the check', async () => {
			const { result, byId } = await runTest(useFileWith(laxCheck, touchedUnused));
			expect(result.passed).toBe(false);
			expect(byId['use-file']).toMatchObject({
				status: 'failed',
				phase: 'wrong-state',
				message:
					'The checks of step use-file let a wrong state through: “made unused.txt instead” passes check 1 (ls). A learner in that state would see the step done: make the checks stricter, so that they fail there.',
				letThrough: [{ wrong: 'made unused.txt instead', checks: ['check 1 (ls)'] }],
			});
			// The other steps still run and hold.
			expect(byId.tidy?.status).toBe('passed');
		});

		it('tries every wrong state from the step’s start, so one state’s leftovers never decide another’s verdict', async () => {
			// Given checks that need a.txt and b.txt, and two states that each make one of them:
			// without the setup between them, the second state would hold both files and pass.
			const check = '    check:\n      - run: test -e a.txt\n      - run: test -e b.txt\n        fail: The file is not used yet.\n';
			const wrong = "      - name: only a\n        run: ['touch a.txt']\n      - name: only b\n        run: ['touch b.txt']\n";
			const yaml = useFileWith(check, wrong)
				.replace("setup: ['touch {{marker}}', 'rm -f used.txt']", "setup: ['touch {{marker}}', 'rm -f a.txt', 'rm -f b.txt']")
				.replace("solution: ['touch used.txt']", "solution: ['touch a.txt', 'touch b.txt']");
			const { byId } = await runTest(yaml);
			expect(byId['use-file']).toMatchObject({
				status: 'passed',
				message: 'Its checks fail before the solution and in each of its 2 wrong states, and pass after it.',
			});
		});

		it('runs the setup again before the solution, so a wrong state cannot help the solution pass', async () => {
			// Given a wrong state that makes used.txt under a lax check's nose, and a solution that makes nothing
			const wrong = "      - name: made it the wrong way\n        run: ['touch used.txt']\n";
			const yaml = useFileWith('    check:\n      - run: test -e used.txt\n      - run: test -e proof.txt\n', wrong).replace(
				"solution: ['touch used.txt']",
				"solution: ['touch proof.txt']",
			);
			// Then the solution's checks fail: the setup removed used.txt again
			const { byId } = await runTest(yaml, { settleMs: 0 });
			expect(byId['use-file']).toMatchObject({ status: 'failed', phase: 'after-solution' });
		});

		it('runs a wrong state’s undo after its checks, also when the checks let it through', async () => {
			const { byId } = await runTest(useFileWith(laxCheck, touchedUnused.replace("['rm -f unused.txt']", "['touch undone.txt']")));
			expect(byId['use-file']?.phase).toBe('wrong-state');
			expect(existsSync(path.join(fixture!.workspace, 'undone.txt'))).toBe(true);
		});

		it('fails the step when a wrong state’s command fails, naming the state: a state never reached proves nothing', async () => {
			const wrong = "      - name: ran a missing script\n        run: ['node scripts/no-such-script.mjs']\n";
			const { byId } = await runTest(useFileWith(strictCheck, wrong));
			expect(byId['use-file']).toMatchObject({ status: 'failed', phase: 'wrong-state' });
			expect(byId['use-file']?.message).toMatch(/^The command of the wrong state “ran a missing script” failed: /);
		});
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
