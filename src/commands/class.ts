// `registry-lab class <subcommand>`: the classroom, kept in a registry the class already has.
// `publish` pushes the learner's progress there (and prints exactly what it sends); `report` reads
// every learner's for the instructor. One repository per lab, one tag per learner.
import { readClassProgress, publishProgress } from '../classroom/class-registry.js';
import {
	classRepository,
	classRows,
	learnerNameProblem,
	progressDocument,
	PROGRESS_MEDIA_TYPE,
	serializeProgressDocument,
	sortRows,
	type RowOrder,
} from '../classroom/progress-document.js';
import { LabNotFoundError, resolveLabPath } from '../lab/find-labs.js';
import { loadLab } from '../lab/load-lab.js';
import type { Lab } from '../lab/schema.js';
import { loadProgress, stateDir } from '../progress/progress-store.js';
import { dockerConfigCredentials } from '../registry/docker-credentials.js';
import { isRegistryError } from '../registry/registry-errors.js';
import { classJson, formatClassCsv, formatClassTable } from '../report/class-report.js';
import { DEFAULT_LAB } from '../runtime/prepare-lab.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo } from './command.js';
import { labArgFor } from './command-support.js';
import type { TerminalIo } from './open.js';

export const classUsage = `Usage: registry-lab class <subcommand> [lab] [options]

The classroom, kept in a registry your class already has (any registry that stores OCI artifacts,
with its own logins): learners publish their progress there, the instructor reads it. Each lab has
one repository, registry-lab/<lab id>; each learner one tag, their name. The lab is the bundled
registries lab unless you name another.

Subcommands:
  publish [lab] --to <registry> --as <name>
      Publishes your progress in the lab: steps done and when, the step you are on and since
      when, how many hints and solutions you looked at, how many answers were right and wrong.
      Never your answers' text, your values or anything else from your machine: it prints
      exactly what it sends. Uses your Docker login for the registry (docker login <registry>).
  report [lab] --from <registry> [--json | --csv] [--sort stuck|name|progress]
      Lists every learner who published: steps done, the current step and how long they have
      been on it, hints, solutions, answers and when they last published. Stuck longest first
      unless --sort says otherwise. --json prints one object per learner (name, done, total,
      currentStep, onCurrentSeconds, hints, solutions, answersRight, answersWrong, lastSeen).
  watch [lab] --from <registry> [--every <seconds>]
      The report as a live full-screen table, read again every few seconds (5 unless --every
      says otherwise), stuck longest first. Keys: n by name, p by progress, s stuck first,
      tab the next order, q quit. A read that fails is said at the top; the last table stays.

Options:
  --insecure   talk plain HTTP to a registry that is not on this machine
  -h, --help   show this help

Examples:
  registry-lab class publish --to registry.school.example:5000 --as ana
  registry-lab class report --from registry.school.example:5000

Exit codes: 0 done, 1 the registry refused or could not be reached, 2 wrong usage.
`;

type Subcommand = (args: string[], io: CommandIo) => Promise<number>;

function usageProblem(io: CommandIo, subcommand: string, problem: string): number {
	io.stderr(`registry-lab class ${subcommand}: ${problem}\n\n${classUsage}`);
	return exitCodes.usage;
}

/** The lab, or the lab id alone when it is not here (an instructor may report on a lab they do not have). */
function findLab(labArg: string | undefined, cwd: string): { lab?: Lab; id?: string; problem?: string } {
	const name = labArg ?? DEFAULT_LAB;
	let file: string;
	try {
		file = resolveLabPath(name, cwd);
	} catch (error) {
		if (!(error instanceof LabNotFoundError)) throw error;
		return /^[a-z][a-z0-9-]*$/.test(name) ? { id: name } : { problem: error.message };
	}
	const loaded = loadLab(file);
	if (loaded.lab) return { lab: loaded.lab, id: loaded.lab.id };
	return { problem: `the lab ${file} does not load; run registry-lab validate ${name} to see why` };
}

function failed(io: CommandIo, subcommand: string, error: unknown, after: string): number {
	if (!isRegistryError(error)) throw error;
	io.stderr(`registry-lab class ${subcommand}: ${error.message}. ${after}\n`);
	return exitCodes.problems;
}

const publish: Subcommand = async (args, io) => {
	const parsed = parseCommandArgs(
		{ name: 'class publish', usage: classUsage },
		args,
		{ to: { type: 'string' }, as: { type: 'string' }, insecure: { type: 'boolean' } },
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const { to: registry, as: name } = parsed.values;
	if (!registry) return usageProblem(io, 'publish', 'say which registry to publish to: --to <registry>');
	if (!name) return usageProblem(io, 'publish', 'say the name to publish as: --as <name>');
	const nameProblem = learnerNameProblem(name);
	if (nameProblem) return usageProblem(io, 'publish', nameProblem);
	const found = findLab(parsed.positionals[0], io.cwd);
	if (!found.lab) return usageProblem(io, 'publish', found.problem ?? `there is no lab ${found.id} here to publish progress in`);
	const lab = found.lab;
	const loaded = await loadProgress(lab.id, { dir: stateDir(io.env) });
	if (loaded.notice) io.stderr(`note: ${loaded.notice}\n`);
	if (!loaded.state) io.stderr(`note: you have no saved progress in ${lab.id} yet, so this says you are at its start\n`);
	const document = progressDocument(lab, loaded.state, name, new Date());
	const repository = classRepository(lab.id);
	io.stdout(
		`Publishing your progress in "${lab.title}" to ${registry}, repository ${repository}, tag ${name}.\n` +
			`This is everything that is sent (${PROGRESS_MEDIA_TYPE}):\n\n${serializeProgressDocument(document)}\n`,
	);
	try {
		const published = await publishProgress({
			registry,
			repository,
			tag: name,
			document,
			credentials: dockerConfigCredentials({ env: io.env }),
			...(parsed.values.insecure ? { insecure: true } : {}),
			...(io.signal ? { signal: io.signal } : {}),
		});
		io.stdout(`Published ${registry}/${repository}:${name} (${published.digest}).\n`);
		return exitCodes.ok;
	} catch (error) {
		return failed(io, 'publish', error, 'Nothing was published: the class sees what you published before, if anything.');
	}
};

const orders: readonly RowOrder[] = ['stuck', 'name', 'progress'];

const report: Subcommand = async (args, io) => {
	const parsed = parseCommandArgs(
		{ name: 'class report', usage: classUsage },
		args,
		{
			from: { type: 'string' },
			json: { type: 'boolean' },
			csv: { type: 'boolean' },
			sort: { type: 'string' },
			insecure: { type: 'boolean' },
		},
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const { from: registry, json, csv, sort = 'stuck' } = parsed.values;
	if (!registry) return usageProblem(io, 'report', 'say which registry the class publishes to: --from <registry>');
	if (json && csv) return usageProblem(io, 'report', 'choose one of --json and --csv');
	if (!orders.includes(sort as RowOrder)) return usageProblem(io, 'report', `--sort is one of ${orders.join(', ')}, not ${sort}`);
	const found = findLab(parsed.positionals[0], io.cwd);
	if (!found.id) return usageProblem(io, 'report', found.problem ?? 'name the lab');
	const repository = classRepository(found.id);
	let read;
	try {
		read = await readClassProgress({
			registry,
			repository,
			credentials: dockerConfigCredentials({ env: io.env }),
			...(parsed.values.insecure ? { insecure: true } : {}),
			...(io.signal ? { signal: io.signal } : {}),
		});
	} catch (error) {
		return failed(io, 'report', error, 'No report.');
	}
	for (const problem of read.problems) io.stderr(`note: the tag ${problem.tag} in ${repository} was left out: ${problem.message}\n`);
	const now = new Date();
	const rows = sortRows(classRows(read.documents, now), sort as RowOrder);
	if (json) io.stdout(`${JSON.stringify(classJson(rows), null, 2)}\n`);
	else if (csv) io.stdout(formatClassCsv(rows));
	else if (rows.length === 0)
		io.stdout(
			`Nobody has published progress in ${found.id} to ${registry} yet. Learners publish with:\n  registry-lab class publish ${labArgFor(parsed.positionals[0])}--to ${registry} --as <their name>\n`,
		);
	else {
		const title = found.lab?.title ?? found.id;
		const order = sort === 'stuck' ? 'stuck longest first' : sort === 'name' ? 'by name' : 'most done first';
		io.stdout(
			`${title}: ${rows.length} learner${rows.length === 1 ? '' : 's'} in ${registry}/${repository} (${order})\n\n${formatClassTable(rows, now)}`,
		);
	}
	return exitCodes.ok;
};

const watch: Subcommand = async (args, io) => {
	const parsed = parseCommandArgs(
		{ name: 'class watch', usage: classUsage },
		args,
		{ from: { type: 'string' }, every: { type: 'string' }, insecure: { type: 'boolean' } },
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const { from: registry, every = '5' } = parsed.values;
	if (!registry) return usageProblem(io, 'watch', 'say which registry the class publishes to: --from <registry>');
	const seconds = Number(every);
	if (!Number.isFinite(seconds) || seconds < 1) return usageProblem(io, 'watch', `--every is a number of seconds, 1 or more, not ${every}`);
	const terminal = io as TerminalIo;
	if (terminal.isTerminal !== true) {
		io.stderr(
			`registry-lab class watch: this needs an interactive terminal. Outside one, registry-lab class report ${labArgFor(parsed.positionals[0])}--from ${registry} prints the same once.\n`,
		);
		return exitCodes.usage;
	}
	const found = findLab(parsed.positionals[0], io.cwd);
	if (!found.id) return usageProblem(io, 'watch', found.problem ?? 'name the lab');
	const repository = classRepository(found.id);
	const credentials = dockerConfigCredentials({ env: io.env });
	const insecure = parsed.values.insecure === true;
	// Ink and React load here, when the watch opens: publish and report never load them.
	const { runClassWatch } = await import('../ui/run-class-watch.js');
	await runClassWatch({
		title: `${found.lab?.title ?? found.id} · ${registry}/${repository}`,
		read: async (signal) => {
			const read = await readClassProgress({ registry, repository, credentials, signal, ...(insecure ? { insecure } : {}) });
			return classRows(read.documents, new Date());
		},
		refreshMs: seconds * 1000,
		...(io.signal ? { quitSignal: io.signal } : {}),
		...(terminal.color ? { color: terminal.color } : {}),
	});
	return exitCodes.ok;
};

// Subcommands by name: a plain table on purpose, so a new one (watch) is one more entry here and
// its own function, with no framework between the name and the code.
const subcommands: Record<string, Subcommand> = { publish, report, watch };

export async function runClassCommand(args: string[], io: CommandIo): Promise<number> {
	const [name, ...rest] = args;
	if (name === undefined || name === '-h' || name === '--help') {
		if (name === undefined) {
			io.stderr(`registry-lab class: name a subcommand (${Object.keys(subcommands).join(', ')})\n\n${classUsage}`);
			return exitCodes.usage;
		}
		io.stdout(classUsage);
		return exitCodes.ok;
	}
	const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
	if (!subcommand) {
		io.stderr(
			`registry-lab class: there is no subcommand ${name}; the subcommands are ${Object.keys(subcommands).join(', ')}\n\n${classUsage}`,
		);
		return exitCodes.usage;
	}
	return subcommand(rest, io);
}

export const classCommand: Command = {
	name: 'class',
	summary: 'the classroom: publish your progress to the class registry, or report on every learner who did',
	usage: classUsage,
	run: runClassCommand,
};
