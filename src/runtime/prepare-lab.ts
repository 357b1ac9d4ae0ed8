// Everything a command (and the TUI) does before it runs anything of a lab: find and load the lab,
// resolve its variables (`--set`, REGISTRY_LAB_<NAME>, saved progress, defaults) and refuse invalid
// ones before anything runs, choose the ports, and prepare the workspace the lab's commands run in.
import path from 'node:path';
import type { CheckContext } from '../checks/types.js';
import { choosePortsForLab, portNotes, type LabPortChoice, type PingPort, type PortPolicy } from '../docker/choose-port.js';
import { LabNotFoundError, resolveLabPath } from '../lab/find-labs.js';
import { buildCodeId, bundledCompiledLabsDir, loadLabForRun } from '../lab/compiled-lab.js';
import { formatProblem } from '../lab/problem.js';
import { environmentNamesFor, parseSetFlags, resolveVariables, variableValueProblem, variablesFromEnv } from '../lab/resolve-variables.js';
import type { Lab } from '../lab/schema.js';
import { stateDir } from '../progress/progress-store.js';
import { ensureLabTrusted, type TrustPrompt } from '../trust/ensure-trusted.js';
import { prepareWorkspace, workspaceDir, type PreparedWorkspace } from '../workspace/prepare-workspace.js';
import { readProgressRecords, type ProgressRecords } from './progress-records.js';

/** The lab a command opens when none is named. */
export const DEFAULT_LAB = 'registries';

export type PrepareLabErrorKind = 'lab-not-found' | 'invalid-lab' | 'invalid-variables' | 'missing-variables' | 'untrusted';

/** Why a lab cannot run yet, in lines a learner or an author can act on. */
export class PrepareLabError extends Error {
	override name = 'PrepareLabError';
	constructor(
		readonly kind: PrepareLabErrorKind,
		message: string,
		/** One line per problem (file:line:col for a broken lab file). */
		readonly details: readonly string[] = [],
	) {
		super(message);
	}

	/** The whole explanation: the message, then each detail indented. */
	describe(): string {
		return [this.message, ...this.details.map((detail) => `  ${detail}`)].join('\n');
	}
}

export interface PrepareLabOptions {
	/** A lab id or a path to a lab folder or lab.yaml; default the bundled `registries`. */
	labArg?: string;
	/** `--set name=value` flags as given. */
	setFlags?: readonly string[];
	/** For REGISTRY_LAB_<NAME>, the workspace and state folders, and the commands: decided once at the top. */
	env: Record<string, string | undefined>;
	/** Where relative lab paths are read from. */
	cwd: string;
	signal?: AbortSignal;
	/** Move `freePort` variables off ports something else holds. */
	chooseFreePorts: boolean;
	/** `reuse-registry` (default) keeps a registry found on the port; `free-only` (test) wants a free port. */
	portPolicy?: PortPolicy;
	/**
	 * Reads the values saved with the learner's progress once the lab's id is known (the TUI loads its
	 * progress this way, so the lab file is read once); `--set` and the environment win over them.
	 */
	savedVarsFor?: (labId: string) => Promise<Readonly<Record<string, string>>>;
	/** Read the learner's saved progress (variables, answers, steps done); its variables are used unless `savedVarsFor` is given. */
	useProgress?: boolean;
	/** Leave `ask` variables without a value instead of refusing (the TUI asks; answer and doctor do not need them). */
	allowMissing?: boolean;
	/** Copy the lab's files into the workspace. Default true; answer, cleanup and doctor need no files. */
	prepareWorkspace?: boolean;
	/** How ports are probed (tests). */
	ping?: PingPort;
	/**
	 * For commands that run the lab's commands: a lab that is not bundled must be trusted first (its
	 * commands listed, then a yes at the terminal or --yes). Absent: no gate (validate, answer, tests).
	 */
	trust?: TrustPrompt;
	/** The package's labs/ folder, for the trust gate (tests). */
	bundledDir?: string;
	/** The validating code's identity for compiled labs (tests); default the build's, none from source. */
	codeId?: string;
}

export interface PreparedLab {
	lab: Lab;
	/** The lab.yaml. */
	file: string;
	/** The lab's folder. */
	dir: string;
	/** Every variable's value, ports chosen and image names computed; `workspace` too. */
	vars: Record<string, string>;
	/** The values before any port moved: what the learner asked for. */
	requestedVars: Record<string, string>;
	/** `ask` variables still without a value (only with `allowMissing`). */
	missing: string[];
	workspace: { dir: string; prepared?: PreparedWorkspace };
	portChoices: LabPortChoice[];
	/** The learner's saved progress, with `useProgress`. */
	progress?: ProgressRecords;
	/** Things the learner should know before the run: a port moved and why, a workspace created. */
	notes: string[];
	env: Record<string, string | undefined>;
	/** What checks run with: the variables, the workspace as the working folder, the environment. */
	checkContext(signal?: AbortSignal): CheckContext;
}

export function displayPath(file: string, cwd: string): string {
	const relative = path.relative(cwd, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/** "--set dockerId=VALUE (Your Docker Hub ID ...), or REGISTRY_LAB_DOCKERID". */
function howToGive(name: string, lab: Lab): string {
	const ask = lab.variables?.[name]?.ask;
	const envName = environmentNamesFor(name)[0];
	return `${name}: pass --set ${name}=VALUE${ask ? ` (${ask})` : ''}, or set ${envName}`;
}

/** Saved values that are still valid for the lab; a stale or edited one is dropped with a note. */
function usableSavedVars(lab: Lab, saved: Readonly<Record<string, string>>, notes: string[]): Record<string, string> {
	const usable: Record<string, string> = {};
	for (const [name, value] of Object.entries(saved)) {
		const definition = lab.variables?.[name];
		if (!definition || definition.image !== undefined || value === '') continue;
		const problem = variableValueProblem(name, definition, value);
		if (problem) notes.push(`Ignoring the saved value: ${problem}`);
		else usable[name] = value;
	}
	return usable;
}

export async function prepareLab(options: PrepareLabOptions): Promise<PreparedLab> {
	const { env } = options;
	const labArg = options.labArg ?? DEFAULT_LAB;
	let file: string;
	try {
		file = resolveLabPath(labArg, options.cwd);
	} catch (error) {
		if (error instanceof LabNotFoundError) throw new PrepareLabError('lab-not-found', error.message);
		throw error;
	}
	// A lab validated before (the bundled one by the build) loads from its compiled form.
	const compiledDir = path.join(stateDir(env as NodeJS.ProcessEnv), 'compiled-labs');
	const loaded = await loadLabForRun(file, {
		codeId: options.codeId ?? buildCodeId,
		readDirs: [bundledCompiledLabsDir(), compiledDir],
		writeDir: compiledDir,
	});
	const shown = displayPath(loaded.file, options.cwd);
	if (!loaded.lab || loaded.problems.length > 0) {
		const problems = loaded.problems.map((problem) => formatProblem({ ...problem, file: shown }));
		throw new PrepareLabError(
			'invalid-lab',
			`The lab ${shown} has problems; fix them first (registry-lab validate ${shown} lists them too):`,
			problems,
		);
	}
	const lab = loaded.lab;
	const notes: string[] = [];

	const set = parseSetFlags(options.setFlags ?? [], lab);
	if (set.problems.length > 0) throw new PrepareLabError('invalid-variables', 'Some --set values cannot be used:', set.problems);
	const progress = options.useProgress ? await readProgressRecords(lab.id, env) : undefined;
	if (progress?.notice) notes.push(progress.notice);
	const saved = (options.savedVarsFor ? await options.savedVarsFor(lab.id) : progress?.vars) ?? {};
	const given = { ...usableSavedVars(lab, saved, notes), ...variablesFromEnv(lab, env), ...set.values };

	const location = { labId: lab.id, env };
	const workspace = workspaceDir(location);
	const first = resolveVariables(lab, given, { workspace });
	if (first.problems.length > 0)
		throw new PrepareLabError('invalid-variables', 'Some variables have values that cannot be used:', first.problems);
	if (first.missing.length > 0 && !options.allowMissing) {
		throw new PrepareLabError(
			'missing-variables',
			`The lab needs ${first.missing.length === 1 ? 'a value' : 'values'} for ${first.missing.join(', ')} before it can run:`,
			first.missing.map((name) => howToGive(name, lab)),
		);
	}

	// After the values are known to be usable (a typo is said first) and before anything runs.
	if (options.trust) {
		const outcome = await ensureLabTrusted({
			...options.trust,
			lab,
			file: loaded.file,
			dir: loaded.dir,
			shownFile: shown,
			stateDir: stateDir(env as NodeJS.ProcessEnv),
			bundledDir: options.bundledDir,
		});
		if (!outcome.trusted) throw new PrepareLabError('untrusted', outcome.message);
	}

	let vars = first.values;
	let portChoices: LabPortChoice[] = [];
	if (options.chooseFreePorts) {
		const chosen = await choosePortsForLab(lab, first.values, {
			policy: options.portPolicy ?? 'reuse-registry',
			ping: options.ping,
			signal: options.signal,
		});
		portChoices = chosen.choices;
		notes.push(...portNotes(portChoices));
		const moved = Object.fromEntries(
			portChoices.filter((choice) => choice.changed).map((choice) => [choice.variable, String(choice.port)]),
		);
		// Computed variables (image names) may use a port: resolve again with the chosen ones.
		if (Object.keys(moved).length > 0) vars = resolveVariables(lab, { ...given, ...moved }, { workspace }).values;
	}

	let prepared: PreparedWorkspace | undefined;
	if (options.prepareWorkspace !== false) {
		prepared = await prepareWorkspace({ ...location, labDir: loaded.dir, files: lab.files ?? [] });
		if (prepared.created) notes.push(`Created your workspace for this lab at ${prepared.dir}; the lab's commands run there.`);
		for (const kept of prepared.kept) notes.push(`Kept your own version of ${kept} in the workspace.`);
		for (const problem of prepared.problems) notes.push(`The workspace is missing ${problem.path}: it ${problem.message}.`);
	}

	return {
		lab,
		file: loaded.file,
		dir: loaded.dir,
		vars,
		requestedVars: first.values,
		missing: first.missing,
		workspace: { dir: workspace, prepared },
		portChoices,
		progress,
		notes,
		env,
		checkContext: (signal) => ({ vars, variableDefs: lab.variables, cwd: workspace, signal, env }),
	};
}
