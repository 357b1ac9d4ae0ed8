// `registry-lab [lab]` (or `registry-lab open [lab]`): the lab in the terminal. At a terminal it opens
// the full-screen TUI; anywhere else (a pipe, CI, an editor's task runner) it prints where the learner
// stands, like `check`, and never waits for keys.
import { parseArgs } from 'node:util';
import { resolveLabPath } from '../lab/find-labs.js';
import { environmentNamesFor } from '../lab/resolve-variables.js';
import { createProgressStore, stateDir, type LoadedProgress, type ProgressStore } from '../progress/progress-store.js';
import { formatCheckText } from '../report/check-report.js';
import { portNotes } from '../docker/choose-port.js';
import { labArgFor, prepareCommandLab, printNotes } from './command-support.js';
import { createLabRuntime, type LabRuntimeOptions } from '../runtime/lab-runtime.js';
import { PrepareLabError, type PreparedLab } from '../runtime/prepare-lab.js';
import { recordDone } from '../runtime/progress-records.js';
import { keepYoungGenerationSmall } from '../runtime/memory-tuning.js';
import type { Classroom, LabRuntime } from '../session/lab-port.js';
// Types only: the TUI (and Ink with it) is loaded when it opens, never by merely running the CLI.
import type { ColorChoice } from '../ui/color-choice.js';
import type { RunTuiOptions, TuiResult } from '../ui/run-tui.js';
import { exitCodes, parseArgsMessage, type Command, type CommandIo } from './command.js';

export const openUsage = `Usage: registry-lab [lab] [--set name=value]... [--plain]
       registry-lab open [lab] [--set name=value]... [--plain]

Opens the lab in your terminal. Work through it in another terminal window: the lab watches Docker
and ticks each step off as you do it. Your progress is saved; run it again to carry on. The lab is
the bundled registries lab unless you name another (an id, a folder or a lab.yaml).

When this is not an interactive terminal, it prints the status of every step instead.

Options:
  --set <name=value>   give a variable a value, e.g. --set dockerId=learner1 (repeatable);
                       REGISTRY_LAB_<NAME> environment variables work too
  --yes                trust a lab that is not bundled without asking (review its commands first:
                       they are listed when it asks)
  --plain              for screen readers: say each change once, as a line added to the terminal,
                       instead of drawing the full screen (also when INK_SCREEN_READER=true)
  --classroom <registry> --as <name>
                       publish your progress to your class's registry after each change, as
                       <name> (steps done, hints and answers counted, never what you typed), with
                       your docker login for it; saved, so the next run publishes too
  -h, --help           show this help

Colour follows NO_COLOR (any value turns it off) and FORCE_COLOR (which wins when both are set).

Keys in the lab: ↑↓ choose a step, c check, h hint, s solution, ? help, q quit.
`;

/** What the CLI tells `open` about where it runs; decided once, in the CLI. */
export interface TerminalIo extends CommandIo {
	/** Both stdin and stdout are terminals: the TUI can take keys and draw. */
	isTerminal?: boolean;
	/** Whether the TUI writes colour (NO_COLOR, FORCE_COLOR). Default: the terminal decides. */
	color?: ColorChoice;
}

/**
 * The linear mode for screen readers: asked for with --plain, or by a screen reader's setting
 * that Ink also knows (INK_SCREEN_READER=true). Pure.
 */
export function wantsLinearMode(plain: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
	return plain === true || env.INK_SCREEN_READER === 'true';
}

/** How `open` reaches the TUI and the runtime; tests pass fakes. */
export interface OpenDependencies {
	loadTui: () => Promise<{ runTui: (options: RunTuiOptions) => Promise<TuiResult> }>;
	createRuntime: (options: LabRuntimeOptions) => LabRuntime;
}

const defaultDependencies: OpenDependencies = {
	loadTui: () => import('../ui/run-tui.js'),
	createRuntime: createLabRuntime,
};

/**
 * Whether the arguments after `registry-lab` open a lab: none, `--set ...`, or a first word that
 * names a lab (an id, a folder, a lab.yaml). Asked after the command names, so a lab can never
 * shadow a command.
 */
export function opensLab(first: string | undefined, cwd: string): boolean {
	if (first === undefined) return true;
	if (first === '--set' || first.startsWith('--set=')) return true;
	if (first.startsWith('-')) return false;
	// Something that is clearly a path is the learner's lab: let prepareLab say what is wrong with it.
	if (/[\\/]/.test(first) || /\.ya?ml$/i.test(first)) return true;
	try {
		resolveLabPath(first, cwd);
		return true;
	} catch {
		return false;
	}
}

/** Loads progress once (a damaged file is moved aside on the first load, with a notice). */
async function loadProgressOnce(store: ProgressStore, labId: string): Promise<LoadedProgress> {
	try {
		return await store.load(labId);
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return { notice: `Your saved progress could not be read (${why}); the lab starts without it.` };
	}
}

function prepareErrorExit(io: CommandIo, error: unknown): number {
	if (!(error instanceof PrepareLabError)) throw error;
	io.stderr(`registry-lab: ${error.describe()}\n`);
	return error.kind === 'invalid-lab' ? exitCodes.problems : exitCodes.usage;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** What to say after the TUI closed, back on the normal screen. Pure. */
export function closingLines(result: TuiResult, title: string, labArg: string | undefined): string {
	const lines: string[] = [];
	if (result.saveError) lines.push(`registry-lab: your progress could not be saved: ${result.saveError}`);
	if (result.stopError) lines.push(`registry-lab: ${result.stopError}`);
	if (result.stoppedRegistry) lines.push('The registry container is stopped; docker start registry starts it again.');
	const again = `registry-lab ${labArgFor(labArg)}`.trimEnd();
	lines.push(
		result.outcome === 'finished'
			? `You finished ${title}: ${result.done} of ${result.total} steps done.`
			: `${result.done} of ${result.total} steps done. Run ${again} to carry on where you left off.`,
	);
	return `${lines.join('\n')}\n`;
}

/** `--classroom` and `--as` as given; either may come from the saved progress instead. */
export interface ClassroomFlags {
	registry?: string;
	name?: string;
}

/**
 * The classroom to publish to: the flags, else what was saved; undefined without one; a sentence
 * when only half of it is known.
 */
export function chooseClassroom(flags: ClassroomFlags, saved: Classroom | undefined): Classroom | string | undefined {
	const registry = flags.registry ?? saved?.registry;
	const name = flags.name ?? saved?.name;
	if (registry === undefined && name === undefined) return undefined;
	if (registry === undefined || registry === '') return '--as needs --classroom <registry>: the registry your class publishes to';
	if (name === undefined || name === '') return '--classroom needs --as <name>: the name your instructor sees you as';
	return { registry, name };
}

async function openInTerminal(
	labArg: string | undefined,
	setFlags: string[] | undefined,
	io: TerminalIo,
	deps: OpenDependencies,
	yes?: boolean,
	isLinear = false,
	classroomFlags: ClassroomFlags = {},
): Promise<number> {
	keepYoungGenerationSmall();
	// Start loading the TUI (React, Ink, marked: the biggest part of the start) now: its files are read
	// while the lab's port is probed. A failure is reported where it is awaited.
	const tui = deps.loadTui();
	tui.catch(() => undefined);
	const env = io.env;
	const signal = io.signal;
	const store = createProgressStore({ dir: stateDir(env as NodeJS.ProcessEnv) });
	// Progress is loaded once the lab is, by its id, with the saved values the lab starts from.
	let loaded: LoadedProgress = {};
	const savedVarsFor = async (labId: string): Promise<Record<string, string>> => {
		loaded = await loadProgressOnce(store, labId);
		return loaded.state?.vars ?? {};
	};

	let prepared: PreparedLab;
	try {
		// Variables nobody gave stay missing: the TUI asks for them on its first screen.
		prepared = await prepareCommandLab(
			io,
			{ labArg, setFlags, trust: { yes } },
			{ chooseFreePorts: true, savedVarsFor, allowMissing: true },
		);
	} catch (error) {
		return prepareErrorExit(io, error);
	}
	const classroom = chooseClassroom(classroomFlags, loaded.state?.classroom);
	if (typeof classroom === 'string') {
		io.stderr(`registry-lab: ${classroom}\n\n${openUsage}`);
		return exitCodes.usage;
	}
	if (classroom) {
		// Loaded only with a classroom: it brings zod, which a learner's plain start never needs.
		const { learnerNameProblem } = await import('../classroom/progress-document.js');
		const problem = learnerNameProblem(classroom.name);
		if (problem) {
			io.stderr(`registry-lab: ${problem}\n`);
			return exitCodes.usage;
		}
	}
	const runtime = deps.createRuntime({
		lab: prepared.lab,
		vars: prepared.vars,
		workspace: prepared.workspace.dir,
		env,
		labDir: prepared.dir,
		...(classroom ? { classroom } : {}),
	});
	// A port moved off a busy one is news the learner needs inside the lab, where the commands use it.
	const notice = [loaded.notice, ...portNotes(prepared.portChoices)].filter((line) => line !== undefined && line !== '').join(' ');
	const shown: LoadedProgress = notice === '' ? loaded : { ...loaded, notice };

	let result: TuiResult;
	try {
		const { runTui } = await tui;
		result = await runTui({ runtime, progressStore: store, loaded: shown, quitSignal: signal, color: io.color, isLinear });
	} catch (error) {
		// runTui has put the terminal back already.
		io.stderr(`registry-lab: the lab stopped because of an unexpected error (${errorText(error)}). Run registry-lab again to carry on.\n`);
		return exitCodes.problems;
	}
	io.stdout(closingLines(result, prepared.lab.title, labArg));
	return exitCodes.ok;
}

async function printStatus(labArg: string | undefined, setFlags: string[] | undefined, io: CommandIo, yes?: boolean): Promise<number> {
	const env = io.env;
	const signal = io.signal;
	let prepared: PreparedLab;
	try {
		prepared = await prepareCommandLab(
			io,
			{ labArg, setFlags, trust: { yes } },
			{ chooseFreePorts: true, useProgress: true, allowMissing: true },
		);
	} catch (error) {
		return prepareErrorExit(io, error);
	}
	const lab = prepared.lab;
	const again = labArgFor(labArg);
	printNotes(io, prepared.notes);
	printNotes(
		io,
		prepared.missing.map(
			(name) =>
				`${name} has no value yet: give it with --set ${name}=VALUE or ${environmentNamesFor(name)[0]}, or open the lab in a terminal and it asks.`,
		),
	);
	const records = prepared.progress;
	// Loaded here, not with the command: the TUI's start has no need for the check engine.
	const { checkLab } = await import('../runtime/check-lab.js');
	const result = await checkLab(prepared, {
		signal,
		answered: records?.answered,
		done: records?.done,
		answerHint: (id) => `registry-lab answer ${again}${id} <your answer>`,
	});
	const passed = result.steps.filter(
		(step) => step.status === 'passed' && lab.steps.find((candidate) => candidate.id === step.id)?.question === undefined,
	);
	if (passed.length > 0) {
		const note = await recordDone(
			lab.id,
			env,
			passed.map((step) => step.id),
		);
		if (note) printNotes(io, [note]);
	}
	io.stdout(formatCheckText(result, lab.title));
	io.stdout(`This is not an interactive terminal, so here is where you stand. Run registry-lab ${again}in a terminal to open the lab.\n`);
	return exitCodes.ok;
}

export async function runOpenCommand(args: string[], io: CommandIo, deps: OpenDependencies = defaultDependencies): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			allowPositionals: true,
			strict: true,
			options: {
				set: { type: 'string', multiple: true },
				yes: { type: 'boolean', short: 'y' },
				plain: { type: 'boolean' },
				classroom: { type: 'string' },
				as: { type: 'string' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		io.stderr(`registry-lab: ${parseArgsMessage(error)}\n\n${openUsage}`);
		return exitCodes.usage;
	}
	if (parsed.values.help) {
		io.stdout(openUsage);
		return exitCodes.ok;
	}
	if (parsed.positionals.length > 1) {
		io.stderr(`registry-lab: give at most one lab, not ${parsed.positionals.join(' ')}\n\n${openUsage}`);
		return exitCodes.usage;
	}
	const labArg = parsed.positionals[0];
	if ((io as TerminalIo).isTerminal === true) {
		const isLinear = wantsLinearMode(parsed.values.plain, io.env);
		return openInTerminal(labArg, parsed.values.set, io as TerminalIo, deps, parsed.values.yes, isLinear, {
			registry: parsed.values.classroom,
			name: parsed.values.as,
		});
	}
	// Only the lab's screen publishes in the background; say so rather than ignore the flags.
	if (parsed.values.classroom !== undefined || parsed.values.as !== undefined) {
		io.stderr(
			'registry-lab: --classroom publishes from the lab’s screen, which needs a terminal; here, publish once with registry-lab class publish --to <registry> --as <name>\n',
		);
	}
	return printStatus(labArg, parsed.values.set, io, parsed.values.yes);
}

export const openCommand: Command = {
	name: 'open',
	summary: 'open a lab in the terminal (the default: registry-lab [lab] [--set name=value])',
	usage: openUsage,
	run: (args, io) => runOpenCommand(args, io),
};
