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

function renderApp({
	runtime = new FakeRuntime(),
	store = new FakeStore(),
	loaded = { state: savedProgress() },
	columns = 80,
	rows = 24,
}: Setup = {}) {
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

	it('stays responsive while a check runs, and still ticks the step the learner moved away from', async () => {
		// Given a check that does not finish yet
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ selected: 'build-curl' }) } });
		await waitForFrame(app, 'Checking…');
		// When the learner asks for a hint and moves on
		await press(app, 'h');
		await waitForFrame(app, 'Hint 1 of 3');
		await press(app, keys.down);
		await waitForFrame(app, /▶ . Run a local registry/);
		// Then moving aborts nothing, and the step left behind ticks when its check passes
		runtime.results.set('build-curl', passedCheck);
		runtime.release('build-curl');
		await waitUntil(
			() => listRow(app, 'Build an image').includes('✔'),
			() => frame(app),
		);
		expect(runtime.aborted).not.toContain('build-curl');
		expect(frame(app)).toMatch(/▶ . Run a local registry/);
	});

	it('ticks a later step done out of order when the machine changes, and the cursor stays', async () => {
		// Given the learner is on build-curl, and starts the registry (a later step) in their shell
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ done: ['set-docker-id'], selected: 'build-curl' }) } });
		await waitForFrame(app, 'build-curl is not done yet.');
		runtime.results.set('run-registry', passedCheck);
		// When docker events say a container changed
		runtime.emit('containers');
		// Then the registry step ticks where it is, and the learner stays on their step
		await waitUntil(
			() => listRow(app, 'Run a local registry').includes('✔'),
			() => frame(app),
		);
		expect(frame(app)).toMatch(/▶ . Build an image/);
		expect(frame(app)).toContain('2/5 done');
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

	it('says in the footer that letters type into the answer, and how to get the keys back', async () => {
		const { app } = renderApp(onQuestion());
		const typing = await waitForFrame(app, 'Your answer: ▌');
		expect(typing).toContain('Letters type into your answer  Enter submit  Esc/Tab: keys');
		await press(app, keys.tab);
		const keysBack = await waitForFrame(app, 'Tab answer');
		expect(keysBack).not.toContain('Letters type');
	});

	it('edits the answer as a shell line: ← and Home move, Ctrl+W deletes a word, Ctrl+U clears', async () => {
		const { app } = renderApp(onQuestion());
		await waitForFrame(app, 'Your answer: ▌');
		await type(app, 'pull kiamol');
		await press(app, keys.left, keys.left, 'X');
		await waitForFrame(app, 'Your answer: pull kiamX▌ol');
		await press(app, keys.home, ...'docker ');
		await waitForFrame(app, 'Your answer: docker ▌pull kiamXol');
		await press(app, keys.end, keys.ctrlW);
		await waitForFrame(app, 'Your answer: docker pull ▌');
		await press(app, keys.ctrlU);
		await waitForFrame(app, /Your answer: ▌$/m);
	});

	describe('already answered right', () => {
		const right = 'docker.io/kiamol/ch05-pi:latest';
		const answered = (): Setup => ({
			loaded: {
				state: savedProgress({
					selected: 'reference-defaults',
					done: ['reference-defaults'],
					answers: { 'reference-defaults': { text: right, correct: true } },
				}),
			},
			columns: 100,
		});

		it('shows the saved answer with ✔, and says letters start a new answer', async () => {
			const { app } = renderApp(answered());
			const shown = await waitForFrame(app, `Your answer: ${right}`);
			expect(shown).toContain('✔ Right!');
			expect(shown).toContain('Letters start a new answer  Esc/Tab: keys');
		});

		it('turns stray letters into a visible new attempt, and Esc keeps the saved answer, which is what is saved', async () => {
			// Given a question answered right in an earlier run
			const { app, store } = renderApp(answered());
			await waitForFrame(app, `Your answer: ${right}`);
			// When stray letters land in the field
			await press(app, 'j', 'k', 'q');
			// Then they show as a new attempt, under the saved answer, which keeps its ✔
			const attempt = await waitForFrame(app, 'New attempt: jkq▌');
			expect(attempt).toContain(`Saved answer: ${right} ✔`);
			expect(attempt).toContain('Enter to submit it, Esc to keep your saved answer.');
			expect(attempt).toContain('1/5 done');
			await waitUntil(
				() => store.last?.drafts?.['reference-defaults'] === 'jkq',
				() => JSON.stringify(store.last),
			);
			expect(store.last?.answers['reference-defaults']).toEqual({ text: right, correct: true });
			// When Esc is pressed
			await press(app, keys.escape);
			// Then the attempt is gone, the saved answer shows again, and the letter keys are back
			await waitForFrame(app, (current) => current.includes(`Your answer: ${right}`) && !current.includes('New attempt'));
			await waitUntil(
				() => store.last?.drafts === undefined,
				() => JSON.stringify(store.last),
			);
			expect(store.last?.answers['reference-defaults']).toEqual({ text: right, correct: true });
			expect(store.last?.done).toContain('reference-defaults');
			await press(app, 'h');
			await waitForFrame(app, 'Hint 1 of 1');
		});

		it('judges a wrong new attempt, and keeps the right answer saved and the step done', async () => {
			const { app, store } = renderApp(answered());
			await waitForFrame(app, `Your answer: ${right}`);
			await type(app, 'kiamol');
			await press(app, keys.enter);
			const judged = await waitForFrame(app, 'Your saved answer stays: it is still right.');
			expect(judged).toContain('Not quite.');
			expect(judged).toContain('New attempt: kiamol▌');
			expect(judged).toContain('1/5 done');
			await waitUntil(
				() => store.last?.drafts?.['reference-defaults'] === 'kiamol',
				() => JSON.stringify(store.last),
			);
			expect(store.last?.answers['reference-defaults']).toEqual({ text: right, correct: true });
		});
	});
});

describe('a terminal too small for the lab', () => {
	it('shows one line asking for a bigger terminal instead of a broken screen, and comes back when it grows', async () => {
		// Given a terminal of 40x12
		const { app } = renderApp({ columns: 40, rows: 12 });
		// Then one line says how big it must be, and nothing else is drawn (no header cut to `00`)
		const small = await waitForFrame(app, 'Make it at least 60×15 (now 40×12)');
		expect(small.trim().split('\n')).toEqual(['Make it at least 60×15 (now 40×12)']);
		expect(small).not.toContain('done');
		// When it grows to the smallest size the layout works at
		resize(app, 60, 15);
		// Then the lab is back
		const back = await waitForFrame(app, '0/5 done');
		expect(back).toContain('Step 1 of 5');
		expect(back).not.toContain('Make the terminal');
	});

	it('types nothing unseen into the answer, and q quits, saving progress', async () => {
		const { app, store } = renderApp({ loaded: { state: savedProgress({ selected: 'reference-defaults' }) }, columns: 50, rows: 20 });
		await waitForFrame(app, 'Make the terminal at least 60×15 (now 50×20)');
		await press(app, 'j', 'k', 'q');
		await waitUntil(
			() => store.last !== undefined,
			() => 'nothing was saved',
		);
		expect(store.last?.drafts).toBeUndefined();
		expect(store.last?.selected).toBe('reference-defaults');
	});

	it('keeps what was typed in the Docker ID prompt while the terminal is too small', async () => {
		const runtime = new FakeRuntime({ vars: { registryPort: '5000' } });
		const { app } = renderApp({ runtime, loaded: {} });
		await waitForFrame(app, 'Your Docker Hub ID');
		await type(app, 'learn');
		await waitForFrame(app, '> learn▌');
		resize(app, 40, 12);
		await waitForFrame(app, 'Make it at least 60×15 (now 40×12)');
		await press(app, 'x');
		resize(app, 80, 24);
		await waitForFrame(app, '> learn▌');
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

	it('keeps a done step done when its work is gone, and the step that builds on it says what to redo', async () => {
		// Given run-registry needs build-curl, build-curl is done, and its image is gone now
		const lab: Lab = {
			...fixtureLab,
			steps: fixtureLab.steps.map((step) => (step.id === 'run-registry' ? { ...step, needs: ['build-curl'] } : step)),
		};
		const runtime = new FakeRuntime({ lab });
		runtime.results.set('set-docker-id', passedCheck);
		runtime.results.set('build-curl', failedCheck('There is no image learner1/curl:21.06 yet. Build it with docker build.'));
		const { app } = renderApp({
			runtime,
			loaded: { state: savedProgress({ done: ['set-docker-id', 'build-curl'], selected: 'build-curl' }) },
		});
		// Then on the done step itself nothing turns red and the count holds
		await waitForFrame(app, 'Done: every check passes');
		await press(app, 'c');
		await waitUntil(
			() => runtime.checked.filter((id) => id === 'build-curl').length >= 2,
			() => runtime.checked.join(', '),
		);
		expect(listRow(app, 'Build an image')).toMatch(/✔ Build an image/);
		expect(frame(app)).toContain('2/5 done');
		expect(frame(app)).not.toMatch(/✖/);
		// When the learner moves to the step that needs it
		await press(app, keys.down);
		const current = await waitForFrame(app, 'First redo');
		expect(current).toContain('There is no image learner1/curl:21.06 yet.');
		expect(current).toContain('2/5 done');
	});

	it('tells the watcher which steps to poll for: the current one and every step that could tick, nothing while auto-check is off', async () => {
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const { app } = renderApp({ runtime, loaded: { state: savedProgress({ done: ['set-docker-id'], selected: 'build-curl' }) } });
		await waitForFrame(app, /▶ . Build an image/);
		await waitUntil(
			() => runtime.watchedSteps !== undefined,
			() => 'the app did not start watching',
		);
		expect(runtime.watchedSteps?.()).toEqual(['build-curl', 'run-registry']);
		await press(app, keys.down);
		expect(runtime.watchedSteps?.()[0]).toBe('run-registry');
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
		await waitUntil(
			() => runtime.watchers.size === 0,
			() => 'the watcher is still subscribed',
		);
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
		await waitUntil(
			() => runtime.stopped === 1,
			() => 'the registry was not stopped',
		);
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
		await waitUntil(
			() => first.store.last?.hintsShown['build-curl'] === 1,
			() => JSON.stringify(first.store.last),
		);
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
		// Then they are told what is wrong with this value: the @ of an email address
		await waitForFrame(app, '"me@example.com" is not valid: it contains an @, so it looks like an email');
		// When they type a name with a space and capitals instead
		await press(app, ...Array.from({ length: 14 }, () => keys.backspace));
		await type(app, 'John Doe');
		await press(app, keys.enter);
		// Then the message changes with the value: not the same words about email for every mistake
		const refused = await waitForFrame(app, '"John Doe" is not valid: it contains a space; it has uppercase');
		expect(refused.replace(/\s+/g, ' ')).toContain(
			'"John Doe" is not valid: it contains a space; it has uppercase letters (J and D): use lowercase.',
		);
		expect(refused).not.toContain('email address.');
		// When they correct it
		await press(app, ...Array.from({ length: 8 }, () => keys.backspace));
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
