// Where labs are: the ones bundled with the package, and an instructor's own under ./labs.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const labFileName = 'lab.yaml';

/**
 * The `labs/` folder at the package root: the nearest folder above this module that holds a
 * package.json. Found by walking up rather than by a fixed `../..`, because this module runs from
 * src/lab/ (tests), bundled into dist/cli.js or a chunk under dist/ (a clone), and from the npm cache
 * (`npx registry-lab`).
 */
export function bundledLabsDir(): string {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
	return path.join(folder, 'labs') + path.sep;
}

/** A lab name or path that does not lead to a lab.yaml; the message lists every place tried. */
export class LabNotFoundError extends Error {
	override name = 'LabNotFoundError';
}

const labIdPattern = /^[a-z][a-z0-9-]*$/;

function isFile(candidate: string): boolean {
	return existsSync(candidate) && statSync(candidate).isFile();
}

function isDirectory(candidate: string): boolean {
	return existsSync(candidate) && statSync(candidate).isDirectory();
}

/** The ids of the bundled labs, for error messages and listings. */
export function bundledLabIds(): string[] {
	return labFilesIn(bundledLabsDir()).map((file) => path.basename(path.dirname(file)));
}

/** Every `<folder>/*\/lab.yaml`, sorted. */
export function labFilesIn(folder: string): string[] {
	if (!isDirectory(folder)) return [];
	return readdirSync(folder, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => path.join(folder, entry.name, labFileName))
		.filter(isFile)
		.sort();
}

/**
 * The lab.yaml for a name or a path: an existing lab.yaml, a lab folder, `./labs/<id>`, then the
 * bundled lab of that id. A local ./labs/<id> comes before the bundled one so an instructor editing
 * their copy of a bundled lab gets their copy.
 */
export function resolveLabPath(nameOrPath: string, cwd: string = process.cwd()): string {
	const tried: string[] = [];
	const asPath = path.resolve(cwd, nameOrPath);
	if (isFile(asPath)) return asPath;
	if (isDirectory(asPath)) {
		const inFolder = path.join(asPath, labFileName);
		if (isFile(inFolder)) return inFolder;
		throw new LabNotFoundError(`${nameOrPath} is a folder without a ${labFileName}`);
	}
	tried.push(asPath);
	if (labIdPattern.test(nameOrPath)) {
		for (const candidate of [path.join(cwd, 'labs', nameOrPath, labFileName), path.join(bundledLabsDir(), nameOrPath, labFileName)]) {
			if (isFile(candidate)) return candidate;
			tried.push(candidate);
		}
	}
	const known = bundledLabIds();
	const bundled = known.length > 0 ? `; bundled labs: ${known.join(', ')}` : '';
	throw new LabNotFoundError(`no lab "${nameOrPath}" (tried ${tried.join(', ')})${bundled}`);
}

function sameFolder(a: string, b: string): boolean {
	try {
		return realpathSync(a) === realpathSync(b);
	} catch {
		return path.resolve(a) === path.resolve(b);
	}
}

/** What `registry-lab validate` checks with no paths: the bundled labs, plus ./labs/*\/lab.yaml. */
export function defaultValidateTargets(cwd: string = process.cwd()): string[] {
	const bundled = bundledLabsDir();
	const local = path.join(cwd, 'labs');
	const targets = labFilesIn(bundled);
	if (isDirectory(local) && !sameFolder(local, bundled)) targets.push(...labFilesIn(local));
	return targets;
}
