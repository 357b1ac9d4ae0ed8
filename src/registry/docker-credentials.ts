// Registry logins the way the docker CLI finds them: ~/.docker/config.json (or $DOCKER_CONFIG),
// `credHelpers` per registry, then `credsStore`, then the file's own `auths`. The lookups are
// pure; reading the file and running `docker-credential-<name> get` are the only effects.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RegistryCredentials {
	username: string;
	password: string;
}

/** Gives the login for a registry (as written in references: `docker.io`, `localhost:5000`), or undefined for anonymous. */
export type CredentialSource = (registry: string) => Promise<RegistryCredentials | undefined>;

export interface DockerAuthEntry {
	auth?: string;
	username?: string;
	password?: string;
	identitytoken?: string;
}

/** The parts of config.json that hold logins. */
export interface DockerConfigFile {
	auths?: Record<string, DockerAuthEntry>;
	credsStore?: string;
	credHelpers?: Record<string, string>;
}

/** The key Docker files Docker Hub logins under (its legacy index URL). */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

const dockerHubNames = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Where config.json lives: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Readonly<Record<string, string | undefined>>): string {
	const fromEnv = env.DOCKER_CONFIG;
	return fromEnv && fromEnv !== '' ? fromEnv : join(homedir(), '.docker');
}

/** Docker's ConvertToHostname: `https://host:5000/v1/` → `host:5000`. */
export function hostnameOfKey(key: string): string {
	const withoutScheme = key.replace(/^https?:\/\//i, '');
	return withoutScheme.split('/')[0]!.toLowerCase();
}

function isDockerHub(registry: string): boolean {
	return dockerHubNames.has(hostnameOfKey(registry));
}

/** The server address Docker uses as the key for a registry's login (and sends to credential helpers). */
export function serverAddressFor(registry: string): string {
	return isDockerHub(registry) ? DOCKER_HUB_SERVER : hostnameOfKey(registry);
}

/** Whether a config key (any of the forms Docker has written over the years) names this registry. */
function keyMatches(key: string, registry: string): boolean {
	return isDockerHub(registry) ? isDockerHub(key) : hostnameOfKey(key) === hostnameOfKey(registry);
}

/** The entry for a registry in a keyed map: the exact server address first, then any equivalent key. */
function entryFor<T>(map: Record<string, T> | undefined, registry: string): T | undefined {
	if (!map) return undefined;
	const exact = map[serverAddressFor(registry)];
	if (exact !== undefined) return exact;
	const key = Object.keys(map).find((candidate) => keyMatches(candidate, registry));
	return key === undefined ? undefined : map[key];
}

/** Basic credentials from a config.json `auths` entry (base64 `auth`, or `username` + `password`). */
export function credentialsFromAuthEntry(entry: DockerAuthEntry | undefined): RegistryCredentials | undefined {
	if (!entry) return undefined;
	if (entry.auth) {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon > 0) {
			const credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
			if (credentials.password !== '') return credentials;
		}
	}
	// Like Distribution's client: credentials only count when both parts are there.
	if (entry.username && entry.password) return { username: entry.username, password: entry.password };
	return undefined;
}

/** The login stored in the file itself for a registry. */
export function findAuthEntry(config: DockerConfigFile, registry: string): RegistryCredentials | undefined {
	return credentialsFromAuthEntry(entryFor(config.auths, registry));
}

/** The credential helper (the `<name>` of docker-credential-<name>) that holds this registry's login, if any. */
export function helperFor(config: DockerConfigFile, registry: string): string | undefined {
	const specific = entryFor(config.credHelpers, registry);
	if (specific) return specific;
	return config.credsStore && config.credsStore !== '' ? config.credsStore : undefined;
}

/** Reads a helper's `get` answer: `{"ServerURL","Username","Secret"}`. */
export function parseHelperOutput(stdout: string): RegistryCredentials | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(stdout);
	} catch {
		return undefined;
	}
	if (typeof parsed !== 'object' || parsed === null) return undefined;
	const { Username: username, Secret: secret } = parsed as { Username?: unknown; Secret?: unknown };
	if (typeof username !== 'string' || typeof secret !== 'string') return undefined;
	// `<token>` marks an identity token for OAuth refresh, which Basic auth cannot use.
	if (username === '' || secret === '' || username === '<token>') return undefined;
	return { username, password: secret };
}

/** Reads config.json from a folder; undefined when it is missing or not JSON (Docker would then also work anonymously or fail itself). */
export async function readDockerConfig(configDir: string): Promise<DockerConfigFile | undefined> {
	let text: string;
	try {
		text = await readFile(join(configDir, 'config.json'), 'utf8');
	} catch {
		return undefined;
	}
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfigFile) : undefined;
	} catch {
		return undefined;
	}
}

export interface HelperRunOptions {
	env: Record<string, string | undefined>;
	signal?: AbortSignal;
	timeoutMs?: number;
}

/**
 * Runs a credential helper with the server address on stdin. The checks' runArgv cannot feed stdin
 * (checks must never wait for input), so this one small process start lives here.
 */
function runHelperProcess(
	argv: [string, ...string[]],
	stdin: string,
	options: HelperRunOptions,
): Promise<{ exitCode: number; stdout: string } | undefined> {
	return new Promise((resolve) => {
		try {
			const child = execFile(
				argv[0],
				argv.slice(1),
				{ env: options.env, timeout: options.timeoutMs ?? 10_000, signal: options.signal, maxBuffer: 64 * 1024, windowsHide: true },
				(error, stdout) => {
					// A missing helper, a timeout or a kill: no login from it.
					if (error && typeof error.code !== 'number') return resolve(undefined);
					resolve({ exitCode: error ? Number(error.code) : 0, stdout: String(stdout) });
				},
			);
			child.stdin?.on('error', () => {
				// The helper may exit before reading stdin; its exit code tells the story.
			});
			child.stdin?.end(stdin);
		} catch {
			resolve(undefined);
		}
	});
}

/** Runs `docker-credential-<helper> get` with the server address on stdin; undefined when it has no login or cannot run. */
export async function credentialsFromHelper(
	helper: string,
	serverAddress: string,
	options: HelperRunOptions,
): Promise<RegistryCredentials | undefined> {
	// Like a PATH lookup, never a path: a config cannot point us at ../../something.
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) return undefined;
	const result = await runHelperProcess([`docker-credential-${helper}`, 'get'], serverAddress, options);
	// A helper exits non-zero with "credentials not found" when it has no login for this server.
	if (!result || result.exitCode !== 0) return undefined;
	return parseHelperOutput(result.stdout);
}

export interface DockerConfigCredentialsOptions {
	/** Folder holding config.json; default $DOCKER_CONFIG or ~/.docker. */
	configDir?: string;
	/** Environment for credential helpers (PATH) and DOCKER_CONFIG, decided at the top. */
	env: Record<string, string | undefined>;
	timeoutMs?: number;
}

/** A CredentialSource reading the Docker config fresh on each call, so a `docker login` the learner just did counts. */
export function dockerConfigCredentials(options: DockerConfigCredentialsOptions): CredentialSource {
	return async (registry) => {
		const env = options.env;
		const config = await readDockerConfig(options.configDir ?? dockerConfigDir(env));
		if (!config) return undefined;
		const helper = helperFor(config, registry);
		if (helper) {
			const fromHelper = await credentialsFromHelper(helper, serverAddressFor(registry), { env, timeoutMs: options.timeoutMs });
			if (fromHelper) return fromHelper;
		}
		return findAuthEntry(config, registry);
	};
}
