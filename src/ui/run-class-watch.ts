// The entry point of `registry-lab class watch` for the CLI: full screen in the terminal's alternate
// buffer, put back on every way out. Ink, React and the table load here, when the watch opens: the
// class command's other subcommands never pay for them.
import type { ClassWatchAppProps } from './class-watch-app.js';
import type { ColorChoice } from './color-choice.js';

export interface RunClassWatchOptions extends ClassWatchAppProps {
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
	stderr?: NodeJS.WriteStream;
	/** Closes the watch (Ctrl+C as a signal, SIGTERM). */
	quitSignal?: AbortSignal;
	color?: ColorChoice;
}

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/** Ink decides when first loaded whether it runs in CI (and then draws nothing): load it with CI hidden. */
async function loadRenderer(): Promise<typeof import('./render-class-watch.js')> {
	const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	try {
		return await import('./render-class-watch.js');
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) process.env[name] = value;
		}
	}
}

export async function runClassWatch(options: RunClassWatchOptions): Promise<void> {
	const { stdin = process.stdin, stdout = process.stdout, stderr = process.stderr, quitSignal, color, ...props } = options;
	const { renderClassWatch } = await loadRenderer();
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
