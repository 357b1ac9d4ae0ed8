// `registry-lab import <markdown>`: a course page becomes a draft lab folder (lab.yaml and the files its
// commands build from). The conversion is pure (authoring/); this reads the page, finds the files, and
// writes without ever replacing what is there.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { draftLabYaml, type DraftFile } from '../authoring/draft-lab-yaml.js';
import { importCoursePage } from '../authoring/import-course-page.js';
import { labFileName } from '../lab/find-labs.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo } from './command.js';

export const importUsage = `Usage: registry-lab import <markdown> [--out DIR] [--id ID]

Turns a lab written as a course page (## sections, prose, fenced command blocks, 📋 exercise
lines with <details> solutions, shell variables such as \${dockerId}; hints.md and solution.md
beside it when present) into a draft lab: one step per exercise or command block, the prose as
its prompt, the commands as its solution, each \${name} a declared {{name}} variable, and TODO
where a check or an answer must be written. Files the page's docker build commands use are copied
when they are found beside the page (or in a folder above it). It never overwrites anything.

Then run registry-lab validate DIR: it lists every TODO and problem at its line.

Options:
  --out <dir>  the lab's folder (default: labs/<id> in the current folder); its name is the lab's id
  --id <id>    the lab's id (default: the folder name of --out, else the page's file name)
  -h, --help   show this help

Exit codes: 0 draft written; 2 wrong usage, a page that cannot be read, or a file it would write that already exists.
`;

const idPattern = /^[a-z][a-z0-9-]*$/;

/** registries-lab.md -> registries-lab; labs/registries/README.md -> registries. */
function idFromPage(file: string): string {
	const base = path.basename(file).replace(/\.(md|markdown)$/i, '');
	const name = /^(readme|index)$/i.test(base) ? path.basename(path.dirname(path.resolve(file))) : base;
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^[^a-z]+|-+$/g, '');
}

function readText(file: string): string | undefined {
	return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
}

function readPage(file: string): { text?: string; problem?: string } {
	try {
		return { text: readFileSync(file, 'utf8') };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return { problem: `cannot read the course page ${file}: file not found` };
		if (code === 'EISDIR') return { problem: `${file} is a folder; give the course page inside it, e.g. ${path.join(file, 'README.md')}` };
		if (code === 'EACCES' || code === 'EPERM') return { problem: `cannot read the course page ${file}: permission denied` };
		return { problem: `cannot read the course page ${file} (${code ?? String(error)})` };
	}
}

/** Where a path the page's commands use is: beside the page, or in a folder above it (commands run from a repository's root). */
function findSource(pageDir: string, relative: string): string | undefined {
	for (let dir = pageDir; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, relative);
		if (existsSync(candidate)) return candidate;
		if (path.dirname(dir) === dir) return undefined;
	}
}

interface PlannedFile extends DraftFile {
	source?: string;
}

/** The files to list, and where each comes from; `.` (build from the page's folder) is what sits beside the page. */
function planFiles(pageDir: string, buildPaths: readonly string[]): PlannedFile[] {
	const planned: PlannedFile[] = [];
	for (const entry of buildPaths) {
		const normalized = path.posix.normalize(entry.replaceAll('\\', '/'));
		if (path.posix.isAbsolute(normalized) || normalized.startsWith('../')) continue;
		if (normalized === '.') {
			for (const name of readdirSync(pageDir).sort())
				if (!name.startsWith('.') && !/\.(md|markdown)$/i.test(name))
					planned.push({ path: name, isCopied: true, source: path.join(pageDir, name) });
			continue;
		}
		const source = findSource(pageDir, normalized);
		planned.push({ path: normalized, isCopied: source !== undefined, ...(source ? { source } : {}) });
	}
	return planned;
}

export async function runImport(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'import', usage: importUsage },
		args,
		{ out: { type: 'string', short: 'o' }, id: { type: 'string' } },
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const fail = (code: number, message: string): number => {
		io.stderr(`registry-lab import: ${message}\n`);
		return code;
	};
	const pageArg = parsed.positionals[0];
	if (pageArg === undefined) return fail(exitCodes.usage, `give the course page to import\n\n${importUsage}`);
	const pageFile = path.resolve(io.cwd, pageArg);
	const page = readPage(pageFile);
	if (page.text === undefined) return fail(exitCodes.usage, page.problem ?? `cannot read ${pageArg}`);

	const outArg = parsed.values.out;
	const id = parsed.values.id ?? (outArg !== undefined ? path.basename(path.resolve(io.cwd, outArg)) : idFromPage(pageFile));
	if (!idPattern.test(id))
		return fail(
			exitCodes.usage,
			`"${id}" cannot be a lab id (lowercase letters, digits and dashes, starting with a letter); give one with --id`,
		);
	const labDir = path.resolve(io.cwd, outArg ?? path.join('labs', id));
	if (path.basename(labDir) !== id)
		return fail(
			exitCodes.usage,
			`--id ${id} and the folder ${outArg} differ: a lab's id is its folder's name, so give the same name to both`,
		);

	const pageDir = path.dirname(pageFile);
	const draft = importCoursePage(
		{ markdown: page.text, hints: readText(path.join(pageDir, 'hints.md')), solution: readText(path.join(pageDir, 'solution.md')) },
		id,
	);
	const files = planFiles(pageDir, draft.buildPaths);
	const labFile = path.join(labDir, labFileName);
	for (const target of [labFile, ...files.filter((file) => file.source).map((file) => path.join(labDir, file.path))])
		if (existsSync(target))
			return fail(
				exitCodes.usage,
				`${path.relative(io.cwd, target) || target} already exists; nothing was written (import never overwrites): choose another --out or --id, or move it away`,
			);

	const yamlText = draftLabYaml(draft, path.basename(pageFile), files);
	mkdirSync(labDir, { recursive: true });
	for (const file of files)
		if (file.source) cpSync(file.source, path.join(labDir, file.path), { recursive: true, errorOnExist: true, force: false });
	writeFileSync(labFile, yamlText, { flag: 'wx' });

	const shown = path.relative(io.cwd, labDir) || '.';
	const todos = draft.steps.filter((step) => !step.asks).length;
	const lines = [
		`Wrote ${path.join(shown, labFileName)}: ${draft.steps.length} steps from ${pageArg}, ${todos} with a TODO to write (checks, or a question's answers).`,
		...files.filter((file) => file.isCopied).map((file) => `Copied ${file.path}`),
		...files.filter((file) => !file.isCopied).map((file) => `Not found beside the page: ${file.path} (copy it into ${shown})`),
		`Next: registry-lab validate ${shown}   (every TODO and problem, at its line)`,
	];
	io.stdout(`${lines.join('\n')}\n`);
	return exitCodes.ok;
}

export const importCommand: Command = {
	name: 'import',
	summary: 'turn a course page in markdown into a draft lab, with a TODO at each check to write (for authors)',
	usage: importUsage,
	run: runImport,
};
