// Watches a lab's folder for saves of its lab.yaml and of the files it lists, for the author's mode.
// Folders are watched, never files: editors that save by writing a new file and renaming it over the
// old one (vim, many IDEs) replace the file a per-file watcher was holding, and its events stop; the
// folder sees every such rename. (Node 20's recursive watch on Linux holds files, so it is not used:
// each folder that holds a listed file is watched on its own.) Saves come in bursts (write, rename,
// chmod), so a change is reported once the burst has been quiet for a moment.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchLabFilesOptions {
	/** The lab's folder. */
	dir: string;
	/** The lab file's name in it (lab.yaml). */
	labFile: string;
	/** The lab's `files` as they stand now (asked after each change: a save may list new ones). */
	files: () => readonly string[];
	onChange: () => void;
	signal: AbortSignal;
	/** Quiet time after the last event before `onChange`. Default 150 ms. */
	debounceMs?: number;
}

const toSlashes = (file: string): string => path.normalize(file).split(path.sep).join('/').replace(/\/+$/, '');

/**
 * Whether a path that changed (relative to the lab folder) is the lab file or one the lab lists (a
 * listed folder's files included). An editor's swap and backup files are not. Pure.
 */
export function isLabFileChange(changed: string, labFile: string, files: readonly string[]): boolean {
	const normalized = toSlashes(changed);
	if (normalized === labFile) return true;
	return files.some((entry) => {
		const listed = toSlashes(entry);
		return normalized === listed || normalized.startsWith(`${listed}/`);
	});
}

/** The folders (relative, `.` for the lab's) whose entries are the lab file and its listed files. */
function foldersToWatch(dir: string, files: readonly string[]): string[] {
	const folders = new Set<string>(['.']);
	const addTree = (relative: string): void => {
		folders.add(relative);
		for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
			if (entry.isDirectory()) addTree(path.join(relative, entry.name));
		}
	};
	for (const entry of files) {
		const relative = path.normalize(entry).replace(/[\\/]+$/, '');
		if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
		try {
			if (statSync(path.join(dir, relative)).isDirectory()) addTree(relative);
			else folders.add(path.dirname(relative));
		} catch {
			// Not there (yet): its folder is watched, so it is seen when it appears.
			folders.add(path.dirname(relative));
		}
	}
	return [...folders];
}

/** Starts watching; stops, and leaves nothing behind, when `signal` aborts. */
export function watchLabFiles({ dir, labFile, files, onChange, signal, debounceMs = 150 }: WatchLabFilesOptions): void {
	if (signal.aborted) return;
	let timer: NodeJS.Timeout | undefined;
	const watchers = new Map<string, FSWatcher>();

	const onEvent = (folder: string, filename: string | null): void => {
		if (filename !== null && !isLabFileChange(path.join(folder, filename), labFile, files())) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (signal.aborted) return;
			// A save may list a new folder, or make one: watch what the lab lists now.
			refresh();
			onChange();
		}, debounceMs);
	};

	const refresh = (): void => {
		const wanted = new Set(foldersToWatch(dir, files()));
		for (const [folder, watcher] of watchers) {
			if (wanted.has(folder)) continue;
			watcher.close();
			watchers.delete(folder);
		}
		for (const folder of wanted) {
			if (watchers.has(folder)) continue;
			try {
				const watcher = watch(path.join(dir, folder), (_event, filename) => onEvent(folder, filename));
				// A folder removed ends its watch rather than the process; the next change watches again.
				watcher.on('error', () => {
					watcher.close();
					watchers.delete(folder);
				});
				watchers.set(folder, watcher);
			} catch {
				// A folder that cannot be watched: the rest still reloads.
			}
		}
	};

	refresh();
	signal.addEventListener(
		'abort',
		() => {
			clearTimeout(timer);
			for (const watcher of watchers.values()) watcher.close();
			watchers.clear();
		},
		{ once: true },
	);
}
