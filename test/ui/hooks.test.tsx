import { Text } from 'ink';
import type { Dispatch } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressState } from '../../src/progress/progress-store.js';
import type { EnvironmentStatus } from '../../src/session/lab-port.js';
import type { CheckRound, SessionAction } from '../../src/session/session-reducer.js';
import { useAutoCheck } from '../../src/ui/hooks/use-auto-check.js';
import { nextQuietWait, useEnvironment } from '../../src/ui/hooks/use-environment.js';
import { useProgressSaver, type ProgressSaver } from '../../src/ui/hooks/use-progress-saver.js';
import { passedCheck } from '../session/fixture-lab.js';
import { savedProgress } from '../support/saved-progress.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { waitUntil } from './ink-helpers.js';

afterEach(() => {
	cleanup();
});

describe('useEnvironment', () => {
	// Fake timers from before the first render, so the hook's waits are fake; React's own scheduling
	// keeps the real ones it took when it loaded, and advancing fake time also lets it run.
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		cleanup();
		vi.useRealTimers();
	});

	/** A runtime that notes when (ms of fake time) the header's status is looked at. */
	class TimedRuntime extends FakeRuntime {
		lookedAt: number[] = [];
		override async environment(): Promise<EnvironmentStatus> {
			this.lookedAt.push(Date.now());
			return super.environment();
		}
	}

	// One dispatch for the whole test, as useReducer gives: a new one each render would start the
	// looks over by itself and hide whether a change does.
	function Header(props: { runtime: FakeRuntime; changeCount: number; dispatch: Dispatch<SessionAction>; isActive?: boolean }) {
		useEnvironment({ runtime: props.runtime, dispatch: props.dispatch, changeCount: props.changeCount, isActive: props.isActive ?? true });
		return <Text>header</Text>;
	}

	const advanceTo = async (ms: number): Promise<void> => {
		await vi.advanceTimersByTimeAsync(ms - Date.now());
	};

	it('looks on start, 2 s later, then after 60 s, 120 s, 240 s and every 5 minutes while nothing changes', async () => {
		const runtime = new TimedRuntime();
		const actions: SessionAction[] = [];
		render(<Header runtime={runtime} changeCount={0} dispatch={(action) => actions.push(action)} />);
		await advanceTo(1_100_000);
		expect(runtime.lookedAt).toEqual([0, 2_000, 62_000, 182_000, 422_000, 722_000, 1_022_000]);
		expect(actions.filter((action) => action.type === 'environment')).toHaveLength(7);
	});

	it('looks right after a change, 2 s later, and then waits 60 s again', async () => {
		const runtime = new TimedRuntime();
		const dispatch = (): void => undefined;
		const app = render(<Header runtime={runtime} changeCount={0} dispatch={dispatch} />);
		await advanceTo(100_000);
		app.rerender(<Header runtime={runtime} changeCount={1} dispatch={dispatch} />);
		await vi.advanceTimersByTimeAsync(0);
		expect(runtime.lookedAt).toEqual([0, 2_000, 62_000, 100_000]);
		// The look that was due at 182 s gives way to the new schedule.
		await advanceTo(300_000);
		expect(runtime.lookedAt.filter((at) => at >= 100_000)).toEqual([100_000, 102_000, 162_000, 282_000]);
	});

	it('stops looking when it becomes inactive (quitting)', async () => {
		const runtime = new TimedRuntime();
		const dispatch = (): void => undefined;
		const app = render(<Header runtime={runtime} changeCount={0} dispatch={dispatch} />);
		await advanceTo(3_000);
		app.rerender(<Header runtime={runtime} changeCount={0} dispatch={dispatch} isActive={false} />);
		await advanceTo(1_000_000);
		expect(runtime.lookedAt).toEqual([0, 2_000]);
	});

	it('waits twice as long after each quiet look, up to the longest wait', () => {
		const waits = [60_000];
		for (let look = 0; look < 5; look++) waits.push(nextQuietWait(waits.at(-1)!, 300_000));
		expect(waits).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
	});
});

describe('useAutoCheck', () => {
	function Checker(props: { runtime: FakeRuntime; round?: CheckRound; isActive?: boolean; actions: SessionAction[]; debounceMs: number }) {
		useAutoCheck({
			runtime: props.runtime,
			round: props.round,
			dispatch: (action) => props.actions.push(action),
			isActive: props.isActive ?? true,
			debounceMs: props.debounceMs,
		});
		return <Text>checker</Text>;
	}

	const round = (id: number, stepIds: string[], change: Partial<CheckRound> = {}): CheckRound => ({
		id,
		stepIds,
		isImmediate: true,
		supersedes: true,
		...change,
	});

	it('waits before a round caused by a change, and a newer round replaces one still waiting', async () => {
		const runtime = new FakeRuntime();
		const actions: SessionAction[] = [];
		const app = render(
			<Checker runtime={runtime} actions={actions} debounceMs={60_000} round={round(1, ['set-docker-id'], { isImmediate: false })} />,
		);
		app.rerender(<Checker runtime={runtime} actions={actions} debounceMs={60_000} round={round(2, ['build-curl'])} />);
		await waitUntil(
			() => actions.some((action) => action.type === 'check-finished'),
			() => JSON.stringify(actions),
		);
		expect(runtime.checked).toEqual(['build-curl']);
		// Only the round that started says so: the reducer merges a waiting round into the next.
		expect(actions.filter((action) => action.type === 'round-started')).toEqual([{ type: 'round-started', roundId: 2 }]);
	});

	it('checks the steps of a round side by side, the first ones first, a few at a time', async () => {
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		const actions: SessionAction[] = [];
		render(
			<Checker
				runtime={runtime}
				actions={actions}
				debounceMs={0}
				round={round(1, ['build-curl', 'set-docker-id', 'run-registry', 'cleanup'])}
			/>,
		);
		await waitUntil(
			() => runtime.held.length === 3,
			() => `${runtime.held.length} held`,
		);
		expect(runtime.checked).toEqual(['build-curl', 'set-docker-id', 'run-registry']);
		runtime.release('set-docker-id');
		await waitUntil(
			() => runtime.checked.length === 4,
			() => runtime.checked.join(', '),
		);
		runtime.release();
		await waitUntil(
			() => actions.filter((action) => action.type === 'check-finished').length === 4,
			() => JSON.stringify(actions),
		);
	});

	it('aborts the checks in flight when a round planned on a change starts, and clears their checking mark at once', async () => {
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		const actions: SessionAction[] = [];
		const app = render(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(1, ['build-curl'])} />);
		await waitUntil(
			() => runtime.held.length === 1,
			() => 'the check never started',
		);
		app.rerender(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(2, ['run-registry'])} />);
		await waitUntil(
			() => runtime.aborted.includes('build-curl'),
			() => 'the first check was not aborted',
		);
		const first = actions.find((action) => action.type === 'check-started' && action.stepId === 'build-curl');
		expect(actions).toContainEqual(
			expect.objectContaining({
				type: 'check-finished',
				stepId: 'build-curl',
				checkId: first && 'checkId' in first ? first.checkId : -1,
				check: { status: 'canceled', results: [] },
			}),
		);
	});

	it('leaves the checks in flight running when a round only adds steps (a move, a tick)', async () => {
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		runtime.results.set('build-curl', passedCheck);
		const actions: SessionAction[] = [];
		const app = render(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(1, ['build-curl'])} />);
		await waitUntil(
			() => runtime.held.length === 1,
			() => 'the check never started',
		);
		app.rerender(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(2, ['run-registry'], { supersedes: false })} />);
		await waitUntil(
			() => runtime.held.length === 2,
			() => `${runtime.held.length} held`,
		);
		runtime.release('build-curl');
		await waitUntil(
			() => actions.some((action) => action.type === 'check-finished' && action.stepId === 'build-curl'),
			() => JSON.stringify(actions),
		);
		expect(runtime.aborted).toEqual([]);
		expect(actions).toContainEqual(expect.objectContaining({ type: 'check-finished', stepId: 'build-curl', check: passedCheck }));
	});

	it('aborts every check in flight when it becomes inactive (quitting)', async () => {
		const runtime = new FakeRuntime();
		runtime.isHolding = true;
		const actions: SessionAction[] = [];
		const app = render(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(1, ['build-curl', 'run-registry'])} />);
		await waitUntil(
			() => runtime.held.length === 2,
			() => 'the checks never started',
		);
		app.rerender(
			<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(1, ['build-curl', 'run-registry'])} isActive={false} />,
		);
		await waitUntil(
			() => runtime.aborted.length === 2,
			() => runtime.aborted.join(', '),
		);
	});

	it('reports a check that throws as a failure the learner can read', async () => {
		const runtime = new FakeRuntime();
		runtime.checkStep = async () => {
			throw new Error('docker: executable file not found');
		};
		const actions: SessionAction[] = [];
		render(<Checker runtime={runtime} actions={actions} debounceMs={0} round={round(1, ['build-curl'])} />);
		await waitUntil(
			() => actions.some((action) => action.type === 'check-finished'),
			() => JSON.stringify(actions),
		);
		const finished = actions.find((action) => action.type === 'check-finished');
		expect(finished).toMatchObject({
			check: {
				status: 'spawn-error',
				results: [{ message: expect.stringMatching(/could not be checked/), detail: 'docker: executable file not found' }],
			},
		});
	});

	it('passes watcher changes on, and stops watching when it becomes inactive', async () => {
		const runtime = new FakeRuntime();
		const actions: SessionAction[] = [];
		const app = render(<Checker runtime={runtime} actions={actions} debounceMs={0} />);
		await waitUntil(
			() => runtime.watchers.size === 1,
			() => 'never subscribed',
		);
		runtime.emit('http');
		expect(actions).toContainEqual({ type: 'changed', reason: 'http' });
		app.rerender(<Checker runtime={runtime} actions={actions} debounceMs={0} isActive={false} />);
		await waitUntil(
			() => runtime.watchers.size === 0,
			() => 'still subscribed',
		);
	});
});

describe('useProgressSaver', () => {
	let saver: ProgressSaver | undefined;
	function Saver(props: { store: FakeStore; snapshot?: ProgressState; loaded?: ProgressState; debounceMs: number; errors?: string[] }) {
		saver = useProgressSaver({
			store: props.store,
			snapshot: props.snapshot,
			loaded: props.loaded,
			debounceMs: props.debounceMs,
			onError: (reason) => props.errors?.push(reason),
		});
		return <Text>saver</Text>;
	}

	it('saves the latest of a burst of changes once, on flush', async () => {
		const store = new FakeStore();
		const app = render(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'set-docker-id' })} debounceMs={60_000} />);
		app.rerender(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'build-curl' })} debounceMs={60_000} />);
		app.rerender(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'run-registry' })} debounceMs={60_000} />);
		expect(await saver?.flush()).toBeUndefined();
		expect(store.saves.map((state) => state.selected)).toEqual(['run-registry']);
		await saver?.flush();
		expect(store.saves).toHaveLength(1);
	});

	it('saves by itself after a change', async () => {
		const store = new FakeStore();
		render(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'build-curl' })} debounceMs={0} />);
		await waitUntil(
			() => store.saves.length === 1,
			() => 'never saved',
		);
	});

	it('does not write progress that is unchanged since it was loaded', async () => {
		const store = new FakeStore();
		render(
			<Saver
				store={store}
				snapshot={savedProgress({ vars: {}, selected: 'build-curl' })}
				loaded={savedProgress({ vars: {}, selected: 'build-curl' })}
				debounceMs={0}
			/>,
		);
		await saver?.flush();
		expect(store.saves).toEqual([]);
	});

	it('reports a failed save and tries again on the next flush', async () => {
		const store = new FakeStore();
		let failures = 1;
		const save = store.save.bind(store);
		store.save = async (state) => {
			if (failures-- > 0) throw new Error('disk full');
			await save(state);
		};
		const errors: string[] = [];
		render(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'build-curl' })} debounceMs={60_000} errors={errors} />);
		expect(await saver?.flush()).toBe('disk full');
		expect(errors).toEqual(['disk full']);
		expect(await saver?.flush()).toBeUndefined();
		expect(store.saves).toHaveLength(1);
	});

	it('lets a slow save finish before the next one starts', async () => {
		const store = new FakeStore();
		const order: string[] = [];
		let releaseFirst = (): void => {};
		const save = store.save.bind(store);
		store.save = async (state) => {
			order.push(`start ${state.selected}`);
			if (state.selected === 'set-docker-id') await new Promise<void>((resolve) => (releaseFirst = resolve));
			await save(state);
			order.push(`end ${state.selected}`);
		};
		const app = render(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'set-docker-id' })} debounceMs={60_000} />);
		const first = saver?.flush();
		app.rerender(<Saver store={store} snapshot={savedProgress({ vars: {}, selected: 'build-curl' })} debounceMs={60_000} />);
		const second = saver?.flush();
		await waitUntil(
			() => order.length === 1,
			() => order.join(),
		);
		releaseFirst();
		await Promise.all([first, second]);
		expect(order).toEqual(['start set-docker-id', 'end set-docker-id', 'start build-curl', 'end build-curl']);
		expect(store.last?.selected).toBe('build-curl');
	});
});
