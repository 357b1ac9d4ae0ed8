// Helpers for tests that start real processes: is a pid still running, and waiting for a file.
import { existsSync, readFileSync } from 'node:fs';
import { eventually } from './eventually.js';

/**
 * True while the process runs. A zombie counts as ended: where PID 1 does not reap orphans (as in
 * some containers), a killed grandchild stays a zombie and `kill(pid, 0)` still succeeds.
 */
export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
		return state !== 'Z' && state !== 'X';
	} catch {
		return process.platform !== 'linux';
	}
}

/** Polls until the file exists (a child writes it once it has started what the test needs). */
export function waitForFile(path: string, withinMs = 20_000): Promise<string> {
	const written = (): string | undefined => {
		const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
		return text.endsWith('\n') ? text : undefined;
	};
	return eventually(written, { what: `${path} to be written`, timeoutMs: withinMs, intervalMs: 20 });
}

/** Kills a pid left behind by a failing test, so one failure does not leak processes. */
export function killQuietly(pid: number | undefined): void {
	if (pid === undefined) return;
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// already gone
	}
}
