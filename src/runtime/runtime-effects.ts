// The real effects behind the TUI's runtime (src/runtime/lab-runtime.ts): checks, the docker CLI,
// the events watcher, the doctor. A module of its own so the runtime can load it after the first
// frame: it brings the process runner (execa) and everything that spawns.
import { createSharedCheckRunner, runChecks } from '../checks/run-check.js';
import { describeFailure, docker, engineInfo, inspectContainer } from '../docker/docker-cli.js';
import { runDoctor } from '../docker/doctor.js';
import { probeHttp } from '../docker/probe-http.js';
import { isLabContainer } from '../docker/services.js';
import { watchDockerEvents } from '../docker/watch-docker-events.js';
import type { RuntimeEffects } from './lab-runtime.js';

export { resolveService } from '../docker/services.js';

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
