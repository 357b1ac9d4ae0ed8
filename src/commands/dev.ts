// `registry-lab dev [lab]`: the lab's author's TUI. The lab as a learner sees it, and on every save of
// lab.yaml (or a file it lists) the lab is validated again: it reloads in place, the same step
// selected, or its problems show at their lines until the file is fixed. p proves the selected step
// the way `test` does, each phase shown as it happens.
import { createProgressStore, stateDir, type LoadedProgress } from '../progress/progress-store.js';
import { createLabReloader } from '../runtime/lab-reloader.js';
import { createLabRuntime } from '../runtime/lab-runtime.js';
import path from 'node:path';
import { resolveLabPath } from '../lab/find-labs.js';
import { DEFAULT_LAB, displayPath, PrepareLabError, type PreparedLab } from '../runtime/prepare-lab.js';
import { watchLabFiles } from '../runtime/watch-lab-files.js';
import { keepYoungGenerationSmall } from '../runtime/memory-tuning.js';
import { exitForPrepareError, labArgFor, prepareCommandLab } from './command-support.js';
import { exitCodes, parseCommandArgs, setOption, yesOption, type Command, type CommandIo } from './command.js';
import type { TerminalIo } from './open.js';

export const devUsage = `Usage: registry-lab dev [lab] [--set name=value]... [--yes]

For a lab's author: opens the lab in your terminal as a learner sees it, and watches lab.yaml and
the files it lists. Each time you save, the lab is checked again: it reloads in place (the same
step selected, the progress of every step you kept), or its problems are shown as
lab.yaml:LINE:COL: message until you fix them. p proves the selected step the way registry-lab
test does (setup, checks fail, wrong states fail, solution, checks pass), showing each phase as it
happens. A proof runs the step's commands on this machine. A lab file that does not load when dev
starts is listed the same way, and dev waits for the save that fixes it.

Options:
  --set <name=value>   give a variable a value (repeatable)
  --yes                trust a lab that is not bundled without asking (it is asked once, when dev
                       starts; the edits you save while it runs are yours)
  -h, --help           show this help

Keys: p prove the selected step, and the lab's keys (↑↓ c h s ? q).
`;

/** Resolves at the next save of the lab file (true), or when `signal` aborts first (false). */
function nextSave(file: string, signal: AbortSignal | undefined): Promise<boolean> {
	return new Promise((resolve) => {
		const watching = new AbortController();
		const stop = (saved: boolean): void => {
			watching.abort();
			signal?.removeEventListener('abort', onAbort);
			resolve(saved);
		};
		const onAbort = (): void => stop(false);
		if (signal?.aborted) return stop(false);
		signal?.addEventListener('abort', onAbort, { once: true });
		watchLabFiles({
			dir: path.dirname(file),
			labFile: path.basename(file),
			files: () => [],
			onChange: () => stop(true),
			signal: watching.signal,
		});
	});
}

export async function runDevCommand(args: string[], io: TerminalIo): Promise<number> {
	const parsed = parseCommandArgs({ name: 'dev', usage: devUsage }, args, { ...setOption, ...yesOption }, io);
	if (typeof parsed === 'number') return parsed;
	const labArg = parsed.positionals[0];
	if (io.isTerminal !== true) {
		io.stderr(
			`registry-lab dev: this needs an interactive terminal. Outside one, registry-lab validate ${labArgFor(labArg)}checks the lab file and registry-lab test ${labArgFor(labArg)}proves its steps.\n`,
		);
		return exitCodes.usage;
	}
	keepYoungGenerationSmall();
	const tui = import('../ui/run-tui.js');
	tui.catch(() => undefined);
	const store = createProgressStore({ dir: stateDir(io.env as NodeJS.ProcessEnv) });
	let loaded: LoadedProgress = {};
	const savedVarsFor = async (labId: string): Promise<Record<string, string>> => {
		loaded = await store.load(labId).catch((error: unknown) => ({
			notice: `Your saved progress could not be read (${error instanceof Error ? error.message : String(error)}); the lab starts without it.`,
		}));
		return loaded.state?.vars ?? {};
	};
	let prepared: PreparedLab | undefined;
	while (!prepared) {
		try {
			// The trust gate asks once, here: what the author saves while dev runs is their own edit.
			prepared = await prepareCommandLab(
				io,
				{ labArg, setFlags: parsed.values.set, trust: { yes: parsed.values.yes } },
				{ chooseFreePorts: true, savedVarsFor, allowMissing: true },
			);
		} catch (error) {
			if (!(error instanceof PrepareLabError) || error.kind !== 'invalid-lab') return exitForPrepareError(io, 'dev', error);
			// A lab being written is often broken when dev starts: wait for the fix instead of leaving.
			io.stderr(`registry-lab dev: ${error.describe()}\nWaiting for you to fix it: the lab opens once it loads (Ctrl+C stops).\n`);
			if (!(await nextSave(resolveLabPath(labArg ?? DEFAULT_LAB, io.cwd), io.signal))) return exitCodes.problems;
		}
	}
	const runtime = createLabRuntime({
		lab: prepared.lab,
		vars: prepared.vars,
		workspace: prepared.workspace.dir,
		env: io.env,
		labDir: prepared.dir,
	});
	const labSource = createLabReloader({
		file: prepared.file,
		dir: prepared.dir,
		shownFile: displayPath(prepared.file, io.cwd),
		runtime,
		env: io.env,
	});
	try {
		const { runTui } = await tui;
		const result = await runTui({ runtime, progressStore: store, loaded, quitSignal: io.signal, color: io.color, labSource });
		if (result.saveError) io.stderr(`registry-lab dev: your progress could not be saved: ${result.saveError}\n`);
		if (result.stopError) io.stderr(`registry-lab dev: ${result.stopError}\n`);
	} catch (error) {
		io.stderr(`registry-lab dev: stopped because of an unexpected error (${error instanceof Error ? error.message : String(error)}).\n`);
		return exitCodes.problems;
	}
	io.stdout(`Run registry-lab test ${labArgFor(labArg)}to prove the whole lab, cleanup included.\n`);
	return exitCodes.ok;
}

export const devCommand: Command = {
	name: 'dev',
	summary: 'author a lab: it reloads on every save, shows problems at their lines, and p proves a step',
	usage: devUsage,
	run: (args, io: CommandIo) => runDevCommand(args, io),
};
