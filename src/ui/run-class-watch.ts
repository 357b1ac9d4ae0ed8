// The entry point of `registry-lab class watch` for the CLI: full screen in the terminal's alternate
// buffer, put back on every way out. Ink, React and the table load here, when the watch opens: the
// class command's other subcommands never pay for them.
import type { ClassWatchAppProps } from './class-watch-app.js';
import type { ColorChoice } from './color-choice.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, loadWithoutCi, SHOW_CURSOR } from './load-without-ci.js';

export interface RunClassWatchOptions extends ClassWatchAppProps {
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	/** Closes the watch (Ctrl+C as a signal, SIGTERM). */
	quitSignal?: AbortSignal;
	color?: ColorChoice;
}

export async function runClassWatch(options: RunClassWatchOptions): Promise<void> {
	const { stdin = process.stdin, stdout = process.stdout, stderr = process.stderr, quitSignal, color, ...props } = options;
	const { renderClassWatch } = await loadWithoutCi(() => import('./render-class-watch.js'));
	let isRestored = false;
	const restore = (): void => {
		if (isRestored) return;
		isRestored = true;
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
	};
	process.once('exit', restore);
	stdout.write(ENTER_ALTERNATE_SCREEN);
	try {
		await renderClassWatch(props, { stdin, stdout, stderr }, { color, quitSignal });
	} finally {
		restore();
		process.off('exit', restore);
	}
}
