// The learner's session and every effect it asks for, in one hook shared by the two ways of showing
// it: the full screen (App) and the linear mode for screen readers (LinearApp). It owns the one
// reducer (keys included), the hooks that carry out its requests (checks, environment, doctor,
// answers, saving, quitting) and the hand-over of typed variables; the screens only draw it.
import { useApp, useInput } from 'ink';
import { useCallback, useMemo, useReducer, useRef, type Dispatch } from 'react';
import type { LoadedProgress, ProgressStore } from '../../progress/progress-store.js';
import { reduceSession, type KeyAction, type Viewport } from '../../session/key-bindings.js';
import type { LabRuntime, LabSource } from '../../session/lab-port.js';
import { initSession, watchedSteps, type SessionAction, type SessionState } from '../../session/session-reducer.js';
import { toProgress, withSelectedSince } from '../../session/session-progress.js';
import { text } from '../messages.js';
import { useAnswerJudge } from './use-answer-judge.js';
import { useAutoCheck } from './use-auto-check.js';
import { useClassPublisher, type ClassPublishStatus } from './use-class-publisher.js';
import { useDoctor } from './use-doctor.js';
import { useEnvironment } from './use-environment.js';
import { useProgressSaver } from './use-progress-saver.js';
import { useQuitSequence } from './use-quit-sequence.js';
import { useLabReload } from './use-lab-reload.js';
import { useStepProof } from './use-step-proof.js';

/** Waits, in milliseconds; tests shorten them. */
export interface SessionTiming {
	checkDebounceMs?: number;
	saveDebounceMs?: number;
	environmentRefreshMs?: number;
	publishDebounceMs?: number;
}

export interface SessionOptions {
	runtime: LabRuntime;
	progressStore: ProgressStore;
	/** The progress as loaded (and the notice about a damaged file, if any). */
	loaded?: LoadedProgress;
	/** Aborted when the process is told to stop (SIGTERM, SIGHUP): quit at once, saving progress. */
	quitSignal?: AbortSignal;
	now?: () => number;
	timing?: SessionTiming;
	/**
	 * What a key press needs to know about the screen as it is drawn (page size, scroll room, a
	 * terminal too small): read when the key arrives, not as of the last render. None for a screen
	 * that does not scroll.
	 */
	viewport?: () => Viewport;
	/** The author's mode (`registry-lab dev`): the lab file's saves, to reload the lab in place; p proves a step. */
	labSource?: LabSource;
}

export interface Session {
	state: SessionState;
	dispatch: Dispatch<SessionAction | KeyAction>;
	/** What the quit sequence is doing now (saving, stopping the registry), once it has started. */
	quitStage?: string;
	/** Whether the progress reached the classroom registry (`off` without --classroom). */
	classroom: ClassPublishStatus;
	/** Takes the values typed for the lab's variables. */
	onVariables: (values: Record<string, string>) => void;
}

const noViewport = (): Viewport => ({ page: 1, maxScroll: 0 });

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function useSession({
	runtime,
	progressStore,
	loaded,
	quitSignal,
	now = Date.now,
	timing = {},
	viewport = noViewport,
	labSource,
}: SessionOptions): Session {
	const { exit } = useApp();
	const { lab } = runtime;
	const [state, dispatch] = useReducer(reduceSession, undefined, () =>
		initSession({
			lab,
			vars: runtime.vars,
			saved: loaded?.state,
			now: now(),
			canStopRegistry: runtime.stopRegistry !== undefined,
			notice: loaded?.notice,
			isDev: labSource !== undefined,
		}),
	);

	const isLabOpen = (state.view === 'lab' || state.view === 'summary') && !state.quit;
	useAutoCheck({
		runtime,
		round: state.round,
		watchedSteps: watchedSteps(state),
		dispatch,
		isActive: isLabOpen,
		debounceMs: timing.checkDebounceMs,
		now,
	});
	useEnvironment({ runtime, dispatch, changeCount: state.changeCount, isActive: !state.quit, refreshMs: timing.environmentRefreshMs });
	useDoctor(runtime, dispatch, true);
	useAnswerJudge(runtime, state.judging, dispatch, now);
	useLabReload(labSource, dispatch, !state.quit);
	useStepProof(runtime, state.quit ? undefined : state.proof, dispatch);

	// The classroom is saved with the progress, so the next run publishes without --classroom again.
	const classroomSetting = runtime.classroom;
	// When the learner moved to the selected step: the classroom's "on it since" (kept across runs).
	const lastSelected = useRef<{ selected?: string; selectedAt?: string } | undefined>(loaded?.state);
	const snapshot = useMemo(() => {
		if (state.view === 'variables') return undefined;
		const progress = withSelectedSince(toProgress(state, lab), lastSelected.current, now());
		lastSelected.current = progress;
		return { ...progress, ...(classroomSetting ? { classroom: classroomSetting } : {}) };
		// `now` is a clock, read when the state changes, not a reason to rebuild.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [state, lab, classroomSetting]);
	const onSaveError = useCallback(
		(reason: string) => dispatch({ type: 'notice', notice: { text: text.noticeSaveFailed(reason), tone: 'warning' } }),
		[],
	);
	const saver = useProgressSaver({
		store: progressStore,
		snapshot,
		loaded: loaded?.state,
		debounceMs: timing.saveDebounceMs,
		onError: onSaveError,
	});

	const publish = useMemo(() => runtime.publishProgress?.bind(runtime), [runtime]);
	const classroom = useClassPublisher({ publish, snapshot, debounceMs: timing.publishDebounceMs });

	useInput(
		(input, key) => {
			dispatch({ type: 'key', key: { ...key, input }, viewport: viewport() });
		},
		{ isActive: !state.quit },
	);

	const quitStage = useQuitSequence({ state, dispatch, runtime, flush: saver.flush, exit, quitSignal });

	const onVariables = useCallback(
		(values: Record<string, string>) => {
			try {
				dispatch({ type: 'variables-set', vars: runtime.setVariables(values) });
			} catch (error) {
				dispatch({ type: 'variables-set', vars: { ...runtime.vars, ...values } });
				dispatch({ type: 'notice', notice: { text: errorText(error), tone: 'warning' } });
			}
		},
		[runtime],
	);

	return { state, dispatch, quitStage, classroom, onVariables };
}
