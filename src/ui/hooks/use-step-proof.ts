// The author's mode: carries out the proof the reducer asked for (p), reporting each phase as it
// starts and the verdict at the end. The proof stops (and kills what it started) when the app closes.
import { useEffect, useRef, type Dispatch } from 'react';
import type { ProofRun } from '../../session/dev-state.js';
import type { LabRuntime } from '../../session/lab-port.js';
import type { SessionAction } from '../../session/session-reducer.js';

export function useStepProof(runtime: LabRuntime, proof: ProofRun | undefined, dispatch: Dispatch<SessionAction>): void {
	const proofId = proof?.isRunning ? proof.id : undefined;
	// Read when the run starts: the step of the proof asked for, not of a later render.
	const stepId = useRef(proof?.stepId);
	stepId.current = proof?.stepId;
	useEffect(() => {
		if (proofId === undefined || stepId.current === undefined) return;
		const controller = new AbortController();
		const finish = (status: 'passed' | 'failed' | 'skipped' | 'canceled', message: string): void => {
			if (!controller.signal.aborted) dispatch({ type: 'proof-finished', proofId, status, message });
		};
		if (!runtime.proveStep) {
			finish('skipped', 'Proving a step is not available here: run registry-lab test.');
			return;
		}
		runtime
			.proveStep(stepId.current, controller.signal, (phase) => {
				if (!controller.signal.aborted) dispatch({ type: 'proof-phase', proofId, phase });
			})
			.then(
				(outcome) => finish(outcome.status, outcome.message),
				(error: unknown) => finish('failed', `The proof could not run: ${error instanceof Error ? error.message : String(error)}`),
			);
		return () => controller.abort();
	}, [runtime, proofId, dispatch]);
}
