// Mounts the class watch with Ink. Kept apart from run-class-watch so Ink loads only when the watch
// opens (see run-tui.tsx for why Ink must load with CI hidden).
import { render } from 'ink';
import { ClassWatchApp, type ClassWatchAppProps } from './class-watch-app.js';
import type { ColorChoice } from './color-choice.js';
import { applyColorChoice } from './terminal-colors.js';

export interface ClassWatchStreams {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
}

/** Renders the watch until q (or `quitSignal`) ends it. */
export async function renderClassWatch(
	props: ClassWatchAppProps,
	streams: ClassWatchStreams,
	options: { color?: ColorChoice; quitSignal?: AbortSignal },
): Promise<void> {
	applyColorChoice(options.color ?? { kind: 'auto' });
	const instance = render(<ClassWatchApp {...props} />, { ...streams, patchConsole: true });
	const onQuit = (): void => instance.unmount();
	options.quitSignal?.addEventListener('abort', onQuit, { once: true });
	if (options.quitSignal?.aborted) onQuit();
	try {
		await instance.waitUntilExit();
	} finally {
		options.quitSignal?.removeEventListener('abort', onQuit);
	}
}
