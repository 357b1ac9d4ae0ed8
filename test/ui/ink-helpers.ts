// Driving an Ink app in tests. React 19 schedules renders and Ink attaches its stdin listener in an
// effect, so keys written too early are lost: wait until the app listens, then write, then wait for
// the frame that shows the effect (never for a fixed time).
import { stripVTControlCharacters } from 'node:util';
import type { render } from 'ink-testing-library';
import { eventually } from '../support/eventually.js';

export type Rendered = ReturnType<typeof render>;

export const keys = {
	up: '\u001b[A',
	down: '\u001b[B',
	pageUp: '\u001b[5~',
	pageDown: '\u001b[6~',
	enter: '\r',
	escape: '\u001b',
	tab: '\t',
	backspace: '\u007f',
	left: '\u001b[D',
	right: '\u001b[C',
	home: '\u001b[H',
	end: '\u001b[F',
	ctrlU: '\u0015',
	ctrlW: '\u0017',
	ctrlC: '\u0003',
} as const;

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** Polls until `condition` holds; fails with `describe()` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, describe: () => string, timeoutMs = 10_000): Promise<void> {
	await eventually(condition, { what: 'a condition of the rendered app', timeoutMs, intervalMs: 5, lastSeen: describe });
}

/** The last frame without colours. */
export function frame(app: Rendered): string {
	return stripVTControlCharacters(app.lastFrame() ?? '');
}

/** Waits until the app reads its input (Ink has attached its listener). */
export async function waitForInput(app: Rendered): Promise<void> {
	await waitUntil(
		() => app.stdin.listenerCount('readable') > 0,
		() => 'the app never listened for keys',
	);
}

/** Waits for a frame containing `text` (or matching), and returns it. */
export async function waitForFrame(app: Rendered, expected: string | RegExp | ((frame: string) => boolean)): Promise<string> {
	const matches = (current: string): boolean =>
		typeof expected === 'string' ? current.includes(expected) : expected instanceof RegExp ? expected.test(current) : expected(current);
	await waitUntil(
		() => matches(frame(app)),
		() => `a frame with ${String(expected)}; last frame:\n${frame(app)}`,
	);
	return frame(app);
}

/**
 * Presses keys one at a time, once the app listens. Ink holds a lone Esc until the next turn of the
 * event loop (it could start an escape sequence), so each key gets its own turn; what a key did is
 * then awaited with waitForFrame.
 */
export async function press(app: Rendered, ...sequence: string[]): Promise<void> {
	await waitForInput(app);
	for (const key of sequence) {
		app.stdin.write(key);
		await new Promise((resolve) => setImmediate(resolve));
		await tick();
	}
}

/** Types text as one paste. */
export async function type(app: Rendered, text: string): Promise<void> {
	await press(app, ...[...text]);
}

/** Makes the fake terminal a given size and tells the app it changed. */
export function resize(app: Rendered, columns: number, rows = 24): void {
	Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
	Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
	app.stdout.emit('resize');
}

/** The row of the frame that contains `text`. */
export function rowWith(current: string, text: string): string | undefined {
	return current.split('\n').find((row) => row.includes(text));
}
