// The lab's images as one file (`docker save` format), for a class without internet: find the
// Dockerfiles among the lab's files, ask which needed images are missing, save them all to a temp
// file renamed into place at the end (a failed or stopped save leaves nothing half-written), and
// load a file back. Which images a lab needs is decided in lab/lab-images.ts; this module does the I/O.
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDockerfileName } from '../lab/dockerfile-bases.js';
import { labImages, type LabDockerfile, type LabImages } from '../lab/lab-images.js';
import type { Lab } from '../lab/schema.js';
import { describeFailure, docker, imageExists, type DockerOptions } from './docker-cli.js';

/** The file `doctor` looks for in the current folder when REGISTRY_LAB_IMAGES names none. */
export const IMAGES_FILE_NAME = 'registry-lab-images.tar';
/** Saving or loading a few hundred megabytes on a slow disk or USB stick. */
export const ARCHIVE_TIMEOUT_MS = 30 * 60_000;

/**
 * The class's file of images at hand, by the convention the README documents: the file
 * REGISTRY_LAB_IMAGES names, else registry-lab-images.tar in the current folder; only when it exists.
 */
export function imagesFileAtHand(env: Record<string, string | undefined>, cwd: string): string | undefined {
	const named = env.REGISTRY_LAB_IMAGES;
	const candidate = named ? path.resolve(cwd, named) : path.join(cwd, IMAGES_FILE_NAME);
	return existsSync(candidate) ? candidate : undefined;
}

/** The Dockerfiles among the lab's `files` (files and folders, relative to the lab folder), sorted by path. */
export async function readLabDockerfiles(labDir: string, files: readonly string[] | undefined): Promise<LabDockerfile[]> {
	const found: LabDockerfile[] = [];
	const visit = async (relative: string): Promise<void> => {
		const full = path.join(labDir, relative);
		const info = await stat(full).catch(() => undefined);
		if (info?.isDirectory()) {
			for (const entry of await readdir(full)) await visit(path.posix.join(relative, entry));
		} else if (info?.isFile() && isDockerfileName(path.basename(relative))) {
			found.push({ path: relative, text: await readFile(full, 'utf8') });
		}
	};
	for (const entry of files ?? []) await visit(entry.split(path.sep).join('/'));
	return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every image the lab needs, with its Dockerfiles read from the lab folder. */
export async function neededImages(
	lab: Pick<Lab, 'services' | 'pulls' | 'files'>,
	vars: Readonly<Record<string, string>>,
	labDir: string,
): Promise<LabImages> {
	return labImages(lab, vars, await readLabDockerfiles(labDir, lab.files));
}

/** Which of these images are not on this machine, and any that could not be asked about. */
export async function missingImages(refs: readonly string[], options: DockerOptions): Promise<{ missing: string[]; errors: string[] }> {
	const missing: string[] = [];
	const errors: string[] = [];
	for (const ref of refs) {
		const found = await imageExists(ref, options);
		if (found.error) errors.push(`${ref}: ${found.error}`);
		else if (!found.exists) missing.push(ref);
	}
	return { missing, errors };
}

export interface SaveProgress {
	/** Bytes written to the file so far. */
	written: number;
	/** What the images take on this machine: about what the file will hold. */
	total: number;
}

export type SaveResult = { ok: true; bytes: number } | { ok: false; message: string };

/** The images' size as the engine reports it (0 when it cannot say). */
async function imagesSize(refs: readonly string[], options: DockerOptions): Promise<number> {
	const result = await docker(['image', 'inspect', '--format', '{{.Size}}', ...refs], options);
	if (result.status !== 'passed') return 0;
	return result.stdout
		.split('\n')
		.map((line) => Number(line.trim()))
		.filter((size) => Number.isFinite(size))
		.reduce((sum, size) => sum + size, 0);
}

/**
 * `docker save` of these images into `file`: written to a temp file beside it, renamed over it at the
 * end. `onProgress` hears the bytes written about every half second while it runs.
 */
export async function saveImages(
	refs: readonly string[],
	file: string,
	options: DockerOptions & { onProgress?: (progress: SaveProgress) => void; pollMs?: number },
): Promise<SaveResult> {
	const total = await imagesSize(refs, options);
	const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
	const timer = setInterval(() => {
		void stat(partial).then(
			(info) => options.onProgress?.({ written: info.size, total }),
			() => undefined,
		);
	}, options.pollMs ?? 500);
	try {
		const result = await docker(['save', '--output', partial, ...refs], { ...options, timeoutMs: options.timeoutMs ?? ARCHIVE_TIMEOUT_MS });
		if (result.status !== 'passed') return { ok: false, message: describeFailure(result) };
		await rename(partial, file);
		return { ok: true, bytes: (await stat(file)).size };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	} finally {
		clearInterval(timer);
		await rm(partial, { force: true });
	}
}

/** The image names (or IDs, for untagged images) `docker load` says it loaded. Pure. */
export function loadedImages(stdout: string): string[] {
	const names: string[] = [];
	for (const line of stdout.split('\n')) {
		const match = /^Loaded image(?: ID)?:\s*(\S+)/.exec(line.trim());
		if (match && !names.includes(match[1]!)) names.push(match[1]!);
	}
	return names;
}

export type LoadResult = { ok: true; images: string[] } | { ok: false; message: string };

/** `docker load` of a file: what it brought, or why not. */
export async function loadImages(file: string, options: DockerOptions): Promise<LoadResult> {
	const result = await docker(['load', '--input', file], { ...options, timeoutMs: options.timeoutMs ?? ARCHIVE_TIMEOUT_MS });
	if (result.status !== 'passed') return { ok: false, message: describeFailure(result) };
	return { ok: true, images: loadedImages(result.stdout) };
}
