// Mounts the App with Ink. Kept apart from run-tui so Ink is loaded only when the TUI opens (see
// run-tui for why that matters).
import { render } from 'ink';
import { App, type AppProps, type TuiResult } from './app.js';

export interface Streams {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
}

/** Renders the app and resolves with how it ended; rejects when it crashed. */
export async function renderApp(props: AppProps, streams: Streams, patchConsole = true): Promise<TuiResult | undefined> {
	const instance = render(<App {...props} />, {
		...streams,
		// The app handles Ctrl+C itself: it saves progress and may ask about the registry first.
		exitOnCtrlC: false,
		patchConsole,
	});
	return (await instance.waitUntilExit()) as TuiResult | undefined;
}
