// `registry-lab images save [lab] <file>` and `registry-lab images load <file>`: every image a lab
// needs in one file, so a class without internet gets going from one USB stick or shared folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { IMAGES_FILE_NAME, loadImages, missingImages, neededImages, saveImages, type SaveProgress } from '../docker/image-archive.js';
import type { NeededImage } from '../lab/lab-images.js';
import { exitForPrepareError, prepareCommandLab, printNotes } from './command-support.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo, setOption } from './command.js';

export const imagesUsage = `Usage: registry-lab images save [lab] <file> [--set name=value]...
       registry-lab images load <file>

save  writes one file (docker save format) with every image the lab needs: the images its services
      run, the images its steps pull or tag by name (the lab's pulls: list), and the base images of
      the Dockerfiles among its files. Every image must be on this machine: pull the missing ones
      while you are online (the command names them). Nothing is written unless the whole file is.
load  loads such a file into Docker (docker load) and says which images it brought.

A class without internet: the instructor saves the file once, on a machine that has the images,
  registry-lab images save ${IMAGES_FILE_NAME}
and puts it on a USB stick or a shared folder; each learner loads it:
  registry-lab images load /media/usb/${IMAGES_FILE_NAME}
registry-lab doctor suggests the load when a missing image could come from the file REGISTRY_LAB_IMAGES
names, or from ${IMAGES_FILE_NAME} in the current folder.

Options:
  --set <name=value>   give a variable a value (repeatable), for image names that use one
  -h, --help           show this help

Exit codes: 0 done, 1 something is missing or failed (nothing half-written), 2 wrong usage.
`;

/** 27.4 MB. Pure. */
export function formatBytes(bytes: number): string {
	if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
	if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
	return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

/** The list of images and why the lab needs each, aligned. Pure. */
export function formatNeeded(images: readonly NeededImage[]): string[] {
	const width = Math.max(...images.map((image) => image.ref.length));
	return images.map((image) => `  ${image.ref.padEnd(width)}  ${image.sources.join(', ')}`);
}

/** What to print about a save still running: the share written, when the size is known. Pure. */
export function formatProgress({ written, total }: SaveProgress): string {
	if (total <= 0) return `  ${formatBytes(written)} written`;
	const percent = Math.min(99, Math.floor((written / total) * 100));
	return `  ${percent}% (${formatBytes(written)} of about ${formatBytes(total)})`;
}

/** How often a long save says how far it is. */
const PROGRESS_EVERY_MS = 2_000;

async function runSave(positionals: readonly string[], setFlags: readonly string[] | undefined, io: CommandIo): Promise<number> {
	const [labArg, file] = positionals.length >= 2 ? positionals : [undefined, positionals[0]];
	if (file === undefined) {
		io.stderr(`registry-lab images save: name the file to write, e.g. registry-lab images save ${IMAGES_FILE_NAME}\n\n${imagesUsage}`);
		return exitCodes.usage;
	}
	let prepared;
	try {
		prepared = await prepareCommandLab(
			io,
			{ labArg, setFlags },
			{ chooseFreePorts: false, prepareWorkspace: false, allowMissing: true, useProgress: true },
		);
	} catch (error) {
		return exitForPrepareError(io, 'images save', error);
	}
	printNotes(io, prepared.notes);
	const target = path.resolve(io.cwd, file);
	const dockerOptions = { env: io.env, signal: io.signal };
	const { images, skipped } = await neededImages(prepared.lab, prepared.vars, prepared.dir);
	for (const image of skipped) io.stderr(`note: left out ${image.text} (${image.source}): ${image.reason}.\n`);
	if (images.length === 0) {
		io.stderr(`registry-lab images save: the lab ${prepared.lab.id} names no images, so there is nothing to save.\n`);
		return exitCodes.problems;
	}
	const refs = images.map((image) => image.ref);
	const { missing, errors } = await missingImages(refs, dockerOptions);
	if (errors.length > 0) {
		io.stderr(
			`registry-lab images save: could not ask Docker about the images, so nothing was written:\n${errors.map((e) => `  ${e}`).join('\n')}\n`,
		);
		return exitCodes.problems;
	}
	if (missing.length > 0) {
		const lines = formatNeeded(images.filter((image) => missing.includes(image.ref)));
		io.stderr(
			`registry-lab images save: ${missing.length === 1 ? 'an image' : `${missing.length} images`} the lab needs ${missing.length === 1 ? 'is' : 'are'} not on this machine, so nothing was written:\n${lines.join('\n')}\n` +
				`Pull ${missing.length === 1 ? 'it' : 'them'} while you are online (${missing.map((ref) => `docker pull ${ref}`).join('; ')}), then run this again.\n`,
		);
		return exitCodes.problems;
	}

	io.stdout(`Saving the ${images.length} images the lab ${prepared.lab.id} needs to ${file}:\n${formatNeeded(images).join('\n')}\n`);
	let lastShown = Date.now();
	const saved = await saveImages(refs, target, {
		...dockerOptions,
		onProgress: (progress) => {
			if (Date.now() - lastShown < PROGRESS_EVERY_MS) return;
			lastShown = Date.now();
			io.stdout(`${formatProgress(progress)}\n`);
		},
	});
	if (!saved.ok) {
		io.stderr(`registry-lab images save: the images could not be saved, so nothing was written: ${saved.message}\n`);
		return exitCodes.problems;
	}
	io.stdout(
		`Saved ${file} (${formatBytes(saved.bytes)}). On each machine without internet: registry-lab images load ${/\s/.test(file) ? JSON.stringify(file) : file}\n`,
	);
	return exitCodes.ok;
}

async function runLoad(positionals: readonly string[], io: CommandIo): Promise<number> {
	const [file, extra] = positionals;
	if (file === undefined || extra !== undefined) {
		io.stderr(`registry-lab images load: give the one file to load, e.g. registry-lab images load ${IMAGES_FILE_NAME}\n\n${imagesUsage}`);
		return exitCodes.usage;
	}
	const source = path.resolve(io.cwd, file);
	if (!existsSync(source)) {
		io.stderr(`registry-lab images load: there is no file ${file}. Give the path of the file registry-lab images save wrote.\n`);
		return exitCodes.problems;
	}
	io.stdout(`Loading the images in ${file} into Docker...\n`);
	const loaded = await loadImages(source, { env: io.env, signal: io.signal });
	if (!loaded.ok) {
		io.stderr(`registry-lab images load: Docker could not load ${file}: ${loaded.message}\n`);
		return exitCodes.problems;
	}
	io.stdout(
		loaded.images.length === 0
			? `Docker loaded ${file}, but named no images.\n`
			: `Loaded ${loaded.images.length === 1 ? 'this image' : `these ${loaded.images.length} images`}:\n${loaded.images.map((image) => `  ${image}`).join('\n')}\n`,
	);
	return exitCodes.ok;
}

export async function runImagesCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs({ name: 'images', usage: imagesUsage, maxLabs: 3 }, args, { ...setOption }, io);
	if (typeof parsed === 'number') return parsed;
	const [action, ...rest] = parsed.positionals;
	if (action === 'save') return runSave(rest, parsed.values.set, io);
	if (action === 'load') {
		if (parsed.values.set !== undefined) {
			io.stderr(`registry-lab images load: --set is for save; a file loads as it is.\n\n${imagesUsage}`);
			return exitCodes.usage;
		}
		return runLoad(rest, io);
	}
	io.stderr(
		`registry-lab images: ${action === undefined ? 'say save or load' : `unknown action ${action}; say save or load`}\n\n${imagesUsage}`,
	);
	return exitCodes.usage;
}

export const imagesCommand: Command = {
	name: 'images',
	summary: 'save every image a lab needs to one file, or load that file, for a class without internet',
	usage: imagesUsage,
	run: runImagesCommand,
};
