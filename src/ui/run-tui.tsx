// The TUI's entry point for the CLI: full screen in the terminal's alternate buffer, restored on every
// way out (quit, crash, signal), resolving with how the session ended. In the linear mode (for screen
// readers) it stays on the normal screen, where the announcements are appended.
import type { LoadedProgress, ProgressStore } from '../progress/progress-store.js';
import type { LabRuntime, LabSource } from '../session/lab-port.js';
import type { AppTiming, TuiResult } from './app.js';
import type { ColorChoice } from './color-choice.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, loadWithoutCi, SHOW_CURSOR } from './load-without-ci.js';

export type { TuiResult } from './app.js';

export interface RunTuiOptions {
	runtime: LabRuntime;
	progressStore: ProgressStore;
	/** Progress the CLI already loaded (it needs the saved variables first); loaded here when absent. */
	loaded?: LoadedProgress;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	/** Quit (saving progress, without questions) when this aborts. */
	quitSignal?: AbortSignal;
	/** Quit the same way on SIGTERM and SIGHUP (a closed terminal). Default true. */
	handleSignals?: boolean;
	/** Route stray console output through Ink so it does not tear the screen. Default true. */
	patchConsole?: boolean;
	timing?: AppTiming;
	/** Colour as the CLI decided it from NO_COLOR and FORCE_COLOR. Default: the terminal decides. */
	color?: ColorChoice;
	/** Announce each change as a line (registry-lab --plain) instead of drawing the full screen. */
	isLinear?: boolean;
	/** The author's mode (`registry-lab dev`): the lab file's saves reload the lab in place. */
	labSource?: LabSource;
}

export async function runTui(options: RunTuiOptions): Promise<TuiResult> {
	const { runtime, progressStore, handleSignals = true, isLinear = false } = options;
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const loaded = options.loaded ?? (await progressStore.load(runtime.lab.id));
	const { renderApp } = await loadWithoutCi(() => import('./render-app.js'));

	const quit = new AbortController();
	const onQuitRequest = (): void => quit.abort();
	options.quitSignal?.addEventListener('abort', onQuitRequest);
	if (options.quitSignal?.aborted) quit.abort();
	if (handleSignals) {
		// `once`: a second signal gets Node's default handling, so a stuck quit can still be killed.
		process.once('SIGTERM', onQuitRequest);
		process.once('SIGHUP', onQuitRequest);
	}

	// The linear mode never leaves the normal screen: what it said stays in the terminal's scrollback.
	let isRestored = isLinear;
	const restore = (): void => {
		if (isRestored) return;
		isRestored = true;
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
	};
	// Last resort: if the process exits under us, leave the learner's terminal as it was.
	process.once('exit', restore);
	if (!isLinear) stdout.write(ENTER_ALTERNATE_SCREEN);
	try {
		const result = await renderApp(
			{ runtime, progressStore, loaded, quitSignal: quit.signal, timing: options.timing, labSource: options.labSource },
			{ stdin, stdout, stderr },
			{ patchConsole: options.patchConsole, color: options.color, isLinear },
		);
		const total = runtime.lab.steps.length;
		return result ?? { outcome: 'quit', quitBy: 'signal', stoppedRegistry: false, done: 0, total };
	} finally {
		restore();
		process.off('exit', restore);
		process.off('SIGTERM', onQuitRequest);
		process.off('SIGHUP', onQuitRequest);
		options.quitSignal?.removeEventListener('abort', onQuitRequest);
	}
}
