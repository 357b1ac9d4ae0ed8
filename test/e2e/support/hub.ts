// A stand-in for Docker Hub: a registry:2 container that demands a login (htpasswd), on a free
// loopback port, with the test's Docker CLI logged in through a private DOCKER_CONFIG. Point the
// lab's `hub` variable at `host` and give the CLI under test `env`, and the online steps run offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerSync, removeLabelled } from './docker.js';
import { eventually } from '../../support/eventually.js';

/** On the hub container; deliberately not the lab's label, so the lab's cleanup never touches it. */
export const hubLabel = 'io.registry-lab.test=hub';

export interface Hub {
	/** Registry host for the lab's `hub` variable, e.g. `127.0.0.1:49153`. */
	host: string;
	username: string;
	password: string;
	/** Environment for every docker command and CLI run that must be logged in to the hub. */
	env: { DOCKER_CONFIG: string; DOCKER_HOST?: string };
	containerId: string;
	/** Logs the private Docker config in to the hub (done at start unless `login: false`). */
	login(): void;
	/** Removes the container and the private Docker config. Safe to call twice. */
	stop(): void;
}

export interface HubOptions {
	username?: string;
	password?: string;
	/** Registry image; default `registry:2` (the stand-in in CI). */
	image?: string;
	/** Seconds to wait for the registry to answer. Default 30. */
	readyTimeout?: number;
	/** False: do not log in yet (Podman must be told the hub speaks plain HTTP first). Default true. */
	login?: boolean;
	/** The name in `host`: Podman's API logs in over plain HTTP only to `localhost`. Default 127.0.0.1. */
	hostName?: string;
}

const htpasswdInContainer = '/etc/docker/registry/htpasswd';

/** A bcrypt htpasswd line, the only kind the registry accepts (needs apache2-utils). */
function htpasswdLine(username: string, password: string): string {
	try {
		return execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' });
	} catch (error) {
		throw new Error(`htpasswd failed (install apache2-utils): ${(error as Error).message}`);
	}
}

/**
 * The endpoint of the current Docker context, when it is not the default one: a private
 * DOCKER_CONFIG has no contexts, so without this the CLI would fall back to the default socket.
 */
function contextHost(): string | undefined {
	if (process.env.DOCKER_HOST) return undefined;
	const name = dockerSync(['context', 'show'], { reject: false }).stdout;
	if (name === '' || name === 'default') return undefined;
	const host = dockerSync(['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}', name], { reject: false }).stdout;
	return host || undefined;
}

/** A "registry is up and wants a login" answer from /v2/. */
async function answersAsHub(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.body?.cancel();
		return response.status === 401 && (response.headers.get('docker-distribution-api-version') ?? '').includes('registry/2.0');
	} catch {
		return false;
	}
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
	const username = options.username ?? 'learner1';
	const password = options.password ?? `hub-${Math.random().toString(36).slice(2, 12)}`;
	const dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-hub-'));
	let containerId = '';
	const stop = () => {
		if (containerId) dockerSync(['rm', '-f', '-v', containerId], { reject: false });
		containerId = '';
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const htpasswdFile = path.join(dir, 'htpasswd');
		writeFileSync(htpasswdFile, htpasswdLine(username, password));
		// Create, copy the password file in, then start: works with a remote engine too (no bind mount).
		containerId = dockerSync([
			'create',
			'--label',
			hubLabel,
			'-p',
			'127.0.0.1::5000',
			'-e',
			'REGISTRY_AUTH=htpasswd',
			'-e',
			'REGISTRY_AUTH_HTPASSWD_REALM=registry-lab hub',
			'-e',
			`REGISTRY_AUTH_HTPASSWD_PATH=${htpasswdInContainer}`,
			options.image ?? 'registry:2',
		]).stdout;
		dockerSync(['cp', htpasswdFile, `${containerId}:${htpasswdInContainer}`]);
		dockerSync(['start', containerId]);
		const published = dockerSync(['port', containerId, '5000/tcp']).stdout.split('\n')[0] ?? '';
		const port = /:(\d+)$/.exec(published)?.[1];
		if (!port) throw new Error(`the hub's port 5000 is not published (docker port said "${published}")`);
		const host = `${options.hostName ?? '127.0.0.1'}:${port}`;

		const logs = (): string => {
			const tail = dockerSync(['logs', '--tail', '20', containerId], { reject: false });
			return `${tail.stdout}\n${tail.stderr}`;
		};
		await eventually(() => answersAsHub(`http://${host}/v2/`), {
			what: `the hub registry at ${host} to answer /v2/ with 401`,
			timeoutMs: (options.readyTimeout ?? 30) * 1000,
			lastSeen: logs,
		});

		const env: Hub['env'] = { DOCKER_CONFIG: path.join(dir, 'docker-config') };
		const dockerHost = contextHost();
		if (dockerHost) env.DOCKER_HOST = dockerHost;
		const login = () => void dockerSync(['login', host, '-u', username, '--password-stdin'], { env, input: password });
		if (options.login !== false) login();
		return { host, username, password, env, containerId, login, stop };
	} catch (error) {
		stop();
		throw error;
	}
}

/** Removes hub containers left behind by a test run that was killed. */
export function removeLeftoverHubs(): string[] {
	return removeLabelled(hubLabel);
}
