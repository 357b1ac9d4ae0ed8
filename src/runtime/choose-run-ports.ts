// Ports for a run of the lab. Two policies on top of src/docker/choose-port.ts:
// - `reuse-registry` (check, cleanup, the TUI): a registry on the port is probably the learner's, so
//   keep it; when the port is taken by something else, prefer a nearby port where a registry already
//   answers (the one the learner started after an earlier run moved them there), so every run agrees.
// - `free-only` (test): the run-registry step must be able to fail first, so only a free port will do.
import type { Lab } from '../lab/schema.js';
import { decidePort, describeHolder, findFreePort, observePort, pingWithRegistryClient, type LabPortChoice, type PingPort, type PortChoice } from '../docker/choose-port.js';

export type PortPolicy = 'reuse-registry' | 'free-only';

export interface RunPortOptions {
	policy: PortPolicy;
	/** How a port is asked what answers there (tests swap it). */
	ping?: PingPort;
	signal?: AbortSignal;
	/** How many ports after the desired one may hold the learner's registry. Default 10. */
	nearby?: number;
}

/** A registry found on a port near the desired one, or undefined. */
async function nearbyRegistry(desired: number, options: RunPortOptions, taken: ReadonlySet<number>): Promise<number | undefined> {
	const ping = options.ping ?? pingWithRegistryClient;
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

async function choose(desired: number, options: RunPortOptions, taken: ReadonlySet<number>): Promise<PortChoice> {
	const observation = await observePort(desired, { ping: options.ping, signal: options.signal });
	if (observation.kind === 'free') return decidePort(desired, observation);
	if (observation.kind === 'registry') {
		if (options.policy === 'reuse-registry') return decidePort(desired, observation);
		const alternative = await freePortOtherThan(desired, taken);
		if (alternative === undefined) return { ...decidePort(desired, observation), reason: `A registry already answers on port ${desired} and no free port was found for the test.` };
		return {
			port: alternative,
			desired,
			changed: true,
			reason: `A registry already answers on port ${desired}, and the test must start its own, so it uses port ${alternative} instead.`,
			observation,
		};
	}
	if (options.policy === 'reuse-registry') {
		const registryPort = await nearbyRegistry(desired, options, taken);
		if (registryPort !== undefined) {
			const holder = describeHolder(desired, observation);
			const moved = decidePort(desired, observation, registryPort);
			return { ...moved, reason: `${holder.charAt(0).toUpperCase()}${holder.slice(1)}, so the lab uses port ${registryPort}, where a registry already answers.` };
		}
	}
	return decidePort(desired, observation, await freePortOtherThan(desired, taken));
}

/**
 * Chooses the port of every `freePort` variable. Returns the variables with the chosen ports, and
 * one choice per variable (values that are not port numbers are left as they are).
 */
export async function choosePortsForRun(
	lab: Pick<Lab, 'variables'>,
	vars: Readonly<Record<string, string>>,
	options: RunPortOptions,
): Promise<{ vars: Record<string, string>; choices: LabPortChoice[] }> {
	const next: Record<string, string> = { ...vars };
	const choices: LabPortChoice[] = [];
	const taken = new Set<number>();
	for (const [name, definition] of Object.entries(lab.variables ?? {})) {
		if (!definition.freePort) continue;
		const desired = Number(vars[name] ?? definition.default);
		if (!Number.isInteger(desired) || desired < 1 || desired > 65_535) continue;
		const choice = await choose(desired, options, taken);
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
