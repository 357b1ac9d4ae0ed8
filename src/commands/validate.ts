// `registry-lab validate [paths...]`: checks lab files without running anything, for authors and CI.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultValidateTargets, labFileName, labFilesIn, LabNotFoundError, resolveLabPath } from '../lab/find-labs.js';
import { loadLab } from '../lab/load-lab.js';
import { formatValidateReport, validateFormats, type ValidatedLab, type ValidateFormat } from '../report/validate-report.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo } from './command.js';

export const validateUsage = `Usage: registry-lab validate [paths...] [--format text|json|junit|github]

Checks lab files (schema, variables, step ids, needs, files) without running anything.
Each path is a lab.yaml, a lab folder, a folder of lab folders, or the id of a lab.
With no paths: the bundled labs, and ./labs/*/lab.yaml when ./labs exists.

Options:
  --format <format>  text (default), json, junit or github (annotations for GitHub Actions)
  -h, --help         show this help

Exit codes: 0 all labs valid, 1 problems found, 2 wrong usage or a lab that cannot be found.
`;

function isDirectory(candidate: string): boolean {
	return existsSync(candidate) && statSync(candidate).isDirectory();
}

/** The lab files one argument stands for; a folder of lab folders stands for each of them. */
export function labFilesForArgument(argument: string, cwd: string): string[] {
	const asPath = path.resolve(cwd, argument);
	if (isDirectory(asPath) && !existsSync(path.join(asPath, labFileName))) {
		const inside = labFilesIn(asPath);
		if (inside.length > 0) return inside;
	}
	return [resolveLabPath(argument, cwd)];
}

/** Paths inside the folder validate runs in are shown relative to it, as editors and CI expect. */
function displayPath(file: string, cwd: string): string {
	const relative = path.relative(cwd, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

export async function runValidate(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'validate', usage: validateUsage, maxLabs: Infinity },
		args,
		{ format: { type: 'string', short: 'f' } },
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const format = (parsed.values.format ?? 'text') as ValidateFormat;
	if (!validateFormats.includes(format)) {
		io.stderr(`registry-lab validate: unknown format "${format}"; use ${validateFormats.join(', ')}\n\n${validateUsage}`);
		return exitCodes.usage;
	}

	let files: string[];
	try {
		files =
			parsed.positionals.length > 0
				? parsed.positionals.flatMap((argument) => labFilesForArgument(argument, io.cwd))
				: defaultValidateTargets(io.cwd);
	} catch (error) {
		if (!(error instanceof LabNotFoundError)) throw error;
		io.stderr(`registry-lab validate: ${error.message}\n`);
		return exitCodes.usage;
	}
	if (files.length === 0) {
		io.stderr('registry-lab validate: no labs found; give a lab.yaml, a lab folder or a folder of labs\n');
		return exitCodes.usage;
	}

	const results: ValidatedLab[] = [...new Set(files)].map((file) => {
		const loaded = loadLab(file);
		const shown = displayPath(file, io.cwd);
		return {
			file: shown,
			id: loaded.lab?.id,
			problems: loaded.problems.map((problem) => ({ ...problem, file: shown })),
		};
	});
	io.stdout(formatValidateReport(results, format));
	return results.some((result) => result.problems.length > 0) ? exitCodes.problems : exitCodes.ok;
}

export const validateCommand: Command = {
	name: 'validate',
	summary: 'check lab files for mistakes, with line and column (for authors and CI)',
	usage: validateUsage,
	run: runValidate,
};
