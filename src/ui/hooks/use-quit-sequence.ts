// Quitting, in one place: a stop signal (SIGTERM, SIGHUP) asks to quit like the q key does; once the
// session says quit, save the progress, stop the registry if the learner said so, and exit with how
// it ended. Checks were already aborted when `quit` was set (their hooks went inactive).
import { useEffect, useState, type Dispatch } from 'react';
import type { LabRuntime } from '../../session/lab-port.js';
import { progressCount, type QuitCause, type SessionAction, type SessionState } from '../../session/session-reducer.js';
import { text } from '../messages.js';

/** How the TUI ended; what `runTui` resolves with. */
export interface TuiResult {
	/** `finished` when the lab was completed (now or in an earlier run), else `quit`. */
	outcome: 'finished' | 'quit';
	quitBy: QuitCause;
	stoppedRegistry: boolean;
	done: number;
	total: number;
	/** Set when the last save failed, so the CLI can say so after leaving the full-screen view. */
	saveError?: string;
	/** Set when stopping the registry failed. */
	stopError?: string;
}

export interface QuitSequenceOptions {
	state: SessionState;
	dispatch: Dispatch<SessionAction>;
	runtime: Pick<LabRuntime, 'stopRegistry'>;
	/** Writes the last progress; resolves to the reason when it could not. */
	flush: () => Promise<string | undefined>;
	/** Ink's exit: the one place the TUI ends. */
	exit: (result: TuiResult) => void;
	quitSignal?: AbortSignal;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Runs the quit sequence; returns what it is doing now (for the status line), or undefined before it starts. */
export function useQuitSequence({ state, dispatch, runtime, flush, exit, quitSignal }: QuitSequenceOptions): string | undefined {
	useEffect(() => {
		if (!quitSignal) return;
		const onAbort = (): void => dispatch({ type: 'request-quit', by: 'signal' });
		if (quitSignal.aborted) onAbort();
		quitSignal.addEventListener('abort', onAbort);
		return () => quitSignal.removeEventListener('abort', onAbort);
	}, [quitSignal, dispatch]);

	const [quitStage, setQuitStage] = useState<string>();
	const quit = state.quit;
	useEffect(() => {
		if (!quit) return;
		const finalState: SessionState = state;
		void (async () => {
			setQuitStage(text.quitting);
			const saveError = await flush();
			let stoppedRegistry = false;
			let stopError: string | undefined;
			if (quit.stopRegistry && runtime.stopRegistry) {
				setQuitStage(text.stoppingRegistry);
				try {
					await runtime.stopRegistry();
					stoppedRegistry = true;
				} catch (error) {
					stopError = errorText(error);
				}
			}
			const { done, total } = progressCount(finalState);
			const result: TuiResult = {
				outcome: finalState.finishedAt === undefined ? 'quit' : 'finished',
				quitBy: quit.by,
				stoppedRegistry,
				done,
				total,
				...(saveError === undefined ? {} : { saveError }),
				...(stopError === undefined ? {} : { stopError }),
			};
			exit(result);
		})();
		// Runs once, when the learner decides to quit; `state` is read as it was at that moment.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [quit]);

	return quitStage;
}
