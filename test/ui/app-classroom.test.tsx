import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressState } from '../../src/progress/progress-store.js';
import type { Classroom } from '../../src/session/lab-port.js';
import { App } from '../../src/ui/app.js';
import { savedProgress } from '../support/saved-progress.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { frame, keys, press, resize, waitForFrame, waitUntil } from './ink-helpers.js';

/** A runtime opened with --classroom whose registry answers as the test says. */
class ClassroomRuntime extends FakeRuntime {
	classroom: Classroom = { registry: 'class.example:5000', name: 'ana' };
	published: ProgressState[] = [];
	refusal: string | undefined;
	async publishProgress(progress: ProgressState): Promise<void> {
		this.published.push(progress);
		if (this.refusal) throw new Error(this.refusal);
	}
}

function renderApp(runtime: ClassroomRuntime, store = new FakeStore()) {
	const app = render(
		<App
			runtime={runtime}
			progressStore={store}
			loaded={{ state: savedProgress() }}
			timing={{ checkDebounceMs: 0, saveDebounceMs: 0, publishDebounceMs: 0, environmentRefreshMs: 60_000 }}
		/>,
	);
	resize(app, 100, 24);
	return app;
}

afterEach(() => {
	cleanup();
});

describe('the TUI opened with a classroom', () => {
	it('Given the registry takes it, then the header says the progress was sent, and the progress saved names the classroom', async () => {
		const runtime = new ClassroomRuntime();
		const store = new FakeStore();
		const app = renderApp(runtime, store);
		await waitForFrame(app, 'class ● sent');
		expect(runtime.published.at(-1)?.labId).toBe('registries');
		await waitUntil(
			() => store.saves.some((state) => state.classroom?.name === 'ana'),
			() => JSON.stringify(store.saves.at(-1)),
		);
	});

	it('Given the registry refuses, then the header says why and the learner carries on: keys still work', async () => {
		const runtime = new ClassroomRuntime();
		runtime.refusal = 'class.example:5000 refused the push: you have no push rights to registry-lab/registries';
		const app = renderApp(runtime);
		await waitForFrame(app, 'class ○ not sent: class.example:5000 refused');
		await press(app, keys.enter);
		await waitForFrame(app, 'Step 1 of');
		expect(frame(app)).toContain('not sent');
	});
});
