import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../src/lab/schema.js';
import type { LoadedProgress } from '../../src/progress/progress-store.js';
import { App } from '../../src/ui/app.js';
import { failedCheck, fixtureLab, fixtureVars, passedCheck } from '../session/fixture-lab.js';
import { savedProgress } from '../support/saved-progress.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { frame, keys, press, resize, rowWith, type, waitForFrame, waitUntil, type Rendered } from './ink-helpers.js';

afterEach(() => {
	cleanup();
});

interface Setup {
	runtime?: FakeRuntime;
	store?: FakeStore;
	loaded?: LoadedProgress;
	columns?: number;
	rows?: number;
}

function renderApp({ runtime = new FakeRuntime(), store = new FakeStore(), loaded = { state: savedProgress() }, columns = 80, rows = 24 }: Setup = {}) {
	const app = render(
		<App
			runtime={runtime}
			progressStore={store}
			loaded={loaded}
			timing={{ checkDebounceMs: 0, saveDebounceMs: 0, environmentRefreshMs: 60_000 }}
		/>,
	);
	resize(app, columns, rows);
	return { app, runtime, store };
}

/** The step list's entry for a step title (the part of a row left of the list's border). */
function listRow(app: Rendered, title: string): string {
	const entries = frame(app)
		.split('\n')
		.map((row) => row.split('│')[0] ?? '');
	return entries.find((entry) => entry.includes(title)) ?? '';
}

describe('layout', () => {
	it('shows the title, progress, Docker and registry status, the steps and the keys at 80x24', async () => {
		// Given a resumed lab with one step done (and still passing)
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ done: ['set-docker-id'], selected: 'build-curl' }) } });
		// Then
		const current = await waitForFrame(app, 'registry ● :5000');
		expect(current).toContain('Accessing images on registries');
		expect(current).toContain('1/5 done');
		expect(current).toContain('Docker ● up');
		expect(listRow(app, 'Set your Docker ID')).toMatch(/✔ Set your Docker ID/);
		expect(rowWith(current, 'Step 2 of 5')).toContain('Build an image named');
		expect(current).toMatch(/▶ · Build an image/);
		expect(current).toContain('c check');
		const rows = current.split('\n');
		expect(rows.length).toBeLessThanOrEqual(23);
		for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
	});

	it('shows commands with the learner’s own values', async () => {
		const { app } = renderApp({ loaded: { state: savedProgress({ selected: 'build-curl' }) } });
		const current = await waitForFrame(app, 'docker build -t learner1/curl:21.06');
		expect(current).toContain('/home/learner/registry-lab');
		expect(current).not.toContain('{{dockerId}}');
	});

	it('reflows the prompt when the terminal is resized', async () => {
		// Given a wide terminal, where the registry command fits on one line
		const { app } = renderApp({ loaded: { state: savedProgress({ selected: 'run-registry' }) }, columns: 120 });
		await waitForFrame(app, 'docker run -d -p 5000:5000 --name registry registry:2');
		// When the terminal gets narrower
		resize(app, 80, 24);
		// Then the command is broken with a shell continuation and every row fits
		const narrow = await waitForFrame(app, (current) => !current.includes('--name registry registry:2') && current.includes('\\'));
		for (const row of narrow.split('\n')) expect([...row].length).toBeLessThanOrEqual(80);
		// And widening again joins it back
		resize(app, 120, 30);
		await waitForFrame(app, 'docker run -d -p 5000:5000 --name registry registry:2');
	});

	it('scrolls a long prompt with PgDn and space, showing that there is more', async () => {
		const paragraphs = Array.from({ length: 30 }, (_, index) => `Paragraph ${index + 1} of a long prompt.`).join('\n\n');
		const longLab: Lab = { ...fixtureLab, steps: [{ ...fixtureLab.steps[0]!, prompt: paragraphs }, ...fixtureLab.steps.slice(1)] };
		const { app } = renderApp({ runtime: new FakeRuntime({ lab: longLab }) });
		const first = await waitForFrame(app, 'more below');
		expect(first).toContain('Paragraph 1 of');
		await press(app, keys.pageDown);
		await waitForFrame(app, (current) => !current.includes('Paragraph 1 of'));
		await press(app, ' ', ' ', ' ', ' ', ' ', ' ');
		await waitForFrame(app, 'Paragraph 30 of');
		expect(frame(app)).toContain('top: PgUp');
		await press(app, keys.pageUp, keys.pageUp, keys.pageUp, keys.pageUp, keys.pageUp, keys.pageUp);
		await waitForFrame(app, 'Paragraph 1 of');
	});
});

describe('keys', () => {
	it('moves between steps with the arrows and with j and k', async () => {
		const { app } = renderApp();
		await waitForFrame(app, /▶ . Set your Docker ID/);
		await press(app, keys.down);
		await waitForFrame(app, /▶ . Build an image/);
		await press(app, 'j');
		await waitForFrame(app, /▶ . Run a local registry/);
		await press(app, 'k');
		await waitForFrame(app, /▶ . Build an image/);
		await press(app, keys.up);
		await waitForFrame(app, /▶ . Set your Docker ID/);
	});

	it('shows the next hint on h, one at a time', async () => {
		const { app } = renderApp({ loaded: { state: savedProgress({ selected: 'build-curl' }) } });
		await waitForFrame(app, 'Step 2 of 5');
		expect(frame(app)).not.toContain('Hint 1');
		await press(app, 'h');
		await waitForFrame(app, 'Hint 1 of 3');
		expect(frame(app)).toContain('Use docker build with -t.');
		await press(app, 'h');
		await waitForFrame(app, 'The tag is learner1/curl:21.06.');
	});

	it('shows the solution only after the learner confirms with y', async () => {
		const { app } = renderApp({ loaded: { state: savedProgress({ selected: 'run-registry' }) }, columns: 120 });
		await waitForFrame(app, 'Step 3 of 5');
		await press(app, 's');
		await waitForFrame(app, 'Show the solution?');
		expect(frame(app)).not.toMatch(/^.*Solution$/m);
		await press(app, 'n');
		await waitForFrame(app, (current) => !current.includes('Show the solution?'));
		expect(frame(app)).not.toContain('Solution');
		await press(app, 's', 'y');
		const shown = await waitForFrame(app, 'Solution');
		expect(shown.split('\n').filter((row) => row.includes('docker run -d -p 5000:5000'))).toHaveLength(2);
	});

	it('opens help on ? and closes it on any key', async () => {
		const { app } = renderApp();
		await waitForFrame(app, 'Step 1 of 5');
		await press(app, '?');
		await waitForFrame(app, 'choose a step');
		await press(app, 'x');
		await waitForFrame(app, 'Step 1 of 5');
	});

	it('stays responsive while a check runs, and aborts it when the learner moves on', async () => {
		// Given a check that does not finish
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ selected: 'build-curl' }) } });
		await waitForFrame(app, 'Checking…');
		// When the learner asks for a hint and moves on
		await press(app, 'h');
		await waitForFrame(app, 'Hint 1 of 3');
		await press(app, keys.down);
		// Then the check of the step they left is aborted
		await waitUntil(() => runtime.aborted.includes('build-curl'), () => `aborted: ${runtime.aborted.join(', ')}`);
		await waitForFrame(app, /▶ . Run a local registry/);
	});
});

describe('questions', () => {
	const onQuestion = (): Setup => ({ loaded: { state: savedProgress({ selected: 'reference-defaults' }) }, columns: 100 });

	it('types j and k into the answer and shows feedback for a wrong answer', async () => {
		const { app } = renderApp(onQuestion());
		await waitForFrame(app, 'Your answer: ▌');
		await type(app, 'kiamol/jk');
		await waitForFrame(app, 'Your answer: kiamol/jk▌');
		expect(frame(app)).toMatch(/▶ . Image reference defaults/);
		await press(app, keys.enter);
		const judged = await waitForFrame(app, 'Not quite.');
		expect(judged).toContain('Add the registry (docker.io) and the tag (latest).');
	});

	it('shows the verdict and the explanation for a right answer, and ticks the step', async () => {
		const { app } = renderApp(onQuestion());
		await waitForFrame(app, 'Your answer: ▌');
		await type(app, 'docker.io/kiamol/ch05-pi:latest');
		await press(app, keys.enter);
		const judged = await waitForFrame(app, '✔ Right! docker.io/kiamol/ch05-pi:latest');
		expect(judged).toContain('Docker adds the registry docker.io and the tag latest.');
		expect(listRow(app, 'Image reference defaults')).toMatch(/✔ Image reference defaults/);
	});

	it('hands the letter keys back on Esc, so h shows a hint', async () => {
		const { app } = renderApp(onQuestion());
		await waitForFrame(app, 'Your answer: ▌');
		await press(app, keys.escape, 'h');
		await waitForFrame(app, 'Hint 1 of 1');
		expect(frame(app)).toMatch(/Your answer:$/m);
	});
});

describe('auto-check', () => {
	it('ticks the current step and moves on when the watcher reports a change', async () => {
		// Given the first step is not done yet
		const { app, runtime } = renderApp();
		await waitForFrame(app, 'set-docker-id is not done yet.');
		// When the learner does it in their own terminal and Docker reports a change
		runtime.results.set('set-docker-id', passedCheck);
		runtime.emit('containers');
		// Then the step is ticked without a key press, and the next step is current
		await waitForFrame(app, /✔ Set your Docker ID/);
		await waitForFrame(app, /▶ . Build an image/);
		expect(frame(app)).toContain('1/5 done');
	});

	it('shows a done step whose check now fails as regressed, with the fix', async () => {
		// Given two done steps, and the image of the second is gone
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		runtime.results.set('build-curl', failedCheck('There is no image learner1/curl:21.06 yet. Build it with docker build.', 'expected exit code 0, got 1', 'Error: No such image: learner1/curl:21.06'));
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ done: ['set-docker-id', 'build-curl'], selected: 'build-curl' }) } });
		// Then
		const current = await waitForFrame(app, 'but now a check fails');
		expect(listRow(app, 'Build an image')).toMatch(/✖ Build an image/);
		expect(current).toContain('There is no image learner1/curl:21.06 yet.');
		expect(current).toContain('expected exit code 0, got 1');
		expect(current).toContain('│ Error: No such image: learner1/curl:21.06');
		expect(current).toContain('1/5 done');
	});

	it('tells the watcher which steps to poll for: the current one and those done, nothing while auto-check is off', async () => {
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ done: ['set-docker-id'], selected: 'build-curl' }) } });
		await waitForFrame(app, /▶ . Build an image/);
		await waitUntil(() => runtime.watchedSteps !== undefined, () => 'the app did not start watching');
		expect(runtime.watchedSteps?.()).toEqual(['build-curl', 'set-docker-id']);
		await press(app, keys.down);
		expect(runtime.watchedSteps?.()[0]).not.toBe('build-curl');
		await press(app, 'w');
		await waitForFrame(app, 'Auto-check is off');
		expect(runtime.watchedSteps?.()).toEqual([]);
	});

	it('checks only on c while auto-check is off', async () => {
		const { app, runtime } = renderApp();
		await waitForFrame(app, 'set-docker-id is not done yet.');
		await press(app, 'w');
		await waitForFrame(app, 'Auto-check is off');
		runtime.results.set('set-docker-id', passedCheck);
		const before = runtime.checked.length;
		runtime.emit('images');
		await press(app, keys.down, keys.up);
		expect(runtime.checked.length).toBe(before);
		await press(app, 'c');
		await waitForFrame(app, /✔ Set your Docker ID/);
	});
});

describe('progress', () => {
	it('saves progress when the learner quits, and stops watching', async () => {
		const { app, runtime, store } = renderApp();
		await waitForFrame(app, 'Step 1 of 5');
		await press(app, 'h', 'q');
		await waitUntil(() => runtime.watchers.size === 0, () => 'the watcher is still subscribed');
		expect(store.last).toMatchObject({ labId: 'registries', hintsShown: { 'set-docker-id': 1 }, selected: 'set-docker-id' });
		expect(runtime.stopped).toBe(0);
	});

	it('asks whether to stop the registry the lab started, and stops it on y', async () => {
		const runtime = new FakeRuntime();
		runtime.environmentStatus = { docker: 'up', registry: { up: true, port: '5000', startedByLab: true } };
		const { app, store } = renderApp({ runtime });
		await waitForFrame(app, 'registry ● :5000');
		await press(app, 'q');
		await waitForFrame(app, 'Stop it now?');
		await press(app, 'y');
		await waitUntil(() => runtime.stopped === 1, () => 'the registry was not stopped');
		expect(store.last?.labId).toBe('registries');
	});

	it('resumes where the learner left: the same step, its hints and what is done', async () => {
		// Given a learner who got a step done, moved on, took a hint and quit
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const first = renderApp({ runtime, loaded: {} });
		await waitForFrame(first.app, 'Press Enter to start.');
		await press(first.app, keys.enter);
		await waitForFrame(first.app, /▶ . Build an image/);
		await press(first.app, 'h', 'q');
		await waitUntil(() => first.store.last?.hintsShown['build-curl'] === 1, () => JSON.stringify(first.store.last));
		first.app.unmount();
		// When the lab is opened again with what was saved
		const again = renderApp({ loaded: { state: first.store.last! }, runtime: new FakeRuntime() });
		// Then it opens on the same step, with the hint and the done step, without the welcome screen
		const current = await waitForFrame(again.app, 'Hint 1 of 3');
		expect(current).toMatch(/▶ . Build an image/);
		expect(current).toMatch(/✔ Set your Docker ID/);
		expect(current).not.toContain('Press Enter to start.');
	});
});

describe('first run', () => {
	it('asks for the Docker ID with a helpful error, then shows the workspace and doctor problems', async () => {
		// Given a first run without a Docker ID, and Docker not running
		const runtime = new FakeRuntime({ vars: { registryPort: '5000' } });
		runtime.doctorItems = [
			{ title: 'Docker command', status: 'ok', message: 'Found /usr/bin/docker.' },
			{ title: 'Docker engine', status: 'fail', message: 'Docker is not running.', fix: 'Start Docker Desktop, then press c.' },
		];
		const { app } = renderApp({ runtime, loaded: {} });
		await waitForFrame(app, 'Your Docker Hub ID (your username, not your email)');
		// When they type an email address
		await type(app, 'me@example.com');
		await press(app, keys.enter);
		// Then they are told what a Docker ID looks like
		await waitForFrame(app, 'A Docker ID is lowercase letters and digits');
		// When they correct it
		await press(app, ...Array.from({ length: 14 }, () => keys.backspace));
		await type(app, 'learner2');
		await press(app, keys.enter);
		// Then the welcome screen shows the workspace and the doctor's problem with its fix
		const welcome = await waitForFrame(app, 'cd /home/learner/registry-lab');
		expect(welcome).toContain('✖ Docker engine');
		expect(welcome).toContain('Fix: Start Docker Desktop, then press c.');
		expect(runtime.given).toEqual([{ dockerId: 'learner2' }]);
		// And the steps use the new value
		await press(app, keys.enter);
		await waitForFrame(app, 'export DOCKER_ID=learner2');
	});

	it('fits a long introduction on a short screen and scrolls it, keeping the doctor and the start line in view', async () => {
		// Given a lab whose introduction is far taller than an 80x24 terminal
		const paragraphs = Array.from({ length: 30 }, (_, index) => `Intro paragraph ${index + 1} about registries.`);
		const lab = { ...fixtureLab, intro: paragraphs.join('\n\n') };
		const runtime = new FakeRuntime({ lab });
		runtime.doctorItems = [{ title: 'Docker engine', status: 'ok', message: 'Running.' }];
		const { app } = renderApp({ runtime, loaded: { state: undefined }, columns: 80, rows: 24 });
		// Then the first screen shows its start, the doctor and how to start, within 24 rows, lines intact
		const first = await waitForFrame(app, '✔ Docker engine');
		expect(first.split('\n').length).toBeLessThanOrEqual(24);
		expect(first).toContain('Press Enter to start.');
		expect(first).toContain('Intro paragraph 1 about registries.');
		expect(first).toContain('✔ Docker engine');
		expect(first).not.toContain('Intro paragraph 30');
		// When the learner pages down to the end
		for (let page = 0; page < 10; page++) await press(app, keys.pageDown);
		// Then the end of the introduction and the workspace appear, and the doctor is still there
		const last = await waitForFrame(app, 'Intro paragraph 30 about registries.');
		expect(last).toContain('✔ Docker engine');
		expect(last.split('\n').length).toBeLessThanOrEqual(24);
	});

	it('tells the learner when their saved progress was damaged and set aside', async () => {
		const { app } = renderApp({ loaded: { notice: 'Your saved progress could not be read, so this lab starts fresh.' } });
		await waitForFrame(app, 'could not be read, so this lab starts fresh');
	});
});

describe('finishing', () => {
	it('celebrates with time taken, hints used and what to try next', async () => {
		const runtime = new FakeRuntime();
		runtime.results.set('cleanup', passedCheck);
		const { app } = renderApp({
			runtime,
			loaded: {
				state: savedProgress({
					done: ['set-docker-id', 'build-curl', 'run-registry', 'reference-defaults'],
					hintsShown: { 'build-curl': 2 },
					selected: 'cleanup',
				}),
			},
		});
		const summary = await waitForFrame(app, 'Lab complete');
		expect(summary).toMatch(/Hints used:\s+2/);
		expect(summary).toContain('Time taken:');
		expect(summary).toContain('Try running a registry with basic auth next.');
		expect(summary).toContain('5/5 done');
		await press(app, keys.enter);
		await waitForFrame(app, 'Step 5 of 5');
	});
});

it('uses the fixture variables the runtime resolved', () => {
	expect(new FakeRuntime().vars).toEqual(fixtureVars);
});

it('answers the quit question over the variables form without typing into it', async () => {
	const runtime = new FakeRuntime({ vars: { registryPort: '5000' } });
	runtime.environmentStatus = { docker: 'up', registry: { up: true, port: '5000', startedByLab: true } };
	const { app } = renderApp({ runtime, loaded: {} });
	await waitForFrame(app, 'registry ● :5000');
	await press(app, keys.ctrlC);
	await waitForFrame(app, 'Stop it now?');
	await press(app, 'n');
	// Then the lab quits (no keys are offered any more) and nothing was typed into the form
	// (on a busy machine the last frame after quitting can be empty, so judge what was typed by the
	// absence of the letter and by what the runtime was given)
	await waitForFrame(app, (current) => !current.includes('Stop it now?') && !current.includes('Enter continue'));
	expect(frame(app)).not.toContain('> n');
	expect(runtime.stopped).toBe(0);
	expect(runtime.given).toEqual([]);
});
