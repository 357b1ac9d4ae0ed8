// The learner's progress, one JSON file per lab in their state folder. Written atomically (temp file
// in the same folder, fsync, rename) so a crash or a full disk never leaves half a file. A file we
// cannot read is kept as a backup and the lab starts fresh, so nothing is ever lost silently.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';
import type { z } from 'zod';
import type { progressSchema } from './progress-schema.js';

/** What is saved for one lab. Times are ISO 8601 strings. */
export type ProgressState = z.infer<typeof progressSchema>;

export interface LoadedProgress {
	/** The saved progress; `undefined` on a first run (or after a damaged file was set aside). */
	state?: ProgressState;
	/** For the learner, when something needs saying (a damaged file was backed up). */
	notice?: string;
	/** Where the damaged file was moved to. */
	backupPath?: string;
}

/** The store the UI saves through; tests pass a fake. */
export interface ProgressStore {
	load(labId: string): Promise<LoadedProgress>;
	save(state: ProgressState): Promise<void>;
	reset(labId: string): Promise<boolean>;
	path(labId: string): string;
}

export interface ProgressOptions {
	/** The state folder: `stateDir(env)` with the env decided at the top. */
	dir: string;
	/** Clock for backup names (tests). */
	now?: () => Date;
}

const APP_NAME = 'registry-lab';
// Lab ids are already restricted by the lab schema; checking again keeps a hostile id out of paths.
const labIdPattern = /^[a-z][a-z0-9-]*$/;

/**
 * The folder for registry-lab's state: `REGISTRY_LAB_STATE_DIR` when set; on Linux
 * `$XDG_STATE_HOME/registry-lab` (`~/.local/state/registry-lab`); on macOS
 * `~/Library/Application Support/registry-lab`; on Windows `%LOCALAPPDATA%\registry-lab`.
 */
export function stateDir(env: Readonly<Record<string, string | undefined>>): string {
	const override = env.REGISTRY_LAB_STATE_DIR;
	if (override) return override;
	const paths = envPaths(APP_NAME, { suffix: '' });
	if (process.platform === 'darwin') return paths.data;
	// env-paths puts Windows data in `%LOCALAPPDATA%\registry-lab\Data`; one level up is the app's folder.
	if (process.platform === 'win32') return join(paths.data, '..');
	// env-paths' `log` is the XDG state folder on Linux.
	return paths.log;
}

function assertLabId(labId: string): void {
	if (!labIdPattern.test(labId)) throw new Error(`Not a valid lab id: ${JSON.stringify(labId)}`);
}

export function progressPath(labId: string, options: ProgressOptions): string {
	assertLabId(labId);
	return join(options.dir, 'progress', `${labId}.json`);
}

function timestamp(date: Date): string {
	return date.toISOString().replace(/[:.]/g, '-');
}

/** Reads a lab's progress. A damaged or foreign file is moved to `<file>.corrupt-<time>` and reported. */
export async function loadProgress(labId: string, options: ProgressOptions): Promise<LoadedProgress> {
	const path = progressPath(labId, options);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw error;
	}
	const parsed = await parseProgress(text, labId);
	if (parsed) return { state: parsed };
	const backupPath = `${path}.corrupt-${timestamp((options.now ?? (() => new Date()))())}`;
	await rename(path, backupPath);
	return {
		backupPath,
		notice: `Your saved progress could not be read, so this lab starts fresh. Nothing is lost: the old file is kept at ${backupPath}.`,
	};
}

async function parseProgress(text: string, labId: string): Promise<ProgressState | undefined> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return undefined;
	}
	// The schema (and zod) load only when there is a file to read: a first run never needs them.
	const { progressSchema } = await import('./progress-schema.js');
	const result = progressSchema.safeParse(json);
	if (!result.success || result.data.labId !== labId) return undefined;
	return result.data;
}

/** Saves a lab's progress atomically: readers see the old file or the new one, never a mix. */
export async function saveProgress(state: ProgressState, options: ProgressOptions): Promise<void> {
	const path = progressPath(state.labId, options);
	const folder = join(path, '..');
	await mkdir(folder, { recursive: true, mode: 0o700 });
	const temp = join(folder, `.${state.labId}.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		const file = await open(temp, 'wx', 0o600);
		try {
			await file.writeFile(`${JSON.stringify(state, null, '\t')}\n`, 'utf8');
			await file.sync();
		} finally {
			await file.close();
		}
		await rename(temp, path);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
	await syncFolder(folder);
}

// Makes the rename itself durable. Folders cannot be opened for sync on Windows; there the rename
// is as durable as the platform makes it.
async function syncFolder(folder: string): Promise<void> {
	if (process.platform === 'win32') return;
	try {
		const handle = await open(folder, 'r');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// Best effort: some file systems refuse to sync a folder.
	}
}

/** Forgets a lab's progress. True when there was something to remove. */
export async function resetProgress(labId: string, options: ProgressOptions): Promise<boolean> {
	const path = progressPath(labId, options);
	try {
		await rm(path);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw error;
	}
}

/** The store with fixed options (a folder, a clock), as the UI takes it. */
export function createProgressStore(options: ProgressOptions): ProgressStore {
	return {
		load: (labId) => loadProgress(labId, options),
		save: (state) => saveProgress(state, options),
		reset: (labId) => resetProgress(labId, options),
		path: (labId) => progressPath(labId, options),
	};
}
