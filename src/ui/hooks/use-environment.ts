// Keeps the header's Docker and registry status fresh: on start, after every change the watcher
// reports, and now and then in case something changed that the watcher cannot see.
import { useEffect, type Dispatch } from 'react';
import type { LabRuntime } from '../../session/runtime.js';
import type { SessionAction } from '../../session/session-reducer.js';

export interface EnvironmentOptions {
	runtime: LabRuntime;
	dispatch: Dispatch<SessionAction>;
	/** Changes seen by the watcher so far; a new value means "look again". */
	changeCount: number;
	isActive: boolean;
	refreshMs?: number;
}

export function useEnvironment({ runtime, dispatch, changeCount, isActive, refreshMs = 10_000 }: EnvironmentOptions): void {
	useEffect(() => {
		if (!isActive) return;
		const controller = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		const refresh = async (): Promise<void> => {
			try {
				const status = await runtime.environment(controller.signal);
				if (!controller.signal.aborted) dispatch({ type: 'environment', status });
			} catch {
				// The header keeps its last known status; the doctor explains problems.
			}
			if (!controller.signal.aborted) timer = setTimeout(() => void refresh(), refreshMs);
		};
		void refresh();
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [runtime, dispatch, changeCount, isActive, refreshMs]);
}
