// The real effects behind the TUI's runtime (src/runtime/lab-runtime.ts): checks, the docker CLI,
// the events watcher, the doctor. A module of its own so the runtime can load it after the first
// frame: it brings the process runner (execa) and everything that spawns.
import { createSharedCheckRunner, runChecks, type ChecksOutcome } from '../checks/run-check.js';
import type { CheckContext, CheckResult } from '../checks/types.js';
import { describeFailure, docker, engineInfo, inspectContainer, type DockerOptions } from '../docker/docker-cli.js';
import { runDoctor } from '../docker/doctor.js';
import { probeHttp } from '../docker/probe-http.js';
import { isLabContainer, type ResolvedService } from '../docker/service-spec.js';
import { watchDockerEvents, type WatchDockerEventsOptions } from '../docker/watch-docker-events.js';
import type { Check } from '../lab/schema.js';

export { resolveService } from '../docker/service-spec.js';

/** Runs one check; a shared runner runs a check several steps share once. */
export type CheckRunner = (check: Check, ctx: CheckContext) => Promise<CheckResult>;

/**
 * The effects the runtime uses; tests swap them for fakes. Declared here, beside the real ones, so
 * lab-runtime.ts imports this module (its types at once, its code after the first frame) and this
 * module imports nothing of the runtime.
 */
export interface RuntimeEffects {
	runChecks: (checks: readonly Check[], ctx: CheckContext, run?: CheckRunner) => Promise<ChecksOutcome>;
	/** A runner that runs each distinct check once (for the steps of one round). */
	createSharedCheckRunner: () => CheckRunner;
	watchEvents: (options: WatchDockerEventsOptions) => { done: Promise<void> };
	/** True when the Docker engine answers. */
	isEngineUp: (options: DockerOptions) => Promise<boolean>;
	/** True when the service answers its ready probe. */
	isServiceReady: (service: ResolvedService, signal: AbortSignal) => Promise<boolean>;
	/** The container with this name: whether it runs and whether the lab started it; null when there is none. */
	findContainer: (
		name: string,
		labId: string,
		options: DockerOptions,
	) => Promise<{ id: string; isRunning: boolean; isOurs: boolean } | null>;
	stopContainer: (id: string, options: DockerOptions) => Promise<void>;
	runDoctor: typeof runDoctor;
}

export const defaultEffects: RuntimeEffects = {
	runChecks,
	createSharedCheckRunner,
	watchEvents: watchDockerEvents,
	isEngineUp: async (options) => (await engineInfo(options)).reachable,
	isServiceReady: async (service, signal) => {
		if (!service.ready) return false;
		const { url, status, header } = service.ready;
		return (await probeHttp(url, { status, header }, { signal, timeoutMs: 2_000 })).ok;
	},
	findContainer: async (name, labId, options) => {
		const found = await inspectContainer(name, options);
		if (!found.container) return null;
		return { id: found.container.Id, isRunning: found.container.State?.Running === true, isOurs: isLabContainer(found.container, labId) };
	},
	stopContainer: async (id, options) => {
		const result = await docker(['stop', id], { ...options, timeoutMs: 60_000 });
		if (result.status !== 'passed') throw new Error(describeFailure(result));
	},
	runDoctor,
};
