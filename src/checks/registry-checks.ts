// The typed registry checks: `tags` (a repository lists these tags) and `pushed` (the registry's
// digest for a tag is the local image's). They ask the registry API directly, with the learner's
// Docker logins, where grepping `curl` or `docker` output would be fragile.
import { interpolate } from '../lab/interpolate.js';
import type { PushedCheck, TagsCheck } from '../lab/schema.js';
import { createRegistryClient, type RegistryClient } from '../registry/client.js';
import { dockerConfigCredentials } from '../registry/docker-credentials.js';
import { familiarName, parseNormalizedReference, type Reference } from '../registry/reference.js';
import { displayRepository, RegistryError } from '../registry/registry-errors.js';
import { runArgv } from '../process/run-command.js';
import type { CheckContext, CheckResult, CheckStatus } from './types.js';

const DEFAULT_TIMEOUT_SECONDS = 10;

function timeoutMsFor(check: { timeout?: number }, ctx: CheckContext): number {
	return (check.timeout ?? ctx.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
}

function clientFor(ref: Reference, check: { timeout?: number }, ctx: CheckContext): RegistryClient {
	return createRegistryClient({
		registry: ref.domain,
		credentials: dockerConfigCredentials({ env: ctx.env }),
		timeoutMs: timeoutMsFor(check, ctx),
	});
}

function resultMaker(subject: string, started: number) {
	return (status: CheckStatus, message = '', detail = '', extra: Partial<CheckResult> = {}): CheckResult => ({
		status,
		message,
		detail,
		subject,
		outputTail: '',
		durationMs: Math.round(performance.now() - started),
		...extra,
	});
}

type Finish = ReturnType<typeof resultMaker>;

function parseOrFail(text: string, what: string, finish: Finish): Reference | CheckResult {
	try {
		return parseNormalizedReference(text);
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return finish('failed', `${text} is not a valid ${what}: ${why}`, `expected an image reference, got "${text}"`);
	}
}

/** A registry failure that is not about the learner's answer (unreachable, login, timeout) as a result. */
function fromRegistryError(error: unknown, finish: Finish, action: string): CheckResult {
	if (!(error instanceof RegistryError)) {
		const why = error instanceof Error ? error.message : String(error);
		return finish('failed', `could not ${action}: ${why}`, `${action}: unexpected error`);
	}
	if (error.code === 'CANCELED') return finish('canceled', error.message);
	if (error.code === 'TIMEOUT') return finish('timed-out', error.message, `${action}: no answer in time`);
	const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
	return finish('failed', error.message, `${action}: ${error.code}${status}`);
}

const list = (items: readonly string[]) => `[${items.join(', ')}]`;

/** Passes when the repository lists every tag in `include`. */
export async function runTagsCheck(check: TagsCheck, ctx: CheckContext): Promise<CheckResult> {
	const started = performance.now();
	const text = interpolate(check.tags, ctx.vars);
	const include = check.include.map((tag) => interpolate(tag, ctx.vars));
	const fail = check.fail === undefined ? undefined : interpolate(check.fail, ctx.vars);
	const finish = resultMaker(`tags of ${text}`, started);

	const ref = parseOrFail(text, 'repository name', finish);
	if (!('path' in ref)) return ref;
	const shown = familiarName(ref);

	let tags: string[];
	try {
		tags = await clientFor(ref, check, ctx).listTags(ref.path, { signal: ctx.signal });
	} catch (error) {
		if (error instanceof RegistryError && error.code === 'NAME_UNKNOWN') {
			return finish(
				'failed',
				fail ?? `${ref.domain} has no repository ${displayRepository(ref.domain, ref.path)} yet — push an image to it first`,
				`expected tags to include ${list(include)}, registry has no repository ${ref.path}`,
			);
		}
		return fromRegistryError(error, finish, `read the tags of ${shown}`);
	}

	const missing = include.filter((tag) => !tags.includes(tag));
	if (missing.length === 0) return finish('passed');
	const plain = `${shown} does not have the tag${missing.length === 1 ? '' : 's'} ${missing.join(', ')} yet`;
	// Registries list tags in their own order (Distribution 2.8: storage order); sorted reads better.
	const listed = [...tags].sort();
	return finish('failed', fail ?? plain, `expected tags to include ${list(include)}, registry has ${list(listed)}`);
}

/** The digests in `docker image inspect`'s RepoDigests that belong to this repository. */
export function digestsForRepository(repoDigests: unknown, ref: Reference): string[] {
	if (!Array.isArray(repoDigests)) return [];
	const digests: string[] = [];
	for (const entry of repoDigests) {
		if (typeof entry !== 'string') continue;
		try {
			const parsed = parseNormalizedReference(entry);
			if (parsed.domain === ref.domain && parsed.path === ref.path && parsed.digest) digests.push(parsed.digest);
		} catch {
			// Not a reference: nothing Docker would print here; skip it.
		}
	}
	return digests;
}

/** What the local image is: its ID (the config digest, or with containerd's store the manifest's) and its RepoDigests. */
export interface LocalImage {
	id: string | undefined;
	repoDigests: string[];
}

/**
 * Reads `ID RepoDigests-as-JSON` as the inspect format below prints it. Podman's own command (the
 * podman-docker shim) prints the ID without `sha256:`, and refuses `{{json .Id}}`, hence the plain ID.
 */
export function parseLocalImage(printed: string, ref: Reference): LocalImage | undefined {
	const match = /^(\S+) (.*)$/.exec(printed.trim().split('\n')[0] ?? '');
	if (!match) return undefined;
	const [, id = '', digests = ''] = match;
	let repoDigests: unknown;
	try {
		repoDigests = JSON.parse(digests);
	} catch {
		return undefined;
	}
	if (repoDigests !== null && !Array.isArray(repoDigests)) return undefined;
	const digest = /^[0-9a-f]{64}$/.test(id) ? `sha256:${id}` : /^sha256:[0-9a-f]{64}$/.test(id) ? id : undefined;
	return { id: digest, repoDigests: digestsForRepository(repoDigests, ref) };
}

/** How many images of a multi-platform index are looked at for the local one. */
const MAX_INDEX_ENTRIES = 16;

const indexMediaTypes = new Set(['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json']);

/** The config digests a manifest names: its own, or (an index) each platform's, up to a bound. */
async function configDigests(
	client: RegistryClient,
	repository: string,
	manifest: { mediaType: string; body: string },
	signal: AbortSignal | undefined,
	isTop = true,
): Promise<string[]> {
	let parsed: { config?: { digest?: unknown }; manifests?: { digest?: unknown }[] };
	try {
		parsed = JSON.parse(manifest.body) as typeof parsed;
	} catch {
		return [];
	}
	if (typeof parsed.config?.digest === 'string') return [parsed.config.digest];
	if (!isTop || !indexMediaTypes.has(manifest.mediaType) || !Array.isArray(parsed.manifests)) return [];
	const children = parsed.manifests
		.map((entry) => entry.digest)
		.filter((digest): digest is string => typeof digest === 'string')
		.slice(0, MAX_INDEX_ENTRIES);
	const found = await Promise.all(
		children.map(async (digest) => {
			const child = await client.getManifest(repository, digest, { signal });
			return configDigests(client, repository, child, signal, false);
		}),
	);
	return found.flat();
}

/**
 * Whether what the registry holds for the tag is the local image. Engines name an image by its
 * config's digest (Docker's classic store, Podman) or its manifest's (Docker with containerd's
 * store), and record the manifest digest of their own pushes in RepoDigests; but Podman's push
 * writes a manifest of its own whose digest it does not always record, so each is asked.
 */
export function isSameImage(local: LocalImage, remote: { digest: string; configDigests: readonly string[] }): boolean {
	if (local.repoDigests.includes(remote.digest)) return true;
	return local.id !== undefined && (local.id === remote.digest || remote.configDigests.includes(local.id));
}

/**
 * Passes when the registry has the tag and, while the local name exists, the registry's image is
 * the local image (so a stale push does not count).
 */
export async function runPushedCheck(check: PushedCheck, ctx: CheckContext): Promise<CheckResult> {
	const started = performance.now();
	const text = interpolate(check.pushed, ctx.vars);
	const fail = check.fail === undefined ? undefined : interpolate(check.fail, ctx.vars);
	const finish = resultMaker(`${text} pushed`, started);

	const parsed = parseOrFail(text, 'image reference', finish);
	if (!('path' in parsed)) return parsed;
	const ref = parsed.withDefaultTag();
	const shown = ref.familiar();
	const reference = ref.tag ?? ref.digest!;

	/** The registry's image for the tag, compared with the local image (undefined: no local image of that name). */
	const compareWithRegistry = async (local: LocalImage | undefined): Promise<CheckResult> => {
		const client = clientFor(ref, check, ctx);
		let remote: { digest: string; configDigests: string[] };
		try {
			const manifest = await client.getManifest(ref.path, reference, { signal: ctx.signal });
			// The local name is gone (a later step removed it to pull it back): what was pushed is still
			// pushed, so the registry's tag alone decides.
			if (local === undefined) return finish('passed');
			remote = { digest: manifest.digest, configDigests: await configDigests(client, ref.path, manifest, ctx.signal) };
		} catch (error) {
			if (error instanceof RegistryError && (error.code === 'NAME_UNKNOWN' || error.code === 'MANIFEST_UNKNOWN')) {
				return finish(
					'failed',
					fail ??
						(local === undefined
							? `there is no image ${shown} on this machine or in its registry — build or tag it, then push it: docker push ${shown}`
							: `${shown} is not in the registry yet — push it: docker push ${shown}`),
					`expected ${ref.domain} to have ${ref.path}:${reference}${local === undefined ? ` (there is no local image ${shown} to compare with)` : ''}, it has no such ${ref.tag ? 'tag' : 'image'}`,
				);
			}
			return fromRegistryError(error, finish, `read the manifest of ${shown} from ${ref.domain}`);
		}

		if (isSameImage(local, remote)) return finish('passed');
		const image = remote.configDigests.length === 1 ? ` (image ${remote.configDigests[0]})` : '';
		return finish(
			'failed',
			`the registry has a different image for this tag — push again: docker push ${shown}`,
			`registry has ${remote.digest}${image}, the local image is ${local.id ?? 'unknown'}${local.repoDigests.length === 0 ? '' : ` with ${list(local.repoDigests)}`}`,
		);
	};

	const inspect = await runArgv(['docker', 'image', 'inspect', '--format', '{{.Id}} {{json .RepoDigests}}', text], {
		env: ctx.env,
		signal: ctx.signal,
		timeoutMs: timeoutMsFor(check, ctx),
	});
	const localResult = { outputTail: inspect.outputTail, ...(inspect.exitCode === undefined ? {} : { exitCode: inspect.exitCode }) };
	if (inspect.status === 'canceled' || inspect.status === 'timed-out' || inspect.status === 'spawn-error') {
		return finish(inspect.status, inspect.message, 'docker image inspect did not finish', localResult);
	}
	if (inspect.status !== 'passed') {
		if (/no such (image|object)|image not known/i.test(inspect.stderr)) return compareWithRegistry(undefined);
		if (/cannot connect to the docker daemon|is the docker daemon running/i.test(inspect.stderr)) {
			return finish(
				'failed',
				'Docker is not running — start Docker, then try again',
				'docker image inspect could not reach the Docker engine',
				localResult,
			);
		}
		return finish('failed', inspect.message, 'docker image inspect failed', localResult);
	}

	const local = parseLocalImage(inspect.stdout, ref);
	if (local === undefined) {
		return finish(
			'failed',
			`could not read what docker image inspect printed for ${shown}`,
			'expected the image ID, then its RepoDigests as JSON',
			localResult,
		);
	}
	return compareWithRegistry(local);
}
