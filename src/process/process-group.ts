// Process-group bookkeeping for the runner (POSIX only). A command is spawned detached, so it leads
// a new process group holding everything it starts; signalling the group reaches grandchildren
// that a plain kill of the child would orphan (a shell's `sleep`, a script's background helper).
import { readdirSync, readFileSync } from 'node:fs';

export const canUseProcessGroups = process.platform !== 'win32';

const running = new Set<number>();
let exitHookInstalled = false;

/** Best effort: a group that is already gone, or not ours, is not an error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// ESRCH: nothing left in the group. EPERM: not ours to signal.
	}
}

function groupExists(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Whether any process of the group still runs. Zombies do not count: where PID 1 does not reap
 * orphans (some containers), a killed grandchild stays a zombie forever and `kill(-pgid, 0)` keeps
 * succeeding, so on Linux the members are read from /proc.
 */
export function groupIsAlive(pgid: number): boolean {
	if (!groupExists(pgid)) return false;
	if (process.platform !== 'linux') return true;
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return true;
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		// "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
	}
	return false;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForGroupToEnd(pgid: number, withinMs: number): Promise<boolean> {
	const deadline = performance.now() + withinMs;
	for (;;) {
		if (!groupIsAlive(pgid)) return true;
		if (performance.now() >= deadline) return false;
		await pause(20);
	}
}

/**
 * Ends whatever is left of the group: SIGTERM, then SIGKILL once `graceMs` has passed. Resolves
 * when no process of the group runs any more (or, for a process stuck in the kernel, shortly after
 * SIGKILL was sent).
 */
export async function endGroup(pgid: number, graceMs: number): Promise<void> {
	if (!groupIsAlive(pgid)) return;
	signalGroup(pgid, 'SIGTERM');
	if (await waitForGroupToEnd(pgid, graceMs)) return;
	signalGroup(pgid, 'SIGKILL');
	await waitForGroupToEnd(pgid, 2000);
}

/**
 * Remembers a running group so that it is killed if this program exits while it runs: detached
 * groups are not killed with their parent, and execa's `cleanup` skips detached subprocesses.
 */
export function trackGroup(pgid: number): () => void {
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const group of running) signalGroup(group, 'SIGKILL');
		});
	}
	running.add(pgid);
	return () => running.delete(pgid);
}
