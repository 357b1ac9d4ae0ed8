import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressState } from '../../src/progress/progress-store.js';
import { useClassPublisher, type ClassPublishStatus } from '../../src/ui/hooks/use-class-publisher.js';
import { savedProgress } from '../support/saved-progress.js';

/** A classroom registry whose publishes end when the test says so. */
class SlowRegistry {
	calls: { selected?: string; at: number }[] = [];
	private pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
	publish = (progress: ProgressState): Promise<void> => {
		this.calls.push({ selected: progress.selected, at: Date.now() });
		return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
	};
	get inFlight(): number {
		return this.pending.length;
	}
	finish(error?: Error): void {
		const next = this.pending.shift();
		if (error) next?.reject(error);
		else next?.resolve();
	}
}

let status: ClassPublishStatus | undefined;
function Publisher(props: { registry?: SlowRegistry; snapshot?: ProgressState }) {
	status = useClassPublisher({ publish: props.registry?.publish, snapshot: props.snapshot, debounceMs: 2_000 });
	return <Text>{status.kind}</Text>;
}

const on = (selected: string, change: Partial<ProgressState> = {}): ProgressState => savedProgress({ selected, ...change });

describe('useClassPublisher', () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		cleanup();
		vi.useRealTimers();
	});

	it('Given a burst of changes, when the learner pauses, then it publishes the last state once, 2 s after the last change', async () => {
		const registry = new SlowRegistry();
		const app = render(<Publisher registry={registry} snapshot={on('set-docker-id')} />);
		await vi.advanceTimersByTimeAsync(1_000);
		app.rerender(<Publisher registry={registry} snapshot={on('build-curl')} />);
		await vi.advanceTimersByTimeAsync(1_000);
		app.rerender(<Publisher registry={registry} snapshot={on('run-registry')} />);
		await vi.advanceTimersByTimeAsync(1_999);
		expect(registry.calls).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(registry.calls).toEqual([{ selected: 'run-registry', at: 4_000 }]);
		registry.finish();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(registry.calls).toHaveLength(1);
		expect(status).toEqual({ kind: 'published' });
	});

	it('Given a publish in flight, when the learner changes twice more, then nothing else starts until it ends, and then only the latest state goes', async () => {
		const registry = new SlowRegistry();
		const app = render(<Publisher registry={registry} snapshot={on('build-curl')} />);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(registry.inFlight).toBe(1);
		app.rerender(<Publisher registry={registry} snapshot={on('run-registry')} />);
		await vi.advanceTimersByTimeAsync(3_000);
		app.rerender(<Publisher registry={registry} snapshot={on('push-alpine')} />);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(registry.calls.map((call) => call.selected)).toEqual(['build-curl']);
		expect(status).toEqual({ kind: 'publishing' });
		registry.finish();
		await vi.advanceTimersByTimeAsync(0);
		expect(registry.calls.map((call) => call.selected)).toEqual(['build-curl', 'push-alpine']);
		registry.finish();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(registry.calls).toHaveLength(2);
		expect(status).toEqual({ kind: 'published' });
	});

	it('Given the registry refuses, then the status says why, and the next change tries again', async () => {
		const registry = new SlowRegistry();
		const app = render(<Publisher registry={registry} snapshot={on('build-curl')} />);
		await vi.advanceTimersByTimeAsync(2_000);
		registry.finish(new Error('the registry at class.example:5000 refused the login'));
		await vi.advanceTimersByTimeAsync(0);
		expect(status).toEqual({ kind: 'failed', reason: 'the registry at class.example:5000 refused the login' });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(registry.calls).toHaveLength(1);
		app.rerender(<Publisher registry={registry} snapshot={on('build-curl', { done: ['set-docker-id'] })} />);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(registry.calls).toHaveLength(2);
		registry.finish();
		await vi.advanceTimersByTimeAsync(0);
		expect(status).toEqual({ kind: 'published' });
	});

	it('Given only a draft answer changes, then nothing is published again', async () => {
		const registry = new SlowRegistry();
		const app = render(<Publisher registry={registry} snapshot={on('reference-defaults')} />);
		await vi.advanceTimersByTimeAsync(2_000);
		registry.finish();
		app.rerender(
			<Publisher registry={registry} snapshot={on('reference-defaults', { drafts: { 'reference-defaults': 'docker.io/kia' } })} />,
		);
		await vi.advanceTimersByTimeAsync(10_000);
		expect(registry.calls).toHaveLength(1);
	});

	it('Given no classroom, then it never publishes and says it is off', async () => {
		render(<Publisher snapshot={on('build-curl')} />);
		await vi.advanceTimersByTimeAsync(10_000);
		expect(status).toEqual({ kind: 'off' });
	});
});
