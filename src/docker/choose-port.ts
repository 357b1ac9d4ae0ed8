// Choosing the port for a `freePort` variable (the registry's), for every command alike (check, test,
// the TUI and doctor), so they all name the same port. Anything that is not a registry (macOS AirPlay
// Receiver answers on 5000) moves the lab to another port, and the caller puts that port into the
// variable so every prompt, command and check uses it. Two policies:
// - `reuse-registry` (check, cleanup, doctor, the TUI): a registry on the port is probably the
//   learner's, so keep it; when the port is taken by something else, prefer a nearby port where a
//   registry already answers (the one the learner started after an earlier run moved them there).
// - `free-only` (test): the run-registry step must be able to fail first, so only a free port will do.
// The decisions are pure; probing the machine is separate.
import { connect, createServer } from 'node:net';
import type { Lab } from '../lab/schema.js';
import { classifyPing } from '../registry/client.js';
import { requestOnce } from './probe-http.js';

/** What was found on a port. */
export type PortObservation =
	| { kind: 'free' }
	/** Something answers `/v2/` as a registry. */
	| { kind: 'registry'; server?: string }
	/** A web server that is not a registry (e.g. AirPlay: 403, `Server: AirTunes`). */
	| { kind: 'http'; status?: number; server?: string }
	/** Taken, but nothing answers HTTP there. */
	| { kind: 'bound' }
	/** We may not listen on it (e.g. a privileged port). */
	| { kind: 'unusable'; message: string };

export interface PortChoice {
	/** The port to use. */
	port: number;
	/** The port the lab asked for. */
	desired: number;
	/** True when `port` differs from `desired`: set the variable to `port`. */
	changed: boolean;
	/** One sentence for the learner: what is on the desired port and what the lab does about it. */
	reason: string;
	/** How to get the desired port back, when something the learner can switch off holds it. */
	fix?: string;
	observation: PortObservation;
}

export const AIRPLAY_SETTING = 'System Settings → General → AirDrop & Handoff → AirPlay Receiver';

/** AirPlay Receiver answers with `Server: AirTunes/...`. Pure. */
export function isAirPlay(observation: PortObservation): boolean {
	return observation.kind === 'http' && /airtunes/i.test(observation.server ?? '');
}

/** "port 5000 is held by ...": what holds a port, in words. Pure. */
export function describeHolder(port: number, observation: PortObservation): string {
	switch (observation.kind) {
		case 'free':
			return `port ${port} is free`;
		case 'registry':
			return `a registry already answers on port ${port}`;
		case 'http':
			if (isAirPlay(observation)) return `port ${port} is held by macOS AirPlay Receiver`;
			if (observation.server) return `port ${port} is held by a web server that is not a registry (Server: ${observation.server})`;
			return `port ${port} is held by a web server that is not a registry${observation.status ? ` (it answered ${observation.status})` : ''}`;
		case 'bound':
			return `port ${port} is in use by a program that does not answer HTTP`;
		case 'unusable':
			return `port ${port} cannot be used (${observation.message})`;
	}
}

/** Whether the lab can use the desired port as it is. Pure. */
export function canKeepPort(observation: PortObservation): boolean {
	return observation.kind === 'free' || observation.kind === 'registry';
}

/** The full choice, given what is on the desired port and the alternative found. Pure. */
export function decidePort(desired: number, observation: PortObservation, alternative?: number): PortChoice {
	if (observation.kind === 'free') {
		return { port: desired, desired, changed: false, reason: `Port ${desired} is free.`, observation };
	}
	if (observation.kind === 'registry') {
		return {
			port: desired,
			desired,
			changed: false,
			reason: `A registry already answers on port ${desired} (probably yours); the lab will use it.`,
			observation,
		};
	}
	const holder = capitalize(describeHolder(desired, observation));
	const fix = isAirPlay(observation) ? `To keep port ${desired}, turn off AirPlay Receiver in ${AIRPLAY_SETTING}.` : undefined;
	if (alternative === undefined) {
		return { port: desired, desired, changed: false, reason: `${holder}, and no free port was found instead.`, fix, observation };
	}
	return {
		port: alternative,
		desired,
		changed: true,
		reason: `${holder}, so the lab uses port ${alternative} instead.`,
		fix,
		observation,
	};
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Probing the machine

export interface PingResult {
	kind: 'registry' | 'other' | 'unreachable';
	status?: number;
	server?: string;
	message: string;
}

/** Asks what answers HTTP on a localhost port. Swappable for tests. */
export type PingPort = (port: number, signal?: AbortSignal) => Promise<PingResult>;

/**
 * Whether anything accepts a TCP connection on a localhost port. Asked before any HTTP: on the usual
 * free port it answers at once, and the HTTP client (Node's undici, tens of ms and MiBs to load) is
 * then never needed.
 */
export function acceptsConnections(port: number, signal?: AbortSignal, timeoutMs = 2_000): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: 'localhost', port });
		const finish = (answer: boolean): void => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			socket.destroy();
			resolve(answer);
		};
		const onAbort = (): void => finish(false);
		// A port that swallows the connection attempt is taken: let the HTTP ping have its say.
		const timer = setTimeout(() => finish(true), timeoutMs);
		socket.once('connect', () => finish(true));
		socket.once('error', () => finish(false));
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Asks what answers HTTP on a localhost port, bounded: a program that accepts connections and never
 * answers must not hang us. The registry client's judgement of `/v2/`, over node:http rather than
 * fetch, which would load Node's undici (MiBs and tens of ms) into the TUI for one request.
 */
export const pingLocalPort: PingPort = async (port, signal) => {
	if (!(await acceptsConnections(port, signal))) return { kind: 'unreachable', message: `nothing accepts connections on port ${port}` };
	const registry = `localhost:${port}`;
	const answer = await requestOnce(`http://${registry}/v2/`, { method: 'GET', timeoutMs: 3_000, signal });
	if (!answer.ok) {
		const isUnreachable = answer.reason === 'refused' || answer.reason === 'timeout' || answer.reason === 'canceled';
		return { kind: isUnreachable ? 'unreachable' : 'other', message: `${registry}: ${answer.message}` };
	}
	const result = classifyPing(answer.status, (name) => answer.headers[name], registry);
	return { kind: result.kind === 'registry' ? 'registry' : 'other', status: result.status, server: result.server, message: result.message };
};

/** Tries to listen on the port on all interfaces, as `docker run -p` will. */
export function tryListen(port: number, host = '0.0.0.0'): Promise<'free' | 'in-use' | { unusable: string }> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => {
			resolve(error.code === 'EADDRINUSE' ? 'in-use' : { unusable: error.code ?? error.message });
		});
		server.listen({ port, host, exclusive: true }, () => server.close(() => resolve('free')));
	});
}

/** A port the OS says is free right now (bind port 0, read it, release it). */
export function osAssignedPort(host = '0.0.0.0'): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen({ port: 0, host, exclusive: true }, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('the OS assigned no port'))));
		});
	});
}

/**
 * Looks at a port: HTTP first (on macOS, AirPlay may let a plain bind succeed and still answer),
 * then a bind to tell "free" from "held by something that does not speak HTTP".
 */
export async function observePort(port: number, options: { ping?: PingPort; signal?: AbortSignal } = {}): Promise<PortObservation> {
	const ping = options.ping ?? pingLocalPort;
	const answer = await ping(port, options.signal);
	if (answer.kind === 'registry') return { kind: 'registry', server: answer.server };
	// `other` without a status: something took the connection but sent no HTTP answer (reset, garbage).
	if (answer.kind === 'other' && answer.status !== undefined) return { kind: 'http', status: answer.status, server: answer.server };
	const listened = await tryListen(port);
	if (listened === 'free') return { kind: 'free' };
	if (listened === 'in-use') return { kind: 'bound' };
	return { kind: 'unusable', message: listened.unusable };
}

/** The first free port after `desired` (up to `tries` of them), else one the OS picks. */
export async function findFreePort(desired: number, tries = 10): Promise<number | undefined> {
	for (let port = desired + 1; port <= Math.min(desired + tries, 65_535); port++) {
		if ((await tryListen(port)) === 'free') return port;
	}
	return osAssignedPort().catch(() => undefined);
}

export type PortPolicy = 'reuse-registry' | 'free-only';

export interface ChoosePortOptions {
	/** Default `reuse-registry`. */
	policy?: PortPolicy;
	/** How a port is asked what answers there (tests swap it). */
	ping?: PingPort;
	signal?: AbortSignal;
	/** How many ports after the desired one may hold the learner's registry. Default 10. */
	nearby?: number;
}

/** A registry found on a port near the desired one, or undefined. */
async function nearbyRegistry(desired: number, options: ChoosePortOptions, taken: ReadonlySet<number>): Promise<number | undefined> {
	const ping = options.ping ?? pingLocalPort;
	for (let port = desired + 1; port <= Math.min(desired + (options.nearby ?? 10), 65_535); port++) {
		if (taken.has(port)) continue;
		if ((await ping(port, options.signal)).kind === 'registry') return port;
	}
	return undefined;
}

async function freePortOtherThan(desired: number, taken: ReadonlySet<number>): Promise<number | undefined> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const port = await findFreePort(desired + attempt * 10);
		if (port !== undefined && !taken.has(port)) return port;
	}
	return undefined;
}

/** Decides the port for one `freePort` variable: keep it, or move and say why. `taken`: ports other variables got. */
export async function choosePort(
	desired: number,
	options: ChoosePortOptions = {},
	taken: ReadonlySet<number> = new Set(),
): Promise<PortChoice> {
	const policy = options.policy ?? 'reuse-registry';
	const observation = await observePort(desired, { ping: options.ping, signal: options.signal });
	if (observation.kind === 'free') return decidePort(desired, observation);
	if (observation.kind === 'registry') {
		if (policy === 'reuse-registry') return decidePort(desired, observation);
		const alternative = await freePortOtherThan(desired, taken);
		if (alternative === undefined)
			return {
				...decidePort(desired, observation),
				reason: `A registry already answers on port ${desired} and no free port was found for the test.`,
			};
		return {
			port: alternative,
			desired,
			changed: true,
			reason: `A registry already answers on port ${desired}, and the test must start its own, so it uses port ${alternative} instead.`,
			observation,
		};
	}
	if (policy === 'reuse-registry') {
		const registryPort = await nearbyRegistry(desired, options, taken);
		if (registryPort !== undefined) {
			const moved = decidePort(desired, observation, registryPort);
			return {
				...moved,
				reason: `${capitalize(describeHolder(desired, observation))}, so the lab uses port ${registryPort}, where a registry already answers.`,
			};
		}
	}
	return decidePort(desired, observation, await freePortOtherThan(desired, taken));
}

export interface LabPortChoice extends PortChoice {
	variable: string;
}

/**
 * Chooses the port of every `freePort` variable of the lab. Returns the variables with the chosen
 * ports filled in, and one choice per variable (values that are not port numbers are left alone).
 */
export async function choosePortsForLab(
	lab: Pick<Lab, 'variables'>,
	vars: Readonly<Record<string, string>>,
	options: ChoosePortOptions = {},
): Promise<{ vars: Record<string, string>; choices: LabPortChoice[] }> {
	const next: Record<string, string> = { ...vars };
	const choices: LabPortChoice[] = [];
	// Two port variables must not end up on the same port.
	const taken = new Set<number>();
	for (const [name, definition] of Object.entries(lab.variables ?? {})) {
		if (!definition.freePort) continue;
		const desired = Number(vars[name] ?? definition.default);
		if (!Number.isInteger(desired) || desired < 1 || desired > 65_535) continue;
		const choice = await choosePort(desired, options, taken);
		taken.add(choice.port);
		next[name] = String(choice.port);
		choices.push({ ...choice, variable: name });
	}
	return { vars: next, choices };
}

/** The sentences a learner reads about a moved port: why, and how to get the port back. Pure. */
export function portNotes(choices: readonly LabPortChoice[]): string[] {
	return choices
		.filter((choice) => choice.changed || (choice.observation.kind !== 'free' && choice.observation.kind !== 'registry'))
		.map((choice) => [choice.reason, choice.fix].filter(Boolean).join(' '));
}
