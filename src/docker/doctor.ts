// `registry-lab doctor`: is this machine ready for the lab? Each finding says what is wrong and how to
// fix it. Findings that depend on an earlier one (the daemon needs the CLI) are left out when that
// one fails, so the learner sees the first thing to fix, not a cascade. Exit codes are the caller's.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Lab, Step } from '../lab/schema.js';
import { classifyPing, isLoopbackHost, registryBaseUrl, type PingResult } from '../registry/client.js';
import {
	credentialsFromHelper,
	dockerConfigDir,
	findAuthEntry,
	helperFor,
	hostnameOfKey,
	readDockerConfig,
	serverAddressFor,
} from '../registry/docker-credentials.js';
import { hubRegistry, isDockerHub } from '../registry/docker-hub.js';
import { choosePortsForLab, type PingPort } from './choose-port.js';
import { DAEMON_TIMEOUT_MS, engineInfo, imageExists, type DaemonProblem, type DockerOptions, type EngineInfo } from './docker-cli.js';
import { neededImages } from './image-archive.js';
import { labImages, type NeededImage } from '../lab/lab-images.js';
import { insecureFix, insecureRegistries, missingInsecure, plainHttpRegistries, podmanSteps } from './podman-facts.js';
import { requestOnce } from './probe-http.js';

export type DoctorStatus = 'ok' | 'warn' | 'fail';

export interface DoctorFinding {
	/** Stable id: `docker-cli`, `daemon`, `engine`, `port:<variable>`, `image:<ref>`, `internet`, `hub`, `login`, `curl`. */
	id: string;
	title: string;
	status: DoctorStatus;
	message: string;
	/** What to do, when status is not ok. */
	fix?: string;
}

export interface DoctorOptions {
	/** Do not try to reach Docker Hub (tests). A registry the `hub` variable names instead is still checked. */
	skipInternet?: boolean;
	signal?: AbortSignal;
	/** Environment for PATH lookups and the docker CLI, decided at the top. */
	env: Record<string, string | undefined>;
	/** How the port check asks what answers on a port (default: the registry client's ping). */
	ping?: PingPort;
	/** URL whose answer proves the internet works. Default: Docker Hub's registry. */
	internetUrl?: string;
	/** Platform the fixes are written for. Default: process.platform. */
	platform?: NodeJS.Platform;
	/** The lab's folder, where the Dockerfiles among its files are read for their base images. */
	labDir?: string;
	/** The class's file of the lab's images, when one is at hand: missing images are loaded from it. */
	imagesFile?: string;
}

export const DOCKER_HUB_PING_URL = 'https://registry-1.docker.io/v2/';

/** Checks the machine for the lab, in order: CLI, daemon, engine kind, images, ports, the push registry and its login, curl. */
export async function runDoctor(
	lab: Pick<Lab, 'id' | 'requires' | 'variables' | 'services' | 'steps' | 'pulls' | 'files'>,
	vars: Readonly<Record<string, string>>,
	options: DoctorOptions,
): Promise<DoctorFinding[]> {
	const env = options.env;
	const platform = options.platform ?? process.platform;
	const dockerOptions: DockerOptions = { signal: options.signal, env: options.env };
	const findings: DoctorFinding[] = [];

	const dockerPath = await findOnPath('docker', env, platform);
	if (!dockerPath) {
		findings.push({
			id: 'docker-cli',
			title: 'Docker command',
			status: 'fail',
			message: 'The docker command is not on your PATH.',
			fix: 'Install Docker Desktop (macOS, Windows) or Docker Engine (Linux) from https://docs.docker.com/get-docker/, then open a new terminal.',
		});
	} else {
		findings.push({ id: 'docker-cli', title: 'Docker command', status: 'ok', message: `Found ${dockerPath}.` });
		const engine = await engineInfo(dockerOptions);
		if (!engine.reachable) {
			findings.push({
				id: 'daemon',
				title: 'Docker engine',
				status: 'fail',
				message: daemonMessage(engine.problem ?? 'other', engine.message),
				fix: daemonFix(engine.problem ?? 'other', platform),
			});
		} else {
			findings.push({
				id: 'daemon',
				title: 'Docker engine',
				status: 'ok',
				message: `The engine answers${engine.serverVersion ? ` (version ${engine.serverVersion})` : ''}.`,
			});
		}
		if (engine.cliFound) findings.push(engineFinding(engine));
		if (engine.reachable && engine.kind === 'podman') {
			const insecure = await insecureRegistries(engine.isPodmanCli === true, dockerOptions);
			findings.push(...podmanFindings(lab, vars, insecure, { platform, isPodmanCli: engine.isPodmanCli === true }));
		}

		if (engine.reachable) {
			// Without the lab's folder (a lab given as data) its Dockerfiles cannot be read: services and pulls only.
			const needed = options.labDir ? (await neededImages(lab, vars, options.labDir)).images : labImages(lab, vars, []).images;
			for (const image of needed) findings.push(imageFinding(image, await imageExists(image.ref, dockerOptions), options.imagesFile));
		}
	}

	const ports = await choosePortsForLab(lab, vars, { policy: 'reuse-registry', ping: options.ping, signal: options.signal });
	for (const choice of ports.choices) {
		const moved = choice.changed;
		const stuck = !moved && choice.observation.kind !== 'free' && choice.observation.kind !== 'registry';
		findings.push({
			id: `port:${choice.variable}`,
			title: `Port for ${choice.variable}`,
			status: stuck ? 'fail' : moved ? 'warn' : 'ok',
			message: choice.reason,
			fix: choice.fix ?? (stuck ? `Free port ${choice.desired}, or set ${choice.variable} to a free port.` : undefined),
		});
	}

	findings.push(...(await pushFindings(lab, vars, { ...options, env })));

	if (lab.requires?.includes('curl')) {
		const curlPath = await findOnPath('curl', env, platform);
		findings.push(
			curlPath
				? { id: 'curl', title: 'curl', status: 'ok', message: `Found ${curlPath}.` }
				: {
						id: 'curl',
						title: 'curl',
						status: 'fail',
						message: 'The curl command is not on your PATH; the lab uses it to talk to the registry.',
						fix:
							platform === 'linux'
								? 'Install it with your package manager, e.g. `sudo apt-get install curl`.'
								: platform === 'darwin'
									? 'macOS ships curl in /usr/bin; make sure /usr/bin is on your PATH.'
									: 'Windows 10 and later ship curl.exe; make sure C:\\Windows\\System32 is on your PATH.',
					},
		);
	}
	return findings;
}

/**
 * What the push steps (`online: true`) need: the registry that plays Docker Hub answering, and Docker
 * logged in to it. With the `hub` variable at Docker Hub that is the internet (the lab's `internet`
 * need is Docker Hub's); with it elsewhere only that registry is asked, so an offline classroom
 * whose registry runs is ready.
 */
async function pushFindings(
	lab: Pick<Lab, 'requires' | 'steps'>,
	vars: Readonly<Record<string, string>>,
	options: DoctorOptions & { env: Record<string, string | undefined> },
): Promise<DoctorFinding[]> {
	const needsInternet = lab.requires?.includes('internet') ?? false;
	const pushSteps = lab.steps.filter((step) => step.online);
	const hub = hubRegistry(vars);
	const findings: DoctorFinding[] = [];
	let hubPing: PingResult | undefined;
	if (isDockerHub(hub)) {
		if ((needsInternet || pushSteps.length > 0) && !options.skipInternet) {
			const reached = await canReach(options.internetUrl ?? DOCKER_HUB_PING_URL, options.signal);
			findings.push(
				reached.ok
					? { id: 'internet', title: 'Internet', status: 'ok', message: 'Docker Hub answers.' }
					: {
							id: 'internet',
							title: 'Internet',
							status: needsInternet ? 'fail' : 'warn',
							message: `Docker Hub did not answer (${reached.message}); the steps that push to Docker Hub will not work.`,
							fix:
								pushSteps.length > 0
									? 'Connect to the internet, or let another registry play Docker Hub by setting the hub variable: a classroom registry, or one on this machine (docker run -d -p 5001:5000 registry:2, then registry-lab --set hub=localhost:5001).'
									: 'Connect to the internet.',
						},
			);
		}
	} else if (pushSteps.length > 0) {
		hubPing = await pingRegistry(hub, options.signal);
		findings.push(hubFinding(hub, hubPing, pushSteps));
	}
	// Docker Hub always wants a login to push. Another registry says so on /v2/ (401), or takes pushes
	// from anyone (200); one that does not answer is the thing to fix first, so its login is not asked.
	if (pushSteps.length > 0 && (hubPing === undefined || hubPing.kind === 'registry')) {
		findings.push(
			hubPing?.status === 200 ? openHubFinding(hub) : loginFinding(hub, await dockerLogin(hub, options.env, options.signal), pushSteps),
		);
	}
	return findings;
}

/** Host and port of a registry as a reference names it; the port is HTTPS's (or HTTP's on loopback) when not given. Pure. */
export function registryHostAndPort(registry: string): { host: string; port: number } {
	const match = /^(.*):(\d+)$/.exec(registry);
	if (match) return { host: match[1] ?? registry, port: Number(match[2]) };
	return { host: registry, port: isLoopbackHost(registry) ? 80 : 443 };
}

/** "“Log in and push your image” and “Push every tag”". Pure. */
function stepTitles(steps: readonly Pick<Step, 'title'>[]): string {
	const quoted = steps.map((step) => `“${step.title}”`);
	return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Whether the registry that plays Docker Hub answers as a registry, and what to do when not. Pure. */
export function hubFinding(hub: string, ping: PingResult, pushSteps: readonly Pick<Step, 'title'>[]): DoctorFinding {
	const title = 'Registry that plays Docker Hub';
	if (ping.kind === 'registry') {
		return { id: 'hub', title, status: 'ok', message: `${capitalize(ping.message)}; the push steps use it instead of Docker Hub.` };
	}
	const { host, port } = registryHostAndPort(hub);
	const steps = `${pushSteps.length === 1 ? 'the step that pushes' : 'the steps that push'} there (${stepTitles(pushSteps)})`;
	const why = ping.kind === 'unreachable' ? `no registry answers at ${host} on port ${port} (${ping.message})` : ping.message;
	const elsewhere = 'or set hub to a registry that runs (--set hub=HOST:PORT, or hub=docker.io for Docker Hub itself)';
	return {
		id: 'hub',
		title,
		status: 'fail',
		message: `The hub setting sends ${steps} to ${hub}, but ${why}.`,
		fix: isLoopbackHost(host)
			? `Start a registry on port ${port} of this machine (docker run -d -p ${port}:5000 --name hub registry:2), ${elsewhere}.`
			: `Check that this machine reaches ${host} on port ${port} (is it your classroom's registry? a VPN?), ${elsewhere}.`,
	};
}

function openHubFinding(hub: string): DoctorFinding {
	return { id: 'login', title: `Login to ${hub}`, status: 'ok', message: `${hub} takes pushes without a login.` };
}

/** Whether Docker is logged in for the push steps; not logged in is a warning (the lab says when to log in). Pure. */
export function loginFinding(hub: string, login: DockerLogin, pushSteps: readonly Pick<Step, 'title'>[]): DoctorFinding {
	const name = isDockerHub(hub) ? 'Docker Hub' : hub;
	const title = `Login to ${name}`;
	if (login.isLoggedIn) {
		return { id: 'login', title, status: 'ok', message: `Docker is logged in to ${name}${login.username ? ` as ${login.username}` : ''}.` };
	}
	return {
		id: 'login',
		title,
		status: 'warn',
		message: `Docker is not logged in to ${name}, so ${name} will refuse the pushes of ${stepTitles(pushSteps)}.`,
		fix: `Log in with \`docker login ${hub}\` before those steps${isDockerHub(hub) ? ' (your Docker Hub username, and a personal access token as the password)' : ''}.`,
	};
}

export interface DockerLogin {
	isLoggedIn: boolean;
	username?: string;
}

/**
 * Whether Docker's config holds a login for the registry, found as Docker finds it: through its
 * credential helper when one is set for it, else in the file's `auths` (an identity token counts).
 */
export async function dockerLogin(registry: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<DockerLogin> {
	const config = await readDockerConfig(dockerConfigDir(env));
	if (!config) return { isLoggedIn: false };
	const helper = helperFor(config, registry);
	if (helper) {
		const fromHelper = await credentialsFromHelper(helper, serverAddressFor(registry), { env, signal, timeoutMs: 5_000 });
		return fromHelper ? { isLoggedIn: true, username: fromHelper.username } : { isLoggedIn: false };
	}
	const inFile = findAuthEntry(config, registry);
	if (inFile) return { isLoggedIn: true, username: inFile.username };
	const host = hostnameOfKey(registry);
	const entry = Object.entries(config.auths ?? {}).find(([key]) => {
		const candidate = hostnameOfKey(key);
		return candidate === host || (isDockerHub(candidate) && isDockerHub(host));
	})?.[1];
	return { isLoggedIn: Boolean(entry?.identitytoken) };
}

/**
 * What answers the registry's /v2/, over node:http like the port check (no fetch to load). HTTPS
 * first, then plain HTTP, as Docker tries a classroom registry it was told is insecure; loopback
 * only over HTTP, as Docker does.
 */
async function pingRegistry(registry: string, signal?: AbortSignal): Promise<PingResult> {
	const ask = (baseUrl: string) => requestOnce(`${baseUrl}/v2/`, { method: 'GET', timeoutMs: 3_000, signal });
	let answer = await ask(registryBaseUrl(registry));
	if (!answer.ok && answer.reason === 'other' && !isLoopbackHost(registry)) {
		const overHttp = await ask(registryBaseUrl(registry, true));
		if (overHttp.ok) answer = overHttp;
	}
	if (!answer.ok) return { kind: 'unreachable', message: answer.message };
	return classifyPing(answer.status, (name) => answer.headers[name], registry);
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Whether an image the lab needs is here and, when not, where to get it: a service's image is pulled
 * on first run, the others by the learner's own commands; the class's file of images, when at hand,
 * brings them all without internet. Pure.
 */
export function imageFinding(image: NeededImage, found: { exists: boolean; error?: string }, imagesFile?: string): DoctorFinding {
	const { ref } = image;
	const base = { id: `image:${ref}`, title: `Image ${ref}` };
	if (found.exists) return { ...base, status: 'ok', message: `${ref} is on this machine.` };
	const why = image.sources.every((source) => source.startsWith('service'))
		? 'it will be pulled on first run, which needs the internet'
		: `the lab needs it (${image.sources.join(', ')}), and getting it needs the internet`;
	return {
		...base,
		status: 'warn',
		message: found.error ? `Could not check for ${ref}: ${found.error}` : `${ref} is not on this machine yet; ${why}.`,
		fix: imagesFile
			? `Load the lab's images from ${imagesFile} with \`registry-lab images load ${imagesFile}\` (no internet needed), or pull it with \`docker pull ${ref}\` while you are online.`
			: `Pull it now with \`docker pull ${ref}\` while you are online, or load the class's file of images with \`registry-lab images load FILE\`.`,
	};
}

/** Why the engine did not answer, for the learner. Pure. */
export function daemonMessage(problem: DaemonProblem, detail?: string): string {
	switch (problem) {
		case 'not-running':
			return 'The docker command works, but the Docker engine is not running.';
		case 'permission-denied':
			return 'The Docker engine is running, but you are not allowed to talk to it (permission denied on its socket).';
		case 'timed-out':
			return `The Docker engine did not answer within ${DAEMON_TIMEOUT_MS / 1000} seconds.`;
		case 'other':
			return `The Docker engine did not answer: ${detail ?? 'no reason given'}`;
	}
}

/** How to fix an engine that does not answer, for this platform. Pure. */
export function daemonFix(problem: DaemonProblem, platform: NodeJS.Platform): string {
	switch (problem) {
		case 'not-running':
			return platform === 'linux'
				? 'Start it with `sudo systemctl start docker` (or open Docker Desktop if you use it), then run doctor again.'
				: 'Start Docker Desktop and wait until it says the engine is running, then run doctor again.';
		case 'permission-denied':
			return 'Add yourself to the docker group with `sudo usermod -aG docker $USER`, then log out and back in (or run `newgrp docker`).';
		case 'timed-out':
			return 'It may still be starting: wait a moment and run doctor again. If it stays stuck, restart Docker.';
		case 'other':
			return 'Run `docker version` to see the whole error.';
	}
}

function engineFinding(engine: Pick<EngineInfo, 'kind' | 'isPodmanCli' | 'clientVersion' | 'serverVersion'>): DoctorFinding {
	const { clientVersion, serverVersion } = engine;
	const versions = [clientVersion && `client ${clientVersion}`, serverVersion && `engine ${serverVersion}`].filter(Boolean).join(', ');
	if (engine.kind === 'podman') {
		const how = engine.isPodmanCli ? 'the docker command here runs podman itself (podman-docker)' : 'the docker command talks to Podman';
		return { id: 'engine', title: 'Docker or Podman', status: 'ok', message: `Podman${versions ? ` (${versions})` : ''}: ${how}.` };
	}
	return { id: 'engine', title: 'Docker or Podman', status: 'ok', message: `Docker${versions ? ` (${versions})` : ''}.` };
}

/**
 * On Podman: the registries the lab reaches over plain HTTP must be marked insecure (with the exact
 * lines, where, and the restart), and the steps whose solution differs are named. Pure.
 */
export function podmanFindings(
	lab: Pick<Lab, 'steps'>,
	vars: Readonly<Record<string, string>>,
	insecure: readonly string[] | undefined,
	context: { platform: NodeJS.Platform; isPodmanCli: boolean },
): DoctorFinding[] {
	const findings: DoctorFinding[] = [];
	const needed = plainHttpRegistries(lab, vars);
	if (needed.length > 0) {
		const title = 'Podman and plain-HTTP registries';
		const missing = insecure === undefined ? needed : missingInsecure(needed, insecure);
		findings.push(
			missing.length === 0
				? { id: 'podman-insecure', title, status: 'ok', message: `Podman is told to use plain HTTP for ${needed.join(' and ')}.` }
				: {
						id: 'podman-insecure',
						title,
						status: 'fail',
						message: `${insecure === undefined ? 'Could not read Podman’s registry settings; unless' : 'Podman talks HTTPS to every registry unless'} its registries.conf marks it insecure, so pushes to ${missing.join(' and ')} fail with “server gave HTTP response to HTTPS client”.`,
						fix: insecureFix(missing, context.platform, context.isPodmanCli),
					},
		);
	}
	// Podman's API (`docker login` through it) skips HTTPS for a registry named localhost only, whatever
	// registries.conf says; Podman's own command follows registries.conf.
	const misnamed = context.isPodmanCli ? [] : needed.filter((registry) => !/^localhost(?::|$)/i.test(registry));
	if (misnamed.length > 0) {
		const renamed = misnamed.map((registry) => registry.replace(/^[^:]+|^\[[^\]]+\]/, 'localhost'));
		findings.push({
			id: 'podman-login',
			title: 'Podman and logins over plain HTTP',
			status: 'warn',
			message: `Podman logs in over plain HTTP only to a registry named localhost, so \`docker login ${misnamed[0]}\` fails with “server gave HTTP response to HTTPS client” even once registries.conf marks it insecure.`,
			fix: `Name it localhost, e.g. --set hub=${renamed[0]} (and use that name in registries.conf).`,
		});
	}
	const differing = podmanSteps(lab);
	if (differing.length > 0) {
		findings.push({
			id: 'podman-steps',
			title: 'Steps that differ on Podman',
			status: 'warn',
			message: `${differing.map((step) => `“${step.title}”: ${step.podman?.why ?? 'its solution differs on Podman'}`).join(' ')} The steps say how; their solutions show both ways.`,
		});
	}
	return findings;
}

/** Where `command` is on the PATH in `env`, or undefined. */
export async function findOnPath(
	command: string,
	env: Record<string, string | undefined>,
	platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
	const pathValue = env.PATH ?? env.Path ?? '';
	const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
	for (const dir of pathValue.split(platform === 'win32' ? ';' : delimiter)) {
		if (dir === '') continue;
		for (const extension of extensions) {
			const candidate = join(dir, command + extension);
			try {
				if (!(await stat(candidate)).isFile()) continue;
				await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
				return candidate;
			} catch {
				// not here; try the next folder
			}
		}
	}
	return undefined;
}

/** A HEAD request that gets any HTTP answer within 3 s (Docker Hub answers /v2/ with 401). */
async function canReach(url: string, signal?: AbortSignal): Promise<{ ok: boolean; message: string }> {
	const answer = await requestOnce(url, { method: 'HEAD', timeoutMs: 3_000, signal });
	return answer.ok ? { ok: true, message: `status ${answer.status}` } : { ok: false, message: answer.message };
}

/**
 * Why Docker cannot be used right now, with the fix, or undefined when it answers. Checks that use
 * Docker would otherwise fail with the lab's "do this step" words, which mislead when Docker is down.
 */
export async function dockerProblem(env: Record<string, string | undefined>, signal?: AbortSignal): Promise<string | undefined> {
	const engine = await engineInfo({ env, signal });
	if (engine.reachable) return undefined;
	if (!engine.cliFound)
		return 'The docker command is not installed, so every step that uses Docker fails. Run registry-lab doctor for what to do.';
	const problem = engine.problem ?? 'other';
	return `${daemonMessage(problem, engine.message)} Steps that use Docker fail until it does. ${daemonFix(problem, process.platform)}`;
}
