// The classroom registry's side of progress: a learner's document pushed as a small OCI artifact
// (one repository per lab, one tag per learner), and every learner's read back for the instructor.
// It goes through the one registry client, so any registry that stores OCI artifacts works with
// the logins `docker login` already stored.
import { createRegistryClient, isRegistryError, RegistryError, type CredentialSource } from '../registry/client.js';
import {
	learnerNameProblem,
	parseProgressDocument,
	PROGRESS_ARTIFACT_TYPE,
	PROGRESS_MEDIA_TYPE,
	serializeProgressDocument,
	type ProgressDocument,
} from './progress-document.js';

export const OCI_MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** The OCI empty descriptor: an artifact with no config of its own points at `{}`. */
export const OCI_EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';
const EMPTY_CONFIG = Buffer.from('{}', 'utf8');
const DEFAULT_CONCURRENCY = 8;

export interface ClassRegistryOptions {
	/** The registry as a reference names it, e.g. `localhost:5000` or `registry.school.example`. */
	registry: string;
	/** e.g. `registry-lab/registries` (classRepository). */
	repository: string;
	/** Where logins come from (the learner's or instructor's Docker config); anonymous when absent. */
	credentials?: CredentialSource;
	signal?: AbortSignal;
	/** Plain HTTP for a registry that is not on loopback. */
	insecure?: boolean;
	/** Time allowed for each registry call. */
	timeoutMs?: number;
}

export interface PublishOptions extends ClassRegistryOptions {
	/** The learner's name. */
	tag: string;
	document: ProgressDocument;
}

export interface Published {
	repository: string;
	tag: string;
	/** The manifest's digest. */
	digest: string;
	/** The exact JSON pushed. */
	text: string;
}

function clientFor(options: ClassRegistryOptions) {
	return createRegistryClient({
		registry: options.registry,
		...(options.credentials ? { credentials: options.credentials } : {}),
		...(options.insecure === undefined ? {} : { insecure: options.insecure }),
		...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
	});
}

/** The artifact's manifest for a document of these bytes. Pure. */
export function progressManifest(documentDigest: string, documentSize: number, configDigest: string): string {
	return JSON.stringify({
		schemaVersion: 2,
		mediaType: OCI_MANIFEST_TYPE,
		artifactType: PROGRESS_ARTIFACT_TYPE,
		config: { mediaType: OCI_EMPTY_TYPE, digest: configDigest, size: EMPTY_CONFIG.length, data: EMPTY_CONFIG.toString('base64') },
		layers: [{ mediaType: PROGRESS_MEDIA_TYPE, digest: documentDigest, size: documentSize }],
	});
}

/**
 * Pushes the learner's document. Blobs first, the tag last: a refused or broken upload leaves the
 * tag as it was (absent, or the last document published), never pointing at half an artifact.
 */
export async function publishProgress(options: PublishOptions): Promise<Published> {
	const problem = learnerNameProblem(options.tag);
	if (problem) throw new RegistryError({ code: 'TAG_INVALID', registry: options.registry, message: problem });
	const client = clientFor(options);
	const text = serializeProgressDocument(options.document);
	const bytes = Buffer.from(text, 'utf8');
	const call = options.signal ? { signal: options.signal } : {};
	const documentDigest = await client.pushBlob(options.repository, bytes, call);
	const configDigest = await client.pushBlob(options.repository, EMPTY_CONFIG, call);
	const manifest = progressManifest(documentDigest, bytes.length, configDigest);
	const digest = await putManifestSettling(() => client.putManifest(options.repository, options.tag, manifest, OCI_MANIFEST_TYPE, call));
	return { repository: options.repository, tag: options.tag, digest, text };
}

/**
 * Distribution's file storage can, for a moment, see a blob that many learners pushed at once (the
 * empty config) as present but not yet linked to the repository, and refuse a manifest naming it.
 * The blobs are there: asking again shortly after succeeds.
 */
async function putManifestSettling(put: () => Promise<string>): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await put();
		} catch (error) {
			const isTransient = isRegistryError(error) && (error.code === 'DIGEST_INVALID' || error.code === 'MANIFEST_BLOB_UNKNOWN');
			if (!isTransient || attempt >= 4) throw error;
			await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
		}
	}
}

export interface ReadOptions extends ClassRegistryOptions {
	/** Artifacts fetched at once. Default 8. */
	concurrency?: number;
	/** Tags asked for per page of the tag list. Default 100. */
	pageSize?: number;
}

export interface ClassProgress {
	/** One per learner whose artifact could be read, in tag order. */
	documents: ProgressDocument[];
	/** Tags that hold something else, or could not be read, with why. */
	problems: { tag: string; message: string }[];
}

/** Runs `work` over `items` with at most `limit` at once, keeping the items' order in the results. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}

/** Every learner's published progress: the tag list (all pages), then each artifact, a bounded few at a time. */
export async function readClassProgress(options: ReadOptions): Promise<ClassProgress> {
	const client = clientFor(options);
	const call = options.signal ? { signal: options.signal } : {};
	let tags: string[];
	try {
		tags = await client.listTags(options.repository, { ...call, pageSize: options.pageSize ?? 100 });
	} catch (error) {
		// Nobody has published to this lab yet.
		if (isRegistryError(error) && error.code === 'NAME_UNKNOWN') return { documents: [], problems: [] };
		throw error;
	}
	const read = async (tag: string): Promise<{ document: ProgressDocument } | { problem: string }> => {
		try {
			const manifest = await client.getManifest(options.repository, tag, call);
			const layer = progressLayer(manifest.body);
			if (!layer) return { problem: 'it is not a registry-lab progress artifact' };
			const blob = await client.getBlob(options.repository, layer, call);
			const parsed = parseProgressDocument(blob.toString('utf8'));
			if ('problem' in parsed) return parsed;
			if (parsed.document.learner !== tag) return { problem: `it was published as ${parsed.document.learner}, not ${tag}` };
			return parsed;
		} catch (error) {
			if (options.signal?.aborted || !isRegistryError(error)) throw error;
			return { problem: error.message };
		}
	};
	const results = await mapBounded(tags, options.concurrency ?? DEFAULT_CONCURRENCY, read);
	const documents: ProgressDocument[] = [];
	const problems: ClassProgress['problems'] = [];
	results.forEach((result, index) => {
		if ('document' in result) documents.push(result.document);
		else problems.push({ tag: tags[index]!, message: result.problem });
	});
	return { documents, problems };
}

/** The digest of the progress document in an artifact manifest, or undefined for anything else. Pure. */
export function progressLayer(manifestText: string): string | undefined {
	try {
		const manifest = JSON.parse(manifestText) as { artifactType?: unknown; layers?: { mediaType?: unknown; digest?: unknown }[] };
		if (manifest.artifactType !== PROGRESS_ARTIFACT_TYPE || !Array.isArray(manifest.layers)) return undefined;
		const layer = manifest.layers.find((each) => each.mediaType === PROGRESS_MEDIA_TYPE);
		return typeof layer?.digest === 'string' ? layer.digest : undefined;
	} catch {
		return undefined;
	}
}
