// Removing what the lab made, and nothing else: containers that carry this lab's label, the containers
// the lab told the learner to start by exact name (only while they run the image the lab names), and
// the exact image references the lab lists. Containers go with their anonymous volumes (a registry
// keeps every pushed layer in one); named volumes are never touched. Images are removed by reference,
// which only untags: an image the learner also tagged themselves keeps their tag, and an image in use
// by a container stays.
import { interpolate, variablesIn } from '../lab/interpolate.js';
import type { Lab } from '../lab/schema.js';
import { familiarString, parseDockerRef } from '../registry/reference.js';
import {
	describeFailure,
	docker,
	imageExists,
	inspectContainer,
	isNoSuchObject,
	parseJsonLines,
	type ContainerInspect,
	type DockerOptions,
} from './docker-cli.js';
import { normalizedReference, runsImage } from './runs-image.js';
import { LAB_LABEL } from './service-spec.js';

export interface LabContainer {
	id: string;
	name: string;
	image: string;
	/** running, exited, created... */
	state?: string;
	/** Found by the lab's label; false for a container the learner started under a name the lab lists. */
	isLabelled: boolean;
}

/** A container that holds a name the lab lists but is not the lab's: cleanup names it and leaves it alone. */
export interface LeftAloneContainer {
	name: string;
	/** Why it is not the lab's, said of the container: "runs alpine, not registry:2, so it is not the lab's". */
	reason: string;
}

/** One entry of `lab.containers` with its variables filled in. */
export interface ListedContainer {
	name: string;
	image: string;
}

export interface CleanupPlan {
	labId: string;
	/** Containers labelled `io.registry-lab.lab=<labId>`, then the listed ones that run their image. */
	containers: LabContainer[];
	/** Containers holding a listed name that cleanup leaves alone, and why. */
	leftAlone: LeftAloneContainer[];
	/** Image references from `lab.images` that exist on this machine, in Docker's familiar form. */
	images: string[];
	/** `lab.images` and `lab.containers` entries left out, and why (a variable without a value, not a valid reference). */
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

/**
 * The lab's listed containers with variables filled in, deduplicated by name (the first wins, as
 * lint asks for unique names). Entries whose name or image still needs a value, or whose image is not
 * a reference, are skipped: cleanup cannot tell which container they mean. Pure.
 */
export function labContainerSpecs(
	lab: Pick<Lab, 'containers'>,
	vars: Readonly<Record<string, string>>,
): { containers: ListedContainer[]; skipped: Array<{ ref: string; reason: string }> } {
	const containers: ListedContainer[] = [];
	const skipped: Array<{ ref: string; reason: string }> = [];
	for (const written of lab.containers ?? []) {
		const name = interpolate(written.name, vars);
		const image = interpolate(written.image, vars);
		const shown = `container ${name} (${image})`;
		const missing = [...new Set([...variablesIn(name), ...variablesIn(image)])];
		if (missing.length > 0) skipped.push({ ref: shown, reason: `no value for ${missing.join(', ')}` });
		else if (normalizedReference(image) === undefined) skipped.push({ ref: shown, reason: `${image} is not a valid image reference` });
		else if (!containers.some((known) => known.name === name)) containers.push({ name, image });
	}
	return { containers, skipped };
}

/** The ID of an image on this machine, `undefined` when it is not here. */
async function imageIdOf(ref: string, options: DockerOptions): Promise<{ id?: string; error?: string }> {
	const result = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], options);
	if (result.status === 'passed') return { id: result.stdout.trim() || undefined };
	if (result.status === 'failed' && isNoSuchObject(result.stderr)) return {};
	return { error: describeFailure(result) };
}

/**
 * The container holding a listed name, judged: the lab's to remove when it runs the listed image,
 * otherwise left alone with the reason. A container labelled as another lab's is that lab's.
 */
export async function findListedContainer(
	labId: string,
	listed: ListedContainer,
	options: DockerOptions,
): Promise<{ container?: LabContainer; leftAlone?: LeftAloneContainer; error?: string }> {
	const found = await inspectContainer(listed.name, options);
	if (found.error) return { error: `Could not look up the container ${listed.name}: ${found.error}` };
	if (!found.container) return {};
	// `.Image` (the image ID the container runs) is in every inspect, but not in the shared type.
	const inspected = found.container as ContainerInspect & { Image?: string };
	const configured = inspected.Config?.Image;
	const labelledAs = inspected.Config?.Labels?.[LAB_LABEL];
	const state = inspected.State?.Status;
	const container: LabContainer = {
		id: inspected.Id,
		name: listed.name,
		image: configured ?? '',
		...(state ? { state } : {}),
		isLabelled: labelledAs === labId,
	};
	if (labelledAs === labId) return { container };
	if (labelledAs !== undefined) return { leftAlone: { name: listed.name, reason: `carries the label of another lab, ${labelledAs}` } };
	const facts = { configured, id: inspected.Image };
	if (runsImage(facts, { ref: listed.image })) return { container };
	// Not the same reference: maybe the same image under another name, or a container created by ID.
	const wanted = await imageIdOf(listed.image, options);
	if (wanted.error) return { error: `Could not look up the image ${listed.image}: ${wanted.error}` };
	if (runsImage(facts, { ref: listed.image, id: wanted.id })) return { container };
	return {
		leftAlone: {
			name: listed.name,
			reason: `runs ${configured || inspected.Image || 'another image'}, not ${listed.image}, so it is not the lab's`,
		},
	};
}

/** Every container (running or not) labelled as this lab's. */
export async function listLabContainers(labId: string, options: DockerOptions): Promise<{ containers: LabContainer[]; error?: string }> {
	const result = await docker(['ps', '--all', '--no-trunc', '--filter', `label=${LAB_LABEL}=${labId}`, '--format', '{{json .}}'], options);
	if (result.status !== 'passed') return { containers: [], error: describeFailure(result) };
	const containers = parseJsonLines(result.stdout).map((row) => {
		const fields = row as { ID?: string; Names?: string; Image?: string; State?: string };
		return {
			id: fields.ID ?? '',
			name: (fields.Names ?? '').split(',')[0] ?? '',
			image: fields.Image ?? '',
			state: fields.State,
			isLabelled: true,
		};
	});
	return { containers: containers.filter((container) => container.id !== '') };
}

/** Finds what cleanup would remove, without removing anything: show it to the learner first. */
export async function planCleanup(
	lab: Pick<Lab, 'id' | 'images' | 'containers'>,
	vars: Readonly<Record<string, string>>,
	options: DockerOptions,
): Promise<CleanupPlan> {
	const problems: string[] = [];
	const labelled = await listLabContainers(lab.id, options);
	if (labelled.error) problems.push(`Could not list the lab's containers: ${labelled.error}`);
	const containers = [...labelled.containers];
	const leftAlone: LeftAloneContainer[] = [];
	const listed = labContainerSpecs(lab, vars);
	for (const spec of listed.containers) {
		const found = await findListedContainer(lab.id, spec, options);
		if (found.error) problems.push(found.error);
		if (found.leftAlone) leftAlone.push(found.leftAlone);
		if (found.container && !containers.some((known) => known.id === found.container?.id)) containers.push(found.container);
	}
	const { refs, skipped } = labImageRefs(lab, vars);
	skipped.push(...listed.skipped);
	const images: string[] = [];
	for (const ref of refs) {
		const found = await imageExists(ref, options);
		if (found.error) problems.push(`Could not look up ${ref}: ${found.error}`);
		if (found.exists) images.push(ref);
	}
	return { labId: lab.id, containers, leftAlone, images, skipped, problems };
}

/**
 * Removes what the plan lists: containers first (they may use the images), then the image tags.
 * Containers go by ID, so one that took the name after the plan was shown is not touched, and with
 * `--volumes`: their anonymous volumes go too (named volumes never do).
 */
export async function runCleanup(plan: Pick<CleanupPlan, 'containers' | 'images'>, options: DockerOptions): Promise<CleanupResult> {
	const result: CleanupResult = { removedContainers: [], removedImages: [], failed: [] };
	for (const container of plan.containers) {
		const removed = await docker(['rm', '--force', '--volumes', container.id], options);
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
