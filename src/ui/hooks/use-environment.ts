// Keeps the header's Docker and registry status fresh. The watcher's changes drive it (a container
// started or removed, the engine gone or back): look on start and after every change, once more a
// moment later (a registry answers a little after its container starts), and otherwise only now and
// then, less often the longer nothing changes, since each look runs `docker` commands that cost a
// learner's idle machine real CPU.
import { useEffect, type Dispatch } from 'react';
import type { LabRuntime } from '../../session/lab-port.js';
import type { SessionAction } from '../../session/session-reducer.js';

export interface EnvironmentOptions {
	runtime: LabRuntime;
	dispatch: Dispatch<SessionAction>;
	/** Changes seen by the watcher so far; a new value means "look again". */
	changeCount: number;
	isActive: boolean;
	/** The first wait between looks while nothing changes (default 60 s); it doubles after each, up to `maxRefreshMs`. */
	refreshMs?: number;
	/** The longest wait between looks. Default 5 minutes. */
	maxRefreshMs?: number;
	/** The second look after a change. Default 2 s. */
	settleMs?: number;
}

/** The wait after one that passed quietly: twice as long, up to the longest. Pure. */
export function nextQuietWait(waitMs: number, maxMs: number): number {
	return Math.min(waitMs * 2, maxMs);
}

export function useEnvironment({
	runtime,
	dispatch,
	changeCount,
	isActive,
	refreshMs = 60_000,
	maxRefreshMs = 300_000,
	settleMs = 2_000,
}: EnvironmentOptions): void {
	useEffect(() => {
		if (!isActive) return;
		const controller = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		const refresh = async (waitMs: number, nextWaitMs: number): Promise<void> => {
			try {
				const status = await runtime.environment(controller.signal);
				if (!controller.signal.aborted) dispatch({ type: 'environment', status });
			} catch {
				// The header keeps its last known status; the doctor explains problems.
			}
			if (!controller.signal.aborted) timer = setTimeout(() => void refresh(nextWaitMs, nextQuietWait(nextWaitMs, maxRefreshMs)), waitMs);
		};
		void refresh(Math.min(settleMs, refreshMs), refreshMs);
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [runtime, dispatch, changeCount, isActive, refreshMs, maxRefreshMs, settleMs]);
}
