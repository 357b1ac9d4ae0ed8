// Runs the doctor once when the lab opens, so problems (Docker not running, a port taken) are shown
// with their fixes before the learner wonders why nothing passes.
import { useEffect, type Dispatch } from 'react';
import type { LabRuntime } from '../../session/lab-port.js';
import type { SessionAction } from '../../session/session-reducer.js';

export function useDoctor(runtime: LabRuntime, dispatch: Dispatch<SessionAction>, isActive: boolean): void {
	useEffect(() => {
		if (!isActive || !runtime.doctor) return;
		const controller = new AbortController();
		runtime.doctor(controller.signal).then(
			(items) => {
				if (!controller.signal.aborted) dispatch({ type: 'doctor', items });
			},
			() => {
				// A doctor that fails has nothing useful to show; the header still shows Docker's status.
			},
		);
		return () => controller.abort();
	}, [runtime, dispatch, isActive]);
}
