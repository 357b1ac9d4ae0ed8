// The author's mode: one subscription to the lab file's saves for as long as the app is open. Each
// save becomes one session action: the lab reloaded in place, or the problems that keep it from loading.
import { useEffect, type Dispatch } from 'react';
import type { LabSource } from '../../session/lab-port.js';
import type { SessionAction } from '../../session/session-reducer.js';

export function useLabReload(source: LabSource | undefined, dispatch: Dispatch<SessionAction>, isActive: boolean): void {
	useEffect(() => {
		if (!source || !isActive) return;
		const controller = new AbortController();
		source.watch((reload) => {
			if (controller.signal.aborted) return;
			dispatch(
				reload.kind === 'loaded'
					? { type: 'lab-reloaded', lab: reload.lab, vars: reload.vars }
					: { type: 'lab-problems', problems: reload.problems },
			);
		}, controller.signal);
		return () => controller.abort();
	}, [source, dispatch, isActive]);
}
