// Watching and checking. The session reducer decides *what* to check (a round of step ids, planned
// on a key, a move, or a change the watcher saw); this hook only carries rounds out, one step at a
// time, and aborts a round as soon as a newer one is planned, the learner quits, or the app closes.
// Checks run in the background, so keys stay responsive while they do.
import { useEffect, useRef, type Dispatch } from 'react';
import type { LabRuntime, StepCheck } from '../../session/runtime.js';
import type { CheckRound, SessionAction } from '../../session/session-reducer.js';

export interface AutoCheckOptions {
	runtime: LabRuntime;
	round: CheckRound | undefined;
	/** The steps a change would re-check (the reducer's `watchedSteps`): the runtime polls only for them. */
	watchedSteps?: readonly string[];
	dispatch: Dispatch<SessionAction>;
	/** False before the lab starts and once quitting: nothing is watched or checked then. */
	isActive: boolean;
	/** How long a round caused by a move or a change waits for things to settle (docker events come in bursts). */
	debounceMs?: number;
	now?: () => number;
}

/** A check that could not run at all, told plainly (no stack trace). */
export function brokenCheck(error: unknown): StepCheck {
	const reason = error instanceof Error ? error.message : String(error);
	return {
		status: 'spawn-error',
		results: [
			{
				status: 'spawn-error',
				message: 'This step could not be checked. Try again with c; if it keeps failing, run `registry-lab doctor`.',
				detail: reason,
				subject: 'check',
				outputTail: '',
				durationMs: 0,
			},
		],
	};
}

const canceled: StepCheck = { status: 'canceled', results: [] };

export function useAutoCheck({ runtime, round, watchedSteps, dispatch, isActive, debounceMs = 300, now = Date.now }: AutoCheckOptions): void {
	const checkIds = useRef(0);
	// Read by the watcher before each poll; a ref, so a new list does not restart the watch.
	const watched = useRef(watchedSteps);
	watched.current = watchedSteps;

	// One subscription to the watcher for as long as the lab is open; every change goes through the
	// reducer, which plans the next round (or not, when auto-check is off).
	useEffect(() => {
		if (!isActive) return;
		const controller = new AbortController();
		try {
			runtime.watch(
				(reason) => {
					if (!controller.signal.aborted) dispatch({ type: 'changed', reason });
				},
				controller.signal,
				() => watched.current ?? [],
			);
		} catch {
			// Without a watcher the lab still works: c checks, and moving checks the step.
		}
		return () => controller.abort();
	}, [runtime, isActive, dispatch]);

	const roundId = round?.id;
	useEffect(() => {
		if (!isActive || !round) return;
		const controller = new AbortController();
		let inFlight: { stepId: string; checkId: number } | undefined;

		const runRound = async (): Promise<void> => {
			for (const stepId of round.stepIds) {
				if (controller.signal.aborted) return;
				const checkId = ++checkIds.current;
				inFlight = { stepId, checkId };
				dispatch({ type: 'check-started', stepId, checkId });
				let check: StepCheck;
				try {
					check = await runtime.checkStep(stepId, controller.signal);
				} catch (error) {
					check = controller.signal.aborted ? canceled : brokenCheck(error);
				}
				// A result that arrives after the abort belongs to a state the learner has left.
				if (controller.signal.aborted) return;
				inFlight = undefined;
				dispatch({ type: 'check-finished', stepId, checkId, check, at: now() });
			}
		};
		const timer = setTimeout(() => void runRound(), round.isImmediate ? 0 : debounceMs);

		return () => {
			clearTimeout(timer);
			controller.abort();
			// Clear the "checking" mark now rather than when the aborted check gets round to settling.
			if (inFlight) dispatch({ type: 'check-finished', ...inFlight, check: canceled, at: now() });
		};
		// The round object is replaced only with a new id; depending on the id keeps identical rounds from restarting.
	}, [roundId, isActive, runtime, dispatch, debounceMs, now]);
}
