// The learner's workspace: a folder they can `cd` into holding the files the lab's commands use. When
// the package runs from the npm cache, the lab's own folder is no place to work in. A file the learner
// edited is never overwritten. A small record of what we copied tells "the learner changed it" from
// "a newer lab ships a new version of a file the learner never touched" (which we do update).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Where the workspace root can be moved; the lab's folder is `<root>/<labId>`. */
export const WORKSPACE_ENV = 'REGISTRY_LAB_WORKSPACE';
/** The record of copied files, kept in the workspace folder. */
export const MANIFEST_NAME = '.registry-lab-files.json';

export interface WorkspaceLocation {
	labId: string;
	/** The exact folder to use; wins over everything else. */
	dir?: string;
	/** Environment to read `REGISTRY_LAB_WORKSPACE` (a root folder) from, decided at the top. */
	env: Record<string, string | undefined>;
	/** Home folder for the default `~/registry-lab`. Default: os.homedir(). */
	homeDir?: string;
}

export interface PrepareWorkspaceOptions extends WorkspaceLocation {
	/** The lab's folder (where lab.yaml is); `files` are relative to it. */
	labDir: string;
	/** The lab's `files`: files and folders to copy. */
	files: readonly string[];
}

export interface PreparedWorkspace {
	/** Absolute path of the workspace folder. */
	dir: string;
	/** The folder did not exist before. */
	created: boolean;
	/** Paths (relative, with `/`) copied because they were not there. */
	copied: string[];
	/** Paths replaced by a newer version from the lab; the learner had not changed them. */
	updated: string[];
	/** Paths the learner changed: left as they are. */
	kept: string[];
	/** Paths already identical to the lab's. */
	unchanged: string[];
	/** `files` entries that could not be copied (missing in the lab, outside the lab folder, unreadable). */
	problems: Array<{ path: string; message: string }>;
}

export type FileAction = 'copy' | 'update' | 'unchanged' | 'keep';

/** The workspace folder: `dir`, else `$REGISTRY_LAB_WORKSPACE/<labId>`, else `~/registry-lab/<labId>`. Pure. */
export function workspaceDir(location: WorkspaceLocation): string {
	const home = location.homeDir ?? homedir();
	if (location.dir) return resolve(expandHome(location.dir, home));
	const root = location.env[WORKSPACE_ENV];
	if (root && root.trim() !== '') return resolve(expandHome(root.trim(), home), location.labId);
	return join(home, 'registry-lab', location.labId);
}

function expandHome(path: string, home: string): string {
	if (path === '~') return home;
	if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
	return path;
}

/**
 * What to do with one file, from content hashes: the lab's version, the one in the workspace (if
 * any), and the one we copied last time (if recorded). Pure.
 */
export function decideFileAction(hashes: { source: string; current?: string; recorded?: string }): FileAction {
	if (hashes.current === undefined) return 'copy';
	if (hashes.current === hashes.source) return 'unchanged';
	if (hashes.recorded !== undefined && hashes.current === hashes.recorded) return 'update';
	return 'keep';
}

/** True when `path` (relative) stays inside its base folder. Pure. */
export function staysInside(path: string): boolean {
	if (isAbsolute(path)) return false;
	const normalized = relative('/base', resolve('/base', path));
	return normalized !== '' && !normalized.startsWith('..') && !isAbsolute(normalized);
}

interface Manifest {
	version: 1;
	files: Record<string, string>;
}

/** Copies the lab's files into the workspace (creating it), keeping every file the learner changed. */
export async function prepareWorkspace(options: PrepareWorkspaceOptions): Promise<PreparedWorkspace> {
	const dir = workspaceDir(options);
	const created = !(await exists(dir));
	await mkdir(dir, { recursive: true });
	const result: PreparedWorkspace = { dir, created, copied: [], updated: [], kept: [], unchanged: [], problems: [] };
	const manifest = await readManifest(dir);

	for (const entry of options.files) {
		if (!staysInside(entry)) {
			result.problems.push({ path: entry, message: 'is outside the lab folder, so it is not copied' });
			continue;
		}
		let files: string[];
		try {
			files = await listFiles(options.labDir, entry);
		} catch (error) {
			result.problems.push({ path: entry, message: describeFsError(error) });
			continue;
		}
		for (const file of files) {
			const key = file.split(sep).join('/');
			try {
				const source = join(options.labDir, file);
				const target = join(dir, file);
				const sourceHash = hash(await readFile(source));
				const currentHash = await readFile(target).then(hash, () => undefined);
				const action = decideFileAction({ source: sourceHash, current: currentHash, recorded: manifest.files[key] });
				if (action === 'copy' || action === 'update') {
					await mkdir(dirname(target), { recursive: true });
					await copyFile(source, target);
				}
				if (action !== 'keep') manifest.files[key] = sourceHash;
				const list = { copy: result.copied, update: result.updated, keep: result.kept, unchanged: result.unchanged }[action];
				list.push(key);
			} catch (error) {
				result.problems.push({ path: key, message: describeFsError(error) });
			}
		}
	}
	await writeManifest(dir, manifest);
	return result;
}

/** The files under `entry` (a file or a folder), relative to `base`. */
async function listFiles(base: string, entry: string): Promise<string[]> {
	const path = join(base, entry);
	const info = await stat(path);
	if (info.isFile()) return [relative(base, path)];
	if (!info.isDirectory()) return [];
	const files: string[] = [];
	for (const child of (await readdir(path)).sort()) files.push(...(await listFiles(base, join(entry, child))));
	return files;
}

async function readManifest(dir: string): Promise<Manifest> {
	try {
		const parsed = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as Partial<Manifest>;
		if (parsed.version === 1 && parsed.files && typeof parsed.files === 'object') return { version: 1, files: { ...parsed.files } };
	} catch {
		// none yet, or unreadable: every differing file counts as the learner's
	}
	return { version: 1, files: {} };
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
	const path = join(dir, MANIFEST_NAME);
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, `${JSON.stringify(manifest, null, '\t')}\n`);
	await rename(temporary, path);
}

function hash(content: Buffer): string {
	return createHash('sha256').update(content).digest('hex');
}

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false,
	);
}

function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'ENOENT') return 'does not exist in the lab folder';
	if (code === 'EACCES' || code === 'EPERM') return 'could not be read or written (permission denied)';
	return error instanceof Error ? error.message : String(error);
}
