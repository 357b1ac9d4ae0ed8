// A small client for the registry HTTP API v2 (Distribution, Docker Hub, MCR, OCI registries):
// ping, tags and catalog with pagination, manifests and blobs (read, and pushed for the classroom's
// small artifacts), Basic and Bearer auth. Node's own
// fetch; every failure becomes a RegistryError whose message a learner can act on.
import { createHash } from 'node:crypto';
import { classifySocketError } from '../net/socket-errors.js';
import { challengeScopes, parseAuthChallenges, type AuthChallenge } from './auth-challenge.js';
import type { CredentialSource, RegistryCredentials } from './docker-credentials.js';
import {
	airPlayMessage,
	codeForStatus,
	describeError,
	displayRepository,
	parseErrorBody,
	RegistryError,
	loginCommand,
	type ErrorSubject,
	type RegistryErrorCode,
} from './registry-errors.js';

export type { CredentialSource, RegistryCredentials } from './docker-credentials.js';
export { dockerConfigCredentials } from './docker-credentials.js';
export { RegistryError, isRegistryError } from './registry-errors.js';

/** The manifest types we accept, newest Docker and OCI forms (what Docker Hub documents, what containerd sends). */
export const manifestMediaTypes = [
	'application/vnd.docker.distribution.manifest.v2+json',
	'application/vnd.docker.distribution.manifest.list.v2+json',
	'application/vnd.oci.image.manifest.v1+json',
	'application/vnd.oci.image.index.v1+json',
] as const;

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const MAX_PAGES = 10_000;
const MIN_TOKEN_SECONDS = 60;

export interface RegistryClientOptions {
	/** The registry as a reference names it: `docker.io`, `localhost:5000`, `mcr.microsoft.com`. */
	registry: string;
	/** Where logins come from; anonymous when absent. */
	credentials?: CredentialSource;
	/** Time allowed for each call (all its requests, pages and token fetches together). Default 10 s. */
	timeoutMs?: number;
	/** Plain HTTP. Default: HTTP for localhost and 127.x (as Docker does), HTTPS otherwise. */
	insecure?: boolean;
	/** Clock for token expiry, in ms; tests may replace it. */
	now?: () => number;
}

export interface CallOptions {
	signal?: AbortSignal;
	/** Overrides the client's timeout for this call. */
	timeoutMs?: number;
}

export interface PageOptions extends CallOptions {
	/** Entries per page (`n`); the registry's default when absent. */
	pageSize?: number;
}

export interface PingResult {
	/** `registry`: a v2 registry answers; `other`: some other server does; `unreachable`: nothing does. */
	kind: 'registry' | 'other' | 'unreachable';
	status?: number;
	/** The Server header, when one was sent. */
	server?: string;
	/** Plain words for the learner. */
	message: string;
}

export interface Manifest {
	/** Content-Type without parameters (or the body's own mediaType). */
	mediaType: string;
	/** `sha256:…` of the exact bytes the registry stores. */
	digest: string;
	/** The manifest as the registry sent it (JSON text); parse it yourself. */
	body: string;
}

export interface RegistryClient {
	readonly registry: string;
	/** e.g. `http://localhost:5000`, `https://registry-1.docker.io`. */
	readonly baseUrl: string;
	ping(options?: CallOptions): Promise<PingResult>;
	/** Every tag of a repository (its path, e.g. `alpine` or `learner1/curl`), across all pages. */
	listTags(repository: string, options?: PageOptions): Promise<string[]>;
	/** Every repository the registry lists, across all pages. */
	catalog(options?: PageOptions): Promise<string[]>;
	/** The digest of the manifest a tag (or digest) points to. */
	manifestDigest(repository: string, reference: string, options?: CallOptions): Promise<string>;
	getManifest(repository: string, reference: string, options?: CallOptions): Promise<Manifest>;
	/** A blob's bytes, checked against its digest. */
	getBlob(repository: string, digest: string, options?: CallOptions): Promise<Buffer>;
	/** Uploads a blob in one request (POST then PUT, with a push token); resolves to its digest. */
	pushBlob(repository: string, bytes: Uint8Array, options?: CallOptions): Promise<string>;
	/** Stores a manifest under a tag (or its digest); resolves to the manifest's digest. */
	putManifest(repository: string, reference: string, body: string, mediaType: string, options?: CallOptions): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** The host that serves a registry's API: Docker Hub's is not `docker.io`. */
export function registryHost(registry: string): string {
	const lower = registry.toLowerCase();
	return lower === 'docker.io' || lower === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** Hosts Docker talks plain HTTP to without being told: loopback. */
export function isLoopbackHost(hostWithPort: string): boolean {
	const host = hostWithPort
		.replace(/:\d+$/, '')
		.replace(/^\[(.*)\]$/, '$1')
		.toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function registryBaseUrl(registry: string, insecure?: boolean): string {
	const host = registryHost(registry);
	const useHttp = insecure ?? isLoopbackHost(host);
	return `${useHttp ? 'http' : 'https'}://${host}`;
}

/** The `rel="next"` target of a Link header, resolved against the URL that was requested. */
export function parseLinkNext(header: string | null | undefined, requestUrl: URL | string): URL | undefined {
	if (!header) return undefined;
	for (const match of header.matchAll(/<([^>]*)>([^,<]*)/g)) {
		const params = match[2] ?? '';
		if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) {
			try {
				return new URL(match[1] ?? '', requestUrl);
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

export interface TokenGrant {
	token: string;
	expiresInSeconds: number;
	/** ms since epoch, when the server said. */
	issuedAt?: number;
}

/** Reads a token server's answer: `access_token` wins over `token`; lifetimes under 60 s count as 60 s. */
export function tokenFromResponse(json: unknown): TokenGrant | undefined {
	if (typeof json !== 'object' || json === null) return undefined;
	const { access_token: accessToken, token, expires_in: expiresIn, issued_at: issuedAt } = json as Record<string, unknown>;
	const chosen =
		typeof accessToken === 'string' && accessToken !== '' ? accessToken : typeof token === 'string' && token !== '' ? token : undefined;
	if (!chosen) return undefined;
	const seconds = typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? Math.max(expiresIn, MIN_TOKEN_SECONDS) : MIN_TOKEN_SECONDS;
	const issued = typeof issuedAt === 'string' ? Date.parse(issuedAt) : Number.NaN;
	return { token: chosen, expiresInSeconds: seconds, issuedAt: Number.isNaN(issued) ? undefined : issued };
}

/** The scope a request needs to pull from a repository. */
export function pullScope(repository: string): string {
	return `repository:${repository}:pull`;
}

/** The scope a request needs to push to a repository (an upload also reads what it wrote). */
export function pushScope(repository: string): string {
	return `repository:${repository}:push,pull`;
}

export const CATALOG_SCOPE = 'registry:catalog:*';

const repositoryPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function sha256Digest(bytes: Uint8Array): string {
	return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

interface Answer {
	status: number;
	headers: Headers;
	body: Buffer;
	url: URL;
	/** Whether a login went with the request (Basic, or a token fetched with one). */
	loginSent?: boolean;
}

type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT';

interface RequestOptions {
	method?: HttpMethod;
	accept?: string;
	/** What a POST or PUT sends, with its Content-Type. */
	body?: { bytes: Uint8Array; contentType: string };
	/** The scope a Bearer token needs for this request; none for `/v2/`. */
	scope?: string;
	signal: AbortSignal;
}

interface CachedToken {
	token: string;
	expiresAt: number;
	/** Fetched with the learner's login, not anonymously. */
	withLogin: boolean;
}

class HttpRegistryClient implements RegistryClient {
	readonly registry: string;
	readonly baseUrl: string;
	private readonly host: string;
	private readonly credentialSource?: CredentialSource;
	private readonly timeoutMs: number;
	private readonly now: () => number;
	private credentials?: Promise<RegistryCredentials | undefined>;
	/** Learned from the first 401, so later requests send auth up front. */
	private scheme?: 'basic' | 'bearer';
	private bearer?: { realm: string; service?: string };
	private readonly tokens = new Map<string, CachedToken>();

	constructor(options: RegistryClientOptions) {
		this.registry = options.registry;
		this.baseUrl = registryBaseUrl(options.registry, options.insecure);
		this.host = new URL(this.baseUrl).host;
		this.credentialSource = options.credentials;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.now = options.now ?? Date.now;
	}

	async ping(options: CallOptions = {}): Promise<PingResult> {
		try {
			return await this.withDeadline(options, async (signal) => {
				const answer = await this.fetchOnce(new URL('/v2/', this.baseUrl), { method: 'GET', signal });
				return classifyPing(answer.status, (name) => answer.headers.get(name) ?? undefined, this.registry);
			});
		} catch (error) {
			if (!(error instanceof RegistryError) || error.code === 'CANCELED') throw error;
			if (error.code === 'UNREACHABLE' || error.code === 'TIMEOUT') return { kind: 'unreachable', message: error.message };
			return { kind: 'other', message: error.message };
		}
	}

	async listTags(repository: string, options: PageOptions = {}): Promise<string[]> {
		const path = this.apiRepository(repository);
		return this.withDeadline(options, (signal) => {
			const url = new URL(`/v2/${path}/tags/list`, this.baseUrl);
			return this.paginate(
				url,
				'tags',
				options.pageSize,
				pullScope(path),
				{ registry: this.registry, repository: path },
				'NAME_UNKNOWN',
				signal,
			);
		});
	}

	async catalog(options: PageOptions = {}): Promise<string[]> {
		return this.withDeadline(options, (signal) => {
			const url = new URL('/v2/_catalog', this.baseUrl);
			return this.paginate(url, 'repositories', options.pageSize, CATALOG_SCOPE, { registry: this.registry }, 'UNKNOWN', signal);
		});
	}

	async manifestDigest(repository: string, reference: string, options: CallOptions = {}): Promise<string> {
		const path = this.apiRepository(repository);
		this.checkReference(reference);
		return this.withDeadline(options, async (signal) => {
			const url = new URL(`/v2/${path}/manifests/${reference}`, this.baseUrl);
			const answer = await this.request(url, { method: 'HEAD', accept: manifestMediaTypes.join(', '), scope: pullScope(path), signal });
			const digest = answer.headers.get('docker-content-digest');
			if (answer.status === 200 && digest && digestPattern.test(digest)) return digest;
			// No digest header (older registries), or an error whose words are only in a GET body.
			return (await this.fetchManifest(path, reference, signal)).digest;
		});
	}

	async getManifest(repository: string, reference: string, options: CallOptions = {}): Promise<Manifest> {
		const path = this.apiRepository(repository);
		this.checkReference(reference);
		return this.withDeadline(options, (signal) => this.fetchManifest(path, reference, signal));
	}

	async getBlob(repository: string, digest: string, options: CallOptions = {}): Promise<Buffer> {
		const path = this.apiRepository(repository);
		this.checkReference(digest);
		return this.withDeadline(options, async (signal) => {
			const url = new URL(`/v2/${path}/blobs/${digest}`, this.baseUrl);
			const answer = await this.request(url, { scope: pullScope(path), signal });
			const subject = { registry: this.registry, repository: path, reference: digest };
			if (answer.status !== 200) throw this.failure(answer, subject, 'BLOB_UNKNOWN');
			const computed = sha256Digest(answer.body);
			if (digest.startsWith('sha256:') && computed !== digest) {
				throw new RegistryError({
					code: 'DIGEST_MISMATCH',
					registry: this.registry,
					status: answer.status,
					message: `${describeError('DIGEST_MISMATCH', subject)}: expected ${digest}, the content hashes to ${computed}`,
				});
			}
			return answer.body;
		});
	}

	async pushBlob(repository: string, bytes: Uint8Array, options: CallOptions = {}): Promise<string> {
		const path = this.apiRepository(repository);
		const digest = sha256Digest(bytes);
		return this.withDeadline(options, async (signal) => {
			const subject = { registry: this.registry, repository: path };
			const scope = pushScope(path);
			// Already there (the same bytes pushed before): nothing to send, as docker push does.
			if (await this.blobExists(path, digest, scope, signal)) return digest;
			// The monolithic upload: open a session (POST), then send every byte with the digest (PUT).
			const start = await this.request(new URL(`/v2/${path}/blobs/uploads/`, this.baseUrl), { method: 'POST', scope, signal });
			const location = start.headers.get('location');
			if (start.status !== 202) throw this.failure(start, subject, 'NAME_UNKNOWN');
			if (!location) throw this.badResponse(start, 'the upload has no Location');
			const put = new URL(location, start.url);
			put.searchParams.set('digest', digest);
			const done = await this.request(put, {
				method: 'PUT',
				scope,
				signal,
				body: { bytes, contentType: 'application/octet-stream' },
			});
			if (done.status !== 201) throw this.failure(done, subject, 'BLOB_UPLOAD_UNKNOWN');
			return digest;
		});
	}

	private async blobExists(path: string, digest: string, scope: string, signal: AbortSignal): Promise<boolean> {
		const url = new URL(`/v2/${path}/blobs/${digest}`, this.baseUrl);
		const answer = await this.request(url, { method: 'HEAD', scope, signal });
		return answer.status === 200;
	}

	async putManifest(repository: string, reference: string, body: string, mediaType: string, options: CallOptions = {}): Promise<string> {
		const path = this.apiRepository(repository);
		this.checkReference(reference);
		const bytes = Buffer.from(body, 'utf8');
		return this.withDeadline(options, async (signal) => {
			const url = new URL(`/v2/${path}/manifests/${reference}`, this.baseUrl);
			const answer = await this.request(url, { method: 'PUT', scope: pushScope(path), signal, body: { bytes, contentType: mediaType } });
			if (answer.status !== 201) throw this.failure(answer, { registry: this.registry, repository: path, reference }, 'NAME_UNKNOWN');
			return answer.headers.get('docker-content-digest') ?? sha256Digest(bytes);
		});
	}

	private async fetchManifest(path: string, reference: string, signal: AbortSignal): Promise<Manifest> {
		const url = new URL(`/v2/${path}/manifests/${reference}`, this.baseUrl);
		const answer = await this.request(url, { accept: manifestMediaTypes.join(', '), scope: pullScope(path), signal });
		const subject = { registry: this.registry, repository: path, reference };
		if (answer.status !== 200) throw this.failure(answer, subject, 'MANIFEST_UNKNOWN');
		const computed = sha256Digest(answer.body);
		const header = answer.headers.get('docker-content-digest') ?? undefined;
		const mismatch = (expected: string): RegistryError =>
			new RegistryError({
				code: 'DIGEST_MISMATCH',
				registry: this.registry,
				status: answer.status,
				message: `${describeError('DIGEST_MISMATCH', subject)}: expected ${expected}, the content hashes to ${computed}`,
			});
		if (header?.startsWith('sha256:') && header !== computed) throw mismatch(header);
		if (reference.startsWith('sha256:') && reference !== computed) throw mismatch(reference);
		const text = answer.body.toString('utf8');
		return { mediaType: this.mediaTypeOf(answer.headers.get('content-type'), text), digest: header ?? computed, body: text };
	}

	private mediaTypeOf(contentType: string | null, body: string): string {
		const fromHeader = (contentType ?? '').split(';')[0]!.trim();
		if (fromHeader !== '' && fromHeader !== 'application/json' && fromHeader !== 'text/plain') return fromHeader;
		try {
			const parsed = JSON.parse(body) as { mediaType?: unknown };
			if (typeof parsed.mediaType === 'string') return parsed.mediaType;
		} catch {
			// Not JSON: fall through to whatever the header said.
		}
		return fromHeader;
	}

	/** The API name for a repository: Docker Hub's official images live under `library/`. */
	private apiRepository(repository: string): string {
		const path = this.host === 'registry-1.docker.io' && !repository.includes('/') ? `library/${repository}` : repository;
		if (!repositoryPattern.test(path)) {
			throw new RegistryError({
				code: 'NAME_INVALID',
				registry: this.registry,
				message: describeError('NAME_INVALID', { registry: this.registry, repository: path }),
			});
		}
		return path;
	}

	private checkReference(reference: string): void {
		if (!tagPattern.test(reference) && !digestPattern.test(reference)) {
			throw new RegistryError({
				code: 'TAG_INVALID',
				registry: this.registry,
				message: `"${reference}" is not a valid tag or digest: a tag is up to 128 letters, digits, dots, dashes and underscores`,
			});
		}
	}

	private async paginate(
		first: URL,
		key: 'tags' | 'repositories',
		pageSize: number | undefined,
		scope: string,
		subject: ErrorSubject,
		notFound: RegistryErrorCode,
		signal: AbortSignal,
	): Promise<string[]> {
		if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) {
			throw new RegistryError({
				code: 'PAGINATION_NUMBER_INVALID',
				registry: this.registry,
				message: 'the page size must be a whole number of at least 1',
			});
		}
		if (pageSize !== undefined) first.searchParams.set('n', String(pageSize));
		const items: string[] = [];
		const seen = new Set<string>();
		const visited = new Set<string>();
		let url: URL | undefined = first;
		while (url && !visited.has(url.href) && visited.size < MAX_PAGES) {
			visited.add(url.href);
			const answer = await this.request(url, { accept: 'application/json', scope, signal });
			if (answer.status !== 200) throw this.failure(answer, subject, notFound);
			const page = this.parseList(answer, key);
			let added = 0;
			for (const item of page) {
				if (seen.has(item)) continue;
				seen.add(item);
				items.push(item);
				added++;
			}
			if (added === 0) break;
			let next = parseLinkNext(answer.headers.get('link'), url);
			// Registries that page without a Link header: a full page may mean there is more.
			if (!next && pageSize !== undefined && page.length >= pageSize) {
				next = new URL(url);
				next.searchParams.set('n', String(pageSize));
				next.searchParams.set('last', page[page.length - 1]!);
			}
			url = next;
		}
		return items;
	}

	private parseList(answer: Answer, key: 'tags' | 'repositories'): string[] {
		let parsed: unknown;
		try {
			parsed = JSON.parse(answer.body.toString('utf8'));
		} catch {
			throw this.badResponse(answer, 'it is not JSON');
		}
		if (typeof parsed !== 'object' || parsed === null) throw this.badResponse(answer, 'it is not a JSON object');
		const list = (parsed as Record<string, unknown>)[key];
		// Distribution answers `"tags": null` for a repository whose tags were all deleted.
		if (list === null || list === undefined) return [];
		if (!Array.isArray(list)) throw this.badResponse(answer, `"${key}" is not a list`);
		return list.filter((item): item is string => typeof item === 'string');
	}

	private badResponse(answer: Answer, why: string): RegistryError {
		return new RegistryError({
			code: 'BAD_RESPONSE',
			registry: this.registry,
			status: answer.status,
			message: `${describeError('BAD_RESPONSE', { registry: this.registry })} (${answer.url.pathname}: ${why})`,
		});
	}

	/** Turns a non-success answer into plain words: the registry's error code if it sent one, else the status. */
	private failure(answer: Answer, subject: ErrorSubject, notFound: RegistryErrorCode): RegistryError {
		const server = answer.headers.get('server') ?? '';
		if (/airtunes/i.test(server)) {
			return new RegistryError({
				code: 'NOT_A_REGISTRY',
				registry: this.registry,
				status: answer.status,
				message: airPlayMessage(this.registry),
			});
		}
		const info = parseErrorBody(answer.body.toString('utf8'));
		const code = info?.code ?? (answer.status === 404 ? notFound : codeForStatus(answer.status));
		let message = describeError(code, subject);
		if (code === 'UNAUTHORIZED' && answer.loginSent) {
			message =
				this.scheme === 'basic'
					? refusedLoginMessage(this.registry)
					: `the registry ${this.registry} did not let your login use ${subject.repository ? displayRepository(this.registry, subject.repository) : 'this'}: it may not exist, or your account may not be allowed to use it`;
		} else if (code === 'UNKNOWN') {
			message += info?.registryMessage ? `: ${info.registryMessage}` : ` (HTTP ${answer.status})`;
		}
		return new RegistryError({
			code,
			registry: this.registry,
			status: answer.status,
			registryMessage: info?.registryMessage,
			detail: info?.detail,
			message,
		});
	}

	/** Runs one API call under the client's deadline and the caller's signal, translating network failures. */
	private async withDeadline<T>(options: CallOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
		const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
		const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
		try {
			return await run(signal);
		} catch (error) {
			if (options.signal?.aborted) {
				throw new RegistryError({
					code: 'CANCELED',
					registry: this.registry,
					message: describeError('CANCELED', { registry: this.registry }),
				});
			}
			if (timeout.aborted) {
				const seconds = Math.round((options.timeoutMs ?? this.timeoutMs) / 100) / 10;
				throw new RegistryError({
					code: 'TIMEOUT',
					registry: this.registry,
					message: `${this.registry} did not answer within ${seconds} s`,
				});
			}
			if (error instanceof RegistryError) throw error;
			throw this.networkError(error);
		}
	}

	private networkError(error: unknown): RegistryError {
		const { kind, code } = classifySocketError(error);
		const subject = { registry: this.registry };
		if (kind === 'refused' || kind === 'unknown-host' || kind === 'unreachable' || kind === 'timeout') {
			return new RegistryError({ code: 'UNREACHABLE', registry: this.registry, message: describeError('UNREACHABLE', subject) });
		}
		if (kind === 'not-https' || kind === 'untrusted-certificate') {
			const message =
				kind === 'not-https'
					? `${this.registry} does not speak HTTPS — a plain-HTTP registry must be on localhost, or be set as an insecure registry`
					: `the HTTPS certificate of ${this.registry} is not trusted (${code})`;
			return new RegistryError({ code: 'TLS', registry: this.registry, message });
		}
		const why = code ?? (error instanceof Error ? error.message : String(error));
		return new RegistryError({
			code: 'BAD_RESPONSE',
			registry: this.registry,
			message: `the connection to ${this.registry} broke before it answered (${why})`,
		});
	}

	/** One API request with auth: sends what it knows, and on a 401 answers the challenge once. */
	private async request(url: URL, options: RequestOptions): Promise<Answer> {
		// The token just fetched for a retry, used even if a skewed clock already calls it expired.
		let fresh: { header: string; withLogin: boolean } | undefined;
		for (let attempt = 0; ; attempt++) {
			const headers: Record<string, string> = {};
			if (options.accept) headers.accept = options.accept;
			if (options.body) headers['content-type'] = options.body.contentType;
			const auth = fresh ?? (await this.authorizationFor(options.scope));
			if (auth) headers.authorization = auth.header;
			const answer = await this.fetchFollowing(url, {
				method: options.method ?? 'GET',
				headers,
				body: options.body?.bytes,
				signal: options.signal,
			});
			answer.loginSent = auth?.withLogin ?? false;
			if (answer.status !== 401 || answer.url.host !== this.host || attempt > 0) return answer;
			const challenges = parseAuthChallenges(answer.headers.get('www-authenticate'));
			const bearer = challenges.find((challenge) => challenge.scheme === 'bearer' && challenge.params.realm);
			if (bearer) {
				this.scheme = 'bearer';
				this.bearer = { realm: bearer.params.realm!, service: bearer.params.service };
				const token = await this.fetchToken(bearer, options.scope, options.signal);
				fresh = { header: `Bearer ${token.token}`, withLogin: token.withLogin };
				continue;
			}
			if (challenges.some((challenge) => challenge.scheme === 'basic')) {
				this.scheme = 'basic';
				if (!(await this.getCredentials())) return answer;
				continue;
			}
			return answer;
		}
	}

	private async authorizationFor(scope: string | undefined): Promise<{ header: string; withLogin: boolean } | undefined> {
		if (this.scheme === 'basic') {
			const credentials = await this.getCredentials();
			return credentials ? { header: basicAuthorization(credentials), withLogin: true } : undefined;
		}
		if (this.scheme === 'bearer') {
			const cached = this.tokens.get(scope ?? '');
			if (cached && cached.expiresAt > this.now()) return { header: `Bearer ${cached.token}`, withLogin: cached.withLogin };
		}
		return undefined;
	}

	private getCredentials(): Promise<RegistryCredentials | undefined> {
		if (!this.credentialSource) return Promise.resolve(undefined);
		// A broken credential store means anonymous access, as if there were no login.
		this.credentials ??= this.credentialSource(this.registry).catch(() => undefined);
		return this.credentials;
	}

	/** Asks the challenge's realm for a token covering our scope and any the registry named; caches it per scope. */
	private async fetchToken(challenge: AuthChallenge, scope: string | undefined, signal: AbortSignal): Promise<CachedToken> {
		let realm: URL;
		try {
			realm = new URL(challenge.params.realm!);
			if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new Error('not http');
		} catch {
			throw new RegistryError({
				code: 'BAD_RESPONSE',
				registry: this.registry,
				message: `the registry ${this.registry} named a login service that is not a web address: ${challenge.params.realm}`,
			});
		}
		const scopes = [...new Set([...(scope ? [scope] : []), ...challengeScopes(challenge)])];
		if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
		for (const each of scopes) realm.searchParams.append('scope', each);
		const credentials = await this.getCredentials();
		const headers: Record<string, string> = {};
		if (credentials) {
			realm.searchParams.set('account', credentials.username);
			headers.authorization = basicAuthorization(credentials);
		}
		const requestedAt = this.now();
		const answer = await this.fetchFollowing(realm, { method: 'GET', headers, signal });
		const repository = scope?.startsWith('repository:') ? scope.split(':')[1] : undefined;
		const subject = { registry: this.registry, repository };
		if (answer.status === 401 || answer.status === 403) {
			const message = credentials ? refusedLoginMessage(this.registry) : describeError('UNAUTHORIZED', subject);
			throw new RegistryError({ code: 'UNAUTHORIZED', registry: this.registry, status: answer.status, message });
		}
		if (answer.status !== 200) {
			throw new RegistryError({
				code: 'UNAVAILABLE',
				registry: this.registry,
				status: answer.status,
				message: `the login service of ${this.registry} (${realm.host}) answered HTTP ${answer.status} — try again in a moment`,
			});
		}
		let grant: TokenGrant | undefined;
		try {
			grant = tokenFromResponse(JSON.parse(answer.body.toString('utf8')));
		} catch {
			grant = undefined;
		}
		if (!grant) throw this.badResponse(answer, 'the login service sent no token');
		// issued_at may move the start earlier, never later than our own clock says.
		const start = grant.issuedAt !== undefined && grant.issuedAt < requestedAt ? grant.issuedAt : requestedAt;
		const cached = { token: grant.token, expiresAt: start + grant.expiresInSeconds * 1000, withLogin: credentials !== undefined };
		this.tokens.set(scope ?? '', cached);
		return cached;
	}

	/** A request following redirects by hand, so Authorization never goes to another host. */
	private async fetchFollowing(
		start: URL,
		init: { method: HttpMethod; headers: Record<string, string>; body?: Uint8Array; signal: AbortSignal },
	): Promise<Answer> {
		let url = start;
		const headers: Record<string, string> = { 'user-agent': 'registry-lab', ...init.headers };
		for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
			const answer = await this.fetchOnce(url, { method: init.method, headers, body: init.body, signal: init.signal });
			const location = answer.headers.get('location');
			if (![301, 302, 303, 307, 308].includes(answer.status) || !location) return answer;
			const next = new URL(location, url);
			if (next.host !== url.host || next.protocol !== url.protocol) delete headers.authorization;
			url = next;
		}
		throw new RegistryError({
			code: 'BAD_RESPONSE',
			registry: this.registry,
			message: `${this.registry} redirected more than ${MAX_REDIRECTS} times`,
		});
	}

	private async fetchOnce(
		url: URL,
		init: { method: HttpMethod; headers?: Record<string, string>; body?: Uint8Array; signal: AbortSignal },
	): Promise<Answer> {
		const response = await fetch(url, {
			method: init.method,
			headers: init.headers,
			// A copy typed as fetch wants it (a Buffer may sit on a shared pool); bodies here are small.
			...(init.body ? { body: new Uint8Array(init.body) } : {}),
			redirect: 'manual',
			signal: init.signal,
		});
		const body = init.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
		if (init.method === 'HEAD') await response.body?.cancel();
		return { status: response.status, headers: response.headers, body, url };
	}
}

function refusedLoginMessage(registry: string): string {
	return `the registry ${registry} refused the login Docker has stored for it — log in again with: ${loginCommand(registry)}`;
}

function basicAuthorization(credentials: RegistryCredentials): string {
	return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** What answered a registry's `/v2/`: a registry (by its API version header), AirPlay, or another server. Pure. */
export function classifyPing(status: number, header: (name: string) => string | undefined, registry: string): PingResult {
	const server = header('server');
	const apiVersion = header('docker-distribution-api-version') ?? '';
	const base = { status, ...(server ? { server } : {}) };
	if ((status === 200 || status === 401) && apiVersion.includes('registry/2.0')) {
		const login = status === 401 ? ' (it asks for a login)' : '';
		return { kind: 'registry', ...base, message: `a Docker registry answers at ${registry}${login}` };
	}
	if (server && /airtunes/i.test(server)) return { kind: 'other', ...base, message: airPlayMessage(registry) };
	const who = server ? `a server that calls itself "${server}"` : 'a server that does not name itself';
	return {
		kind: 'other',
		...base,
		message: `${who} answers at ${registry} (HTTP ${status}), but it is not a Docker registry — stop it, or use another port for the registry`,
	};
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
	return new HttpRegistryClient(options);
}
