// Watching and checking. The session reducer decides *what* to check (a round of step ids, planned
// on a key, a move, a tick, or a change the watcher saw); this hook only carries rounds out, a few
// steps at a time, and aborts the checks in flight when a round planned on a change starts, the
// learner quits, or the app closes. Checks run in the background, so keys stay responsive.
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { LabRuntime, StepCheck } from '../../session/lab-port.js';
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
	/** How many steps of a round are checked at the same time. */
	concurrency?: number;
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

export function useAutoCheck({
	runtime,
	round,
	watchedSteps,
	dispatch,
	isActive,
	debounceMs = 300,
	concurrency = 3,
	now = Date.now,
}: AutoCheckOptions): void {
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

	// Every check in flight, across rounds: a round planned on a change aborts them all (they may
	// have looked before the change); other rounds add to them.
	const inFlight = useRef(new Map<number, { stepId: string; controller: AbortController }>());
	// Read through a ref so that a caller passing a new function each render does not abort checks.
	const latest = useRef({ dispatch, now });
	latest.current = { dispatch, now };
	const abortAll = useCallback((): void => {
		for (const [checkId, { stepId, controller }] of inFlight.current) {
			controller.abort();
			// Clear the "checking" mark now rather than when the aborted check gets round to settling.
			latest.current.dispatch({ type: 'check-finished', stepId, checkId, check: canceled, at: latest.current.now() });
		}
		inFlight.current.clear();
	}, []);

	// Leaving the lab (quitting, or before it starts) stops every check.
	useEffect(() => {
		if (!isActive) return;
		return abortAll;
	}, [isActive, abortAll]);

	const roundId = round?.id;
	useEffect(() => {
		if (!isActive || !round) return;
		const controller = new AbortController();

		const checkOne = async (stepId: string): Promise<void> => {
			if (controller.signal.aborted) return;
			const checkId = ++checkIds.current;
			inFlight.current.set(checkId, { stepId, controller });
			dispatch({ type: 'check-started', stepId, checkId });
			let check: StepCheck;
			try {
				check = await runtime.checkStep(stepId, controller.signal);
			} catch (error) {
				check = controller.signal.aborted ? canceled : brokenCheck(error);
			}
			// A result that arrives after the abort belongs to a state the learner has left.
			if (controller.signal.aborted || !inFlight.current.delete(checkId)) return;
			dispatch({ type: 'check-finished', stepId, checkId, check, at: now() });
		};
		// A few steps at a time, the selected one first: checks the steps share run once (the runtime
		// joins identical checks under one signal), and no step waits behind a slow one for long.
		const runRound = async (): Promise<void> => {
			const queue = [...round.stepIds];
			const worker = async (): Promise<void> => {
				for (let stepId = queue.shift(); stepId !== undefined; stepId = queue.shift()) await checkOne(stepId);
			};
			await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
		};
		const start = (): void => {
			// From here on a newer round no longer takes this one's steps over (see the reducer).
			dispatch({ type: 'round-started', roundId: round.id });
			if (round.supersedes) abortAll();
			void runRound();
		};
		const timer = setTimeout(start, round.isImmediate ? 0 : debounceMs);
		// A newer round before this one started has taken its steps over; one after it either aborts
		// its checks when it starts (abortAll) or leaves them running. Here only the wait is cancelled.
		return () => clearTimeout(timer);
		// The round object is replaced only with a new id; depending on the id keeps identical rounds from restarting.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [roundId, isActive, runtime, dispatch, debounceMs, now, abortAll]);
}
