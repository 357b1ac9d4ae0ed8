// Registry error bodies (`{"errors":[{"code","message","detail"}]}`) and client failures, turned
// into plain words for a learner. Pure: the client decides when to throw.

/** Codes a registry sends (Distribution's errcode table, OCI spec). */
export const registryErrorCodes = [
	'UNKNOWN',
	'UNSUPPORTED',
	'UNAUTHORIZED',
	'DENIED',
	'UNAVAILABLE',
	'TOOMANYREQUESTS',
	'DIGEST_INVALID',
	'SIZE_INVALID',
	'RANGE_INVALID',
	'NAME_INVALID',
	'TAG_INVALID',
	'NAME_UNKNOWN',
	'MANIFEST_UNKNOWN',
	'MANIFEST_INVALID',
	'MANIFEST_UNVERIFIED',
	'MANIFEST_BLOB_UNKNOWN',
	'BLOB_UNKNOWN',
	'BLOB_UPLOAD_UNKNOWN',
	'BLOB_UPLOAD_INVALID',
	'PAGINATION_NUMBER_INVALID',
] as const;

/** Codes for failures found on our side of the connection. */
export const clientErrorCodes = [
	/** Nothing listens on the port, or the host name does not resolve. */
	'UNREACHABLE',
	/** No answer within the time allowed. */
	'TIMEOUT',
	/** The caller's abort signal fired. */
	'CANCELED',
	/** HTTPS failed (e.g. the server speaks plain HTTP). */
	'TLS',
	/** Something answers on the port, but it is not a registry (e.g. AirPlay Receiver). */
	'NOT_A_REGISTRY',
	/** The registry answered with something we cannot read. */
	'BAD_RESPONSE',
	/** The content did not hash to the digest the registry named. */
	'DIGEST_MISMATCH',
] as const;

export type RegistryErrorCode = (typeof registryErrorCodes)[number] | (typeof clientErrorCodes)[number];

export interface RegistryErrorInfo {
	code: RegistryErrorCode;
	/** The registry's own message, when it sent one. */
	registryMessage?: string;
	detail?: unknown;
}

/** What a message is about; every field is optional so any call site can describe itself. */
export interface ErrorSubject {
	/** The registry as the learner writes it: `localhost:5000`, `docker.io`. */
	registry: string;
	/** Repository path, e.g. `alpine`, `learner1/curl`. */
	repository?: string;
	/** Tag or digest. */
	reference?: string;
}

/** A failure of a registry call. `message` is written for a learner; never show `stack`. */
export class RegistryError extends Error {
	override readonly name = 'RegistryError';
	readonly code: RegistryErrorCode;
	readonly status?: number;
	readonly registry: string;
	readonly registryMessage?: string;
	readonly detail?: unknown;

	constructor(options: {
		code: RegistryErrorCode;
		message: string;
		status?: number;
		registry: string;
		registryMessage?: string;
		detail?: unknown;
	}) {
		super(options.message);
		this.code = options.code;
		this.status = options.status;
		this.registry = options.registry;
		this.registryMessage = options.registryMessage;
		this.detail = options.detail;
	}
}

export function isRegistryError(value: unknown): value is RegistryError {
	return value instanceof RegistryError;
}

/** The first error in a registry's JSON error body, or undefined when the body is not one. Unknown codes become UNKNOWN. */
export function parseErrorBody(text: string): RegistryErrorInfo | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const errors = (parsed as { errors?: unknown }).errors;
	if (!Array.isArray(errors) || errors.length === 0) return undefined;
	const first = errors[0] as { code?: unknown; message?: unknown; detail?: unknown };
	if (typeof first !== 'object' || first === null) return undefined;
	const rawCode = typeof first.code === 'string' ? first.code.toUpperCase() : 'UNKNOWN';
	const code = (registryErrorCodes as readonly string[]).includes(rawCode) ? (rawCode as RegistryErrorCode) : 'UNKNOWN';
	return {
		code,
		registryMessage: typeof first.message === 'string' && first.message !== '' ? first.message : undefined,
		detail: first.detail,
	};
}

/** The code a bare HTTP status implies, for answers without an error body (HEAD, proxies). */
export function codeForStatus(status: number): RegistryErrorCode {
	switch (status) {
		case 401:
			return 'UNAUTHORIZED';
		case 403:
			return 'DENIED';
		case 404:
			return 'NAME_UNKNOWN';
		case 405:
			return 'UNSUPPORTED';
		case 429:
			return 'TOOMANYREQUESTS';
		case 503:
			return 'UNAVAILABLE';
		default:
			return 'UNKNOWN';
	}
}

/** The login command for a registry; Docker Hub's is plain `docker login`. */
export function loginCommand(registry: string): string {
	return registry === 'docker.io' ? 'docker login' : `docker login ${registry}`;
}

function repositoryOf(subject: ErrorSubject): string {
	return subject.repository ? displayRepository(subject.registry, subject.repository) : 'this repository';
}

/** Docker Hub's official images live under `library/`, which Docker never shows. */
export function displayRepository(registry: string, repository: string): string {
	return registry === 'docker.io' && repository.startsWith('library/') ? repository.slice('library/'.length) : repository;
}

function isLoopback(registry: string): boolean {
	const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

/** Plain words for a code, naming what the learner can do about it. */
export function describeError(code: RegistryErrorCode, subject: ErrorSubject): string {
	const { registry } = subject;
	const repository = repositoryOf(subject);
	const reference = subject.reference ?? 'this tag';
	const byDigest = subject.reference?.includes(':') ?? false;
	switch (code) {
		case 'UNAUTHORIZED':
			return `the registry ${registry} wants a login${subject.repository ? ` for ${repository}` : ''} — log in with: ${loginCommand(registry)}`;
		case 'DENIED':
			return subject.repository
				? `the registry ${registry} refused access to ${repository}: it may not exist, or your login may not be allowed to use it`
				: `the registry ${registry} refused access: your login may not be allowed to do this`;
		case 'UNAVAILABLE':
			return `the registry ${registry} is unavailable right now — try again in a moment`;
		case 'TOOMANYREQUESTS':
			return `the registry ${registry} has had too many requests from you — wait a while, or log in (${loginCommand(registry)}) for a higher limit`;
		case 'UNSUPPORTED':
			return `the registry ${registry} does not support this request`;
		case 'DIGEST_INVALID':
			return `the registry ${registry} says the content did not match its digest — push again`;
		case 'SIZE_INVALID':
			return `the registry ${registry} says the content length did not match — push again`;
		case 'RANGE_INVALID':
			return `the registry ${registry} rejected the upload's byte range — push again`;
		case 'NAME_INVALID':
			return `${repository} is not a valid repository name for ${registry}: use lowercase letters, digits and separators (. _ -), with / between parts`;
		case 'TAG_INVALID':
			return `the registry ${registry} says the tag inside the manifest does not match the tag in the request`;
		case 'NAME_UNKNOWN':
			return `the registry ${registry} has no repository named ${repository}`;
		case 'MANIFEST_UNKNOWN':
			return byDigest
				? `the registry ${registry} has no image ${repository}@${reference}`
				: `the registry ${registry} has no tag ${reference} in ${repository}`;
		case 'MANIFEST_INVALID':
			return `the registry ${registry} rejected the image manifest as invalid`;
		case 'MANIFEST_UNVERIFIED':
			return `the registry ${registry} could not verify the manifest's signature`;
		case 'MANIFEST_BLOB_UNKNOWN':
			return `the registry ${registry} is missing a layer the manifest refers to — push the whole image again`;
		case 'BLOB_UNKNOWN':
			return `the registry ${registry} does not have this layer`;
		case 'BLOB_UPLOAD_UNKNOWN':
		case 'BLOB_UPLOAD_INVALID':
			return `the registry ${registry} lost track of an upload — push again`;
		case 'PAGINATION_NUMBER_INVALID':
			return `the registry ${registry} refused the page size asked for`;
		case 'UNREACHABLE':
			return isLoopback(registry)
				? `nothing answered at ${registry} — is the registry container running? (docker ps)`
				: `could not reach ${registry} — check the name and your internet connection`;
		case 'TIMEOUT':
			return `${registry} did not answer in time`;
		case 'CANCELED':
			return `the request to ${registry} was canceled`;
		case 'TLS':
			return `could not talk HTTPS to ${registry} — if it is a plain-HTTP registry, it must be on localhost or set as an insecure registry`;
		case 'NOT_A_REGISTRY':
			return `something answers at ${registry}, but it is not a Docker registry`;
		case 'BAD_RESPONSE':
			return `the registry ${registry} sent an answer that could not be read`;
		case 'DIGEST_MISMATCH':
			return `the content from ${registry} does not match its digest`;
		case 'UNKNOWN':
			return `the registry ${registry} reported an error`;
	}
}

/** The message a learner reads when port 5000 on a Mac belongs to AirPlay Receiver. */
export function airPlayMessage(registry: string): string {
	return `${registry} is answered by macOS AirPlay Receiver, not a registry. Turn AirPlay Receiver off in System Settings → General → AirDrop & Handoff (older macOS: System Preferences → Sharing), or run the registry on another port.`;
}
