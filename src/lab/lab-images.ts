// Every image a lab needs on the learner's machine before it starts, so a class without internet can
// bring them in one file: the images its services run, the images its learners pull or tag by name
// (`pulls:`), and the bases its Dockerfiles build FROM. Pure: the caller reads the Dockerfiles.
import { familiarString, parseDockerRef } from '../registry/reference.js';
import { dockerfileBases } from './dockerfile-bases.js';
import { interpolate, variablesIn } from './interpolate.js';
import type { Lab } from './schema.js';

export interface NeededImage {
	/** As Docker prints it, always with a tag (`alpine:latest`): `docker save alpine` would take every tag. */
	ref: string;
	/** Why the lab needs it: `service registry`, `pulls`, `FROM in images/curl/Dockerfile.v2`. */
	sources: string[];
}

export interface SkippedImage {
	/** As written (or as the FROM line reads). */
	text: string;
	source: string;
	reason: string;
}

export interface LabImages {
	images: NeededImage[];
	/** Names that could not be worked out: a variable without a value, an ARG without a default, no valid reference. */
	skipped: SkippedImage[];
}

/** A Dockerfile among the lab's files: its path relative to the lab folder, and its text. */
export interface LabDockerfile {
	path: string;
	text: string;
}

/** The images the lab needs, each once, in the order services, pulls, Dockerfiles. Pure. */
export function labImages(
	lab: Pick<Lab, 'services' | 'pulls'>,
	vars: Readonly<Record<string, string>>,
	dockerfiles: readonly LabDockerfile[],
): LabImages {
	const images: NeededImage[] = [];
	const skipped: SkippedImage[] = [];
	const add = (text: string, source: string) => {
		const filled = interpolate(text, vars);
		const missing = variablesIn(filled);
		if (missing.length > 0) {
			skipped.push({ text, source, reason: `it needs a value for ${missing.join(' and ')}` });
			return;
		}
		let ref: string;
		try {
			ref = familiarString(parseDockerRef(filled));
		} catch {
			skipped.push({ text, source, reason: `"${filled}" is not a valid image reference` });
			return;
		}
		const known = images.find((image) => image.ref === ref);
		if (!known) images.push({ ref, sources: [source] });
		else if (!known.sources.includes(source)) known.sources.push(source);
	};
	for (const [id, service] of Object.entries(lab.services ?? {})) add(service.image, `service ${id}`);
	for (const pull of lab.pulls ?? []) add(pull, 'pulls');
	for (const file of dockerfiles) {
		const bases = dockerfileBases(file.text);
		for (const image of bases.images) add(image, `FROM in ${file.path}`);
		for (const text of bases.unresolved) skipped.push({ text, source: `FROM in ${file.path}`, reason: 'it uses an ARG without a default' });
	}
	return { images, skipped };
}
