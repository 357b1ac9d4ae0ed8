// Does a container run the image a lab names? Cleanup removes a container the learner started by hand
// (no label to prove it is the lab's) only when this says yes: a container that merely has the name
// `registry` but runs something else is the learner's own. Pure.
import { parseDockerRef } from '../registry/reference.js';

export interface ContainerImage {
	/** What the container was created from, as `docker inspect` keeps it (`.Config.Image`): `registry:2`, or `docker.io/library/registry:2` under Podman. */
	configured?: string;
	/** The ID of the image it runs (`.Image`): `sha256:…` from Docker, bare hex from Podman. */
	id?: string;
}

export interface WantedImage {
	/** The reference the lab names, e.g. `registry:2`. */
	ref: string;
	/** The ID that reference has on this machine, when it exists here. */
	id?: string;
}

/** The reference as Docker means it (`registry:2` → `docker.io/library/registry:2`), or undefined when it is not one (an image ID). */
export function normalizedReference(text: string): string | undefined {
	try {
		return parseDockerRef(text).toString();
	} catch {
		return undefined;
	}
}

/** `sha256:abc…` and `abc…` are the same image ID; Podman prints the bare form. */
function bareId(id: string | undefined): string | undefined {
	const trimmed = id?.trim().toLowerCase();
	if (!trimmed) return undefined;
	return trimmed.startsWith('sha256:') ? trimmed.slice('sha256:'.length) : trimmed;
}

/**
 * True when the container was created from the same reference (compared normalized, so
 * `registry:2` equals `docker.io/library/registry:2`), or runs the very image the reference names
 * on this machine (same ID: a container created by ID, or by another name of the same image).
 */
export function runsImage(container: ContainerImage, wanted: WantedImage): boolean {
	const wantedRef = normalizedReference(wanted.ref);
	if (wantedRef !== undefined && container.configured !== undefined && normalizedReference(container.configured) === wantedRef) return true;
	const containerId = bareId(container.id);
	return containerId !== undefined && containerId === bareId(wanted.id);
}
