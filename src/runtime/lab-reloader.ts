// The author's mode behind the UI's LabSource port: on each save of the lab file (or a file it
// lists) the lab is validated again (loadLab: every problem at its line and column). A lab that
// loads replaces the runtime's lab and refreshes the workspace copies of its files; one that does
// not is reported as its problems. Reloads run one at a time; a save during one reloads once more.
import path from 'node:path';
import { loadLab } from '../lab/load-lab.js';
import type { LabReload, LabSource } from '../session/lab-port.js';
import { problemLines } from '../session/dev-state.js';
import { prepareWorkspace } from '../workspace/prepare-workspace.js';
import type { ReloadableLabRuntime } from './lab-runtime.js';
import { watchLabFiles } from './watch-lab-files.js';

export interface LabReloaderOptions {
	/** The lab.yaml and its folder. */
	file: string;
	dir: string;
	/** The lab file as the author named it (relative to where they ran dev), for `lab.yaml:LINE:COL`. */
	shownFile: string;
	runtime: ReloadableLabRuntime;
	/** Environment for the workspace location, decided at the top. */
	env: Record<string, string | undefined>;
	debounceMs?: number;
}

/** Loads the lab file again and, when it loads, hands it to the runtime. */
export async function reloadLabFile(options: LabReloaderOptions): Promise<LabReload> {
	const loaded = loadLab(options.file);
	if (!loaded.lab || loaded.problems.length > 0) return { kind: 'problems', problems: problemLines(loaded.problems, options.shownFile) };
	const lab = loaded.lab;
	// The lab's commands run on the workspace copies: bring a file the author changed there (one
	// edited in the workspace is kept, as for a learner). Before the lab is replaced, so the screen
	// never shows the new lab with the old files behind it.
	const workspace = await prepareWorkspace({
		labId: lab.id,
		dir: options.runtime.workspace,
		env: options.env,
		labDir: options.dir,
		files: lab.files ?? [],
	}).catch(() => undefined);
	const missing = (workspace?.problems ?? []).map(
		(problem) => `${options.shownFile}: the workspace is missing ${problem.path}: it ${problem.message}`,
	);
	if (missing.length > 0) return { kind: 'problems', problems: missing };
	try {
		return { kind: 'loaded', lab, vars: options.runtime.replaceLab(lab) };
	} catch (error) {
		return { kind: 'problems', problems: [`${options.shownFile}: ${error instanceof Error ? error.message : String(error)}`] };
	}
}

export function createLabReloader(options: LabReloaderOptions): LabSource {
	return {
		watch(onReload, signal) {
			let files: readonly string[] = options.runtime.lab.files ?? [];
			let running: Promise<void> | undefined;
			let isAgain = false;
			const reload = (): void => {
				if (running) {
					isAgain = true;
					return;
				}
				running = reloadLabFile(options)
					.then((result) => {
						if (result.kind === 'loaded') files = result.lab.files ?? [];
						if (!signal.aborted) onReload(result);
					})
					.catch(() => undefined)
					.finally(() => {
						running = undefined;
						if (isAgain && !signal.aborted) {
							isAgain = false;
							reload();
						}
					});
			};
			watchLabFiles({
				dir: options.dir,
				labFile: path.basename(options.file),
				files: () => files,
				onChange: reload,
				signal,
				debounceMs: options.debounceMs,
			});
		},
	};
}
