// Mounts the App with Ink. Kept apart from run-tui so Ink is loaded only when the TUI opens (see
// run-tui for why that matters).
import { render } from 'ink';
import { App, type AppProps, type TuiResult } from './app.js';
import type { ColorChoice } from './color-choice.js';
import { LinearApp } from './linear-app.js';
import { applyColorChoice } from './terminal-colors.js';

export interface Streams {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
}

export interface RenderOptions {
	/** Route stray console output through Ink. Default true. */
	patchConsole?: boolean;
	/** Colour as the CLI decided it (NO_COLOR, FORCE_COLOR); the linear mode writes none. */
	color?: ColorChoice;
	/** The linear mode for screen readers (announcements appended as lines) instead of the full screen. */
	isLinear?: boolean;
}

/** Renders the app and resolves with how it ended; rejects when it crashed. */
export async function renderApp(props: AppProps, streams: Streams, options: RenderOptions = {}): Promise<TuiResult | undefined> {
	const { patchConsole = true, isLinear = false } = options;
	// Before the first frame: every colour comes from the chalk this sets (and a screen reader reads
	// plain text).
	applyColorChoice(isLinear ? { kind: 'never' } : (options.color ?? { kind: 'auto' }));
	const instance = render(isLinear ? <LinearApp {...props} /> : <App {...props} />, {
		...streams,
		// The app handles Ctrl+C itself: it saves progress and may ask about the registry first.
		exitOnCtrlC: false,
		patchConsole,
		// Decided by the CLI (--plain, INK_SCREEN_READER), not read from the environment by Ink itself.
		isScreenReaderEnabled: isLinear,
	});
	return (await instance.waitUntilExit()) as TuiResult | undefined;
}
