// What a learner reads in the TUI when something is not right yet: a failed check shows the lab's
// words and keeps the evidence behind `d`; a wrong answer's feedback is rendered markdown (no
// backticks); the solution prompt points to a next hint only while there is one.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeAnswer } from '../../src/answer/judge-answer.js';
import { questionOf } from '../../src/session/lab-steps.js';
import { App } from '../../src/ui/app.js';
import { failedCheck } from '../session/fixture-lab.js';
import { savedProgress } from '../support/saved-progress.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { frame, keys, press, resize, type, waitForFrame } from './ink-helpers.js';

afterEach(() => {
	cleanup();
});

function renderOn(selected: string, runtime = new FakeRuntime(), columns = 100) {
	const app = render(
		<App
			runtime={runtime}
			progressStore={new FakeStore()}
			loaded={{ state: savedProgress({ selected }) }}
			timing={{ checkDebounceMs: 0, saveDebounceMs: 0, environmentRefreshMs: 60_000 }}
		/>,
	);
	resize(app, columns, 30);
	return app;
}

describe('a failed check', () => {
	const words = 'There is no image learner1/curl:21.06 yet. Build it with docker build.';
	const evidence = 'expected exit code 0, got 1';
	const output = 'Error response from daemon: No such image: learner1/curl:21.06';

	function failingBuild(): FakeRuntime {
		const runtime = new FakeRuntime();
		runtime.results.set('build-curl', failedCheck(words, evidence, `${output}\n`));
		return runtime;
	}

	it('shows the lab’s words, and not the exit code, the command or its output', async () => {
		// Given the build step's check fails
		const app = renderOn('build-curl', failingBuild());
		// Then the learner reads what to do, and where the evidence is
		const current = await waitForFrame(app, 'There is no image learner1/curl:21.06 yet.');
		expect(current).toContain('Press d for what the check saw.');
		expect(current).not.toContain(evidence);
		expect(current).not.toContain('No such image');
		expect(current).not.toContain('Checked: docker image inspect');
	});

	it('shows the evidence on d, and hides it again on d', async () => {
		// Given the failed check is on screen
		const app = renderOn('build-curl', failingBuild());
		await waitForFrame(app, 'Press d for what the check saw.');
		// When the learner presses d
		await press(app, 'd');
		// Then the command, why it failed and its output show under the lab's words
		const details = await waitForFrame(app, evidence);
		expect(details).toContain(words.slice(0, 40));
		expect(details).toContain('Checked: docker image inspect learner1/curl:21.06');
		// The whole output line, wrapped if it must be: its end names what is missing.
		expect(details.replace(/\s*│\s*/g, ' ').replace(/ +/g, ' ')).toContain(output);
		// When d is pressed again, the evidence goes
		await press(app, 'd');
		await waitForFrame(app, (current) => !current.includes(evidence) && current.includes('Press d for what the check saw.'));
	});

	it('says there is nothing to show when d is pressed before any check failed', async () => {
		// Given a question step: it has no checks
		const app = renderOn('reference-defaults');
		await waitForFrame(app, 'Your answer: ▌');
		// When the keys are given back to the step and d is pressed
		await press(app, keys.tab, 'd');
		// Then the footer says why nothing happened
		await waitForFrame(app, 'Nothing to show yet');
	});

	it('types d into the answer field of a question, as a letter', async () => {
		const app = renderOn('reference-defaults');
		await waitForFrame(app, 'Your answer: ▌');
		await type(app, 'docker.io/kiamol/ch05-pi:latest');
		await waitForFrame(app, 'Your answer: docker.io/kiamol/ch05-pi:latest▌');
	});
});

describe('feedback on a wrong answer', () => {
	/** The real judge, as the app's runtime uses it. */
	function judgingRuntime(): FakeRuntime {
		const runtime = new FakeRuntime();
		runtime.judgeAnswer = (stepId, answer) => {
			const step = runtime.lab.steps.find((candidate) => candidate.id === stepId);
			const question = step ? questionOf(step) : undefined;
			if (!question) throw new Error(`no question ${stepId}`);
			return judgeAnswer(question, answer);
		};
		return runtime;
	}

	it('shows the judge’s markdown rendered: code without backticks', async () => {
		// Given the question about Docker's defaults
		const app = renderOn('reference-defaults', judgingRuntime());
		await waitForFrame(app, 'Your answer: ▌');
		// When the learner answers with the short form
		await type(app, 'kiamol/ch05-pi');
		await press(app, keys.enter);
		// Then the feedback names what is missing, rendered
		const judged = await waitForFrame(app, 'Not quite.');
		expect(judged).toContain('kiamol/ch05-pi is the short form you type.');
		expect(judged).not.toContain('`');
		// And it does not hand over the answer
		expect(judged).not.toContain('docker.io/kiamol/ch05-pi:latest');
	});
});

describe('the solution prompt', () => {
	it('points to the next hint while there is one', async () => {
		const app = renderOn('build-curl');
		await waitForFrame(app, 'Step 2 of 5');
		await press(app, 's');
		await waitForFrame(app, 'Show the solution? The next hint may be all you need.');
	});

	it('does not point to a next hint after the last one', async () => {
		// Given every hint of the step is shown
		const app = renderOn('build-curl');
		await waitForFrame(app, 'Step 2 of 5');
		await press(app, 'h', 'h', 'h');
		await waitForFrame(app, 'Hint 3 of 3');
		// When the learner asks for the solution
		await press(app, 's');
		// Then the question is only the question
		const asked = await waitForFrame(app, 'Show the solution?');
		expect(asked).not.toContain('next hint');
		expect(frame(app)).toContain('(y/n)');
	});
});
