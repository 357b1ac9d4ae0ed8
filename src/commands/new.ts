// `registry-lab new <id> [--dir DIR]`: start a lab from one that works. Writes labs/<id>/ under the
// current folder (or DIR) and never overwrites: a lab that is there stays as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { labIdPattern, scaffoldLab } from '../authoring/scaffold.js';
import { bundledLabsDir, labFileName } from '../lab/find-labs.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo } from './command.js';

export const newUsage = `Usage: registry-lab new <id> [--dir DIR]

Writes labs/<id>/lab.yaml (one task step and one question, commented) and the files it uses, under
the current folder or DIR. It validates and holds under registry-lab test as written; change it from
there. An existing lab is never overwritten.

Options:
  --dir DIR    the folder to write labs/<id>/ in (default: the current folder)
  -h, --help   show this help
`;

/** Where the yaml-language-server line points: the installed package's schema, else the published one. */
function schemaReference(labDir: string, base: string): string {
	const installed = path.join(base, 'node_modules', 'registry-lab', 'schema', 'lab.schema.json');
	if (existsSync(installed)) return path.relative(labDir, installed).split(path.sep).join('/');
	const root = path.dirname(bundledLabsDir());
	let version = 'latest';
	try {
		version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
	} catch {
		// The published schema of the latest version is the next best thing.
	}
	return `https://unpkg.com/registry-lab@${version}/schema/lab.schema.json`;
}

export async function runNewCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs({ name: 'new', usage: newUsage }, args, { dir: { type: 'string' } }, io);
	if (typeof parsed === 'number') return parsed;
	const [id, ...extra] = parsed.positionals;
	if (id === undefined || extra.length > 0) {
		io.stderr(`registry-lab new: give one lab id, e.g. registry-lab new tag-basics\n\n${newUsage}`);
		return exitCodes.usage;
	}
	if (!labIdPattern.test(id)) {
		io.stderr(
			`registry-lab new: "${id}" is not a lab id: use lowercase letters, digits and dashes, starting with a letter (e.g. tag-basics)\n`,
		);
		return exitCodes.usage;
	}
	const base = path.resolve(io.cwd, parsed.values.dir ?? '.');
	const labDir = path.join(base, 'labs', id);
	const labFile = path.join(labDir, labFileName);
	const files = scaffoldLab(id, schemaReference(labDir, base));
	const taken = files.map((file) => path.join(labDir, file.path)).filter((file) => existsSync(file));
	if (taken.length > 0) {
		io.stderr(`registry-lab new: ${taken[0]} already exists; nothing was written (choose another id, or --dir)\n`);
		return exitCodes.usage;
	}
	try {
		for (const file of files) {
			const target = path.join(labDir, file.path);
			mkdirSync(path.dirname(target), { recursive: true });
			// `wx`: fails rather than overwrite a file that appeared since the look above.
			writeFileSync(target, file.content, { flag: 'wx' });
		}
	} catch (error) {
		io.stderr(`registry-lab new: could not write the lab in ${labDir}: ${error instanceof Error ? error.message : String(error)}\n`);
		return exitCodes.problems;
	}
	const shown = path.relative(io.cwd, labDir) || '.';
	io.stdout(
		`Wrote ${path.relative(io.cwd, labFile)} and the files it uses (${files
			.slice(1)
			.map((file) => file.path)
			.join(
				', ',
			)}).\n\nNext:\n  registry-lab validate ${shown}   problems, at their line\n  registry-lab test ${shown}       proves every step fails before its solution and passes after\n  registry-lab ${shown}            the lab as a learner sees it\n`,
	);
	return exitCodes.ok;
}

export const newCommand: Command = {
	name: 'new',
	summary: 'start a lab: write labs/<id>/lab.yaml with a step and a question that work (for authors)',
	usage: newUsage,
	run: runNewCommand,
};
