// Removing what the lab made, and nothing else: containers that carry this lab's label, and the exact
// image references the lab lists. Images are removed by reference, which only untags: an image the
// learner also tagged themselves keeps their tag, and an image in use by a container stays.
import { interpolate, variablesIn } from '../lab/interpolate.js';
import type { Lab } from '../lab/schema.js';
import { familiarString, parseDockerRef } from '../registry/reference.js';
import { LAB_LABEL, describeFailure, docker, imageExists, parseJsonLines, type DockerOptions } from './docker-cli.js';

export interface LabContainer {
	id: string;
	name: string;
	image: string;
	/** running, exited, created... */
	state?: string;
}

export interface CleanupPlan {
	labId: string;
	/** Containers labelled `io.registry-lab.lab=<labId>`. */
	containers: LabContainer[];
	/** Image references from `lab.images` that exist on this machine, in Docker's familiar form. */
	images: string[];
	/** `lab.images` entries left out, and why (a variable without a value, not a valid reference). */
	skipped: Array<{ ref: string; reason: string }>;
	/** Docker calls that failed while planning; the plan may be incomplete. */
	problems: string[];
}

export interface CleanupResult {
	removedContainers: LabContainer[];
	removedImages: string[];
	failed: Array<{ kind: 'container' | 'image'; target: string; message: string }>;
}

/**
 * The lab's image references with variables filled in, in familiar form (`learner1/curl:21.06`,
 * `alpine:latest`), deduplicated. Pure.
 */
export function labImageRefs(
	lab: Pick<Lab, 'images'>,
	vars: Readonly<Record<string, string>>,
): { refs: string[]; skipped: Array<{ ref: string; reason: string }> } {
	const refs: string[] = [];
	const skipped: Array<{ ref: string; reason: string }> = [];
	for (const written of lab.images ?? []) {
		const filled = interpolate(written, vars);
		const missing = variablesIn(filled);
		if (missing.length > 0) {
			skipped.push({ ref: filled, reason: `no value for ${missing.join(', ')}` });
			continue;
		}
		try {
			const familiar = familiarString(parseDockerRef(filled));
			if (!refs.includes(familiar)) refs.push(familiar);
		} catch {
			skipped.push({ ref: filled, reason: 'not a valid image reference' });
		}
	}
	return { refs, skipped };
}

/** Every container (running or not) labelled as this lab's. */
export async function listLabContainers(
	labId: string,
	options: DockerOptions = {},
): Promise<{ containers: LabContainer[]; error?: string }> {
	const result = await docker(
		['ps', '--all', '--no-trunc', '--filter', `label=${LAB_LABEL}=${labId}`, '--format', '{{json .}}'],
		options,
	);
	if (result.status !== 'passed') return { containers: [], error: describeFailure(result) };
	const containers = parseJsonLines(result.stdout).map((row) => {
		const fields = row as { ID?: string; Names?: string; Image?: string; State?: string };
		return {
			id: fields.ID ?? '',
			name: (fields.Names ?? '').split(',')[0] ?? '',
			image: fields.Image ?? '',
			state: fields.State,
		};
	});
	return { containers: containers.filter((container) => container.id !== '') };
}

/** Finds what cleanup would remove, without removing anything: show it to the learner first. */
export async function planCleanup(
	lab: Pick<Lab, 'id' | 'images'>,
	vars: Readonly<Record<string, string>>,
	options: DockerOptions = {},
): Promise<CleanupPlan> {
	const problems: string[] = [];
	const listed = await listLabContainers(lab.id, options);
	if (listed.error) problems.push(`Could not list the lab's containers: ${listed.error}`);
	const { refs, skipped } = labImageRefs(lab, vars);
	const images: string[] = [];
	for (const ref of refs) {
		const found = await imageExists(ref, options);
		if (found.error) problems.push(`Could not look up ${ref}: ${found.error}`);
		if (found.exists) images.push(ref);
	}
	return { labId: lab.id, containers: listed.containers, images, skipped, problems };
}

/** Removes what the plan lists: containers first (they may use the images), then the image tags. */
export async function runCleanup(plan: CleanupPlan, options: DockerOptions = {}): Promise<CleanupResult> {
	const result: CleanupResult = { removedContainers: [], removedImages: [], failed: [] };
	for (const container of plan.containers) {
		const removed = await docker(['rm', '--force', container.id], options);
		if (removed.status === 'passed') result.removedContainers.push(container);
		else result.failed.push({ kind: 'container', target: container.name || container.id, message: describeFailure(removed) });
	}
	for (const ref of plan.images) {
		// By reference and without --force: this untags `ref` only, never deletes an image by ID.
		const removed = await docker(['rmi', ref], options);
		if (removed.status === 'passed') result.removedImages.push(ref);
		else result.failed.push({ kind: 'image', target: ref, message: describeFailure(removed) });
	}
	return result;
}
