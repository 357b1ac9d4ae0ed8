// A lab that passed validation, kept as JSON, so starting a lab does not parse 600 lines of YAML with
// positions and build the zod schemas each time (together about a third of the TUI's cold start).
// Like a compiled Python file: the key is a hash of the lab's text, its folder's name (lint checks
// it) and the code that validates it, so any change to either means a full load. The build writes
// one for each bundled lab (dist/compiled-labs/); a lab of the learner's own is kept in the state
// folder after its first valid load. Only labs without problems are kept, and the files a lab
// names are looked for again on each use. `validate` never uses this: it always checks everything.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { labFileName } from './find-labs.js';
import type { LoadedLab } from './load-lab.js';
import type { Lab } from './schema.js';

/** The bundle sets this to a hash of the sources and the lock file; unbundled code (tests) has none. */
declare const __REGISTRY_LAB_CODE_ID__: string | undefined;

/** The validating code's identity in this build, or undefined when running from source. */
export const buildCodeId: string | undefined = typeof __REGISTRY_LAB_CODE_ID__ === 'string' ? __REGISTRY_LAB_CODE_ID__ : undefined;

// 2: step positions are no longer kept (nothing read them).
const FORMAT = 2;

interface CompiledLab {
	format: number;
	key: string;
	lab: Lab;
}

export interface CompiledLabOptions {
	/** The validating code's identity; without one nothing is cached (see `buildCodeId`). */
	codeId: string | undefined;
	/** Folders to look in, in order (the bundle's, then the learner's). */
	readDirs: readonly string[];
	/** Where a newly validated lab is kept; none: not kept. */
	writeDir?: string;
}

/** The key for a lab's text in a folder of this name, validated by this code. Pure. */
export function compiledLabKey(text: string, dirName: string, codeId: string): string {
	return createHash('sha256').update(`${FORMAT}\0${codeId}\0${dirName}\0`).update(text).digest('hex');
}

/** The bundle's compiled labs: dist/compiled-labs in the package. */
export function bundledCompiledLabsDir(): string {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
	return path.join(folder, 'dist', 'compiled-labs');
}

function labFileOf(labPath: string): string {
	try {
		return statSync(labPath).isDirectory() ? path.join(labPath, labFileName) : labPath;
	} catch {
		return labPath;
	}
}

function readCompiled(file: string, key: string): CompiledLab | undefined {
	try {
		const compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledLab;
		return compiled.format === FORMAT && compiled.key === key && typeof compiled.lab === 'object' ? compiled : undefined;
	} catch {
		return undefined;
	}
}

/** Writes the whole file or nothing; a cache that cannot be written only costs the next start time. */
export function writeCompiledLab(dir: string, key: string, loaded: Pick<LoadedLab, 'lab'>): void {
	if (!loaded.lab) return;
	const compiled: CompiledLab = { format: FORMAT, key, lab: loaded.lab };
	try {
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		const target = path.join(dir, `${key}.json`);
		const partial = `${target}.${process.pid}.tmp`;
		writeFileSync(partial, JSON.stringify(compiled));
		renameSync(partial, target);
	} catch {
		// Read-only or full: the next start validates again.
	}
}

/**
 * Loads a lab for running it: from its compiled form when one matches, else fully (YAML with
 * positions, schema, lint), keeping the result when it has no problems. Gives what `loadLab` gives.
 */
export async function loadLabForRun(labPath: string, options: CompiledLabOptions): Promise<LoadedLab> {
	const file = labFileOf(labPath);
	const dir = path.dirname(file);
	let text: string | undefined;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		// loadLab says what is wrong with the file.
	}
	const key =
		text !== undefined && options.codeId !== undefined ? compiledLabKey(text, path.basename(path.resolve(dir)), options.codeId) : undefined;
	if (key !== undefined) {
		for (const readDir of options.readDirs) {
			const compiled = readCompiled(path.join(readDir, `${key}.json`), key);
			// The lab's files are part of what lint checks, and they can go away without the text changing.
			if (compiled && (compiled.lab.files ?? []).every((name) => existsSync(path.join(dir, name)))) {
				return { lab: compiled.lab, file, dir, problems: [] };
			}
		}
	}
	const { loadLab, loadLabFromText } = await import('./load-lab.js');
	const loaded = text === undefined ? loadLab(file) : loadLabFromText(text, file, dir);
	if (key !== undefined && options.writeDir !== undefined && loaded.lab && loaded.problems.length === 0)
		writeCompiledLab(options.writeDir, key, loaded);
	return loaded;
}
