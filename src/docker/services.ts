// Starting the lab's service containers (the local registry) and reusing one the learner already runs.
// The learner's machine is theirs: a container we did not start is never removed or restarted here;
// when it is in the way we say so and show the command that fixes it.
import { setTimeout as sleep } from 'node:timers/promises';
import { interpolate } from '../lab/interpolate.js';
import type { Lab } from '../lab/schema.js';
import {
	DOCKER_TIMEOUT_MS,
	PULL_TIMEOUT_MS,
	describeFailure,
	docker,
	imageExists,
	inspectContainer,
	parseJsonLines,
	publishedPorts,
	summarizeLogs,
	type ContainerInspect,
	type DockerOptions,
} from './docker-cli.js';
import { probeHttp, type ProbeResult } from './probe-http.js';
import { isLabContainer, LAB_LABEL, resolveService, runArgs, type ResolvedService } from './service-spec.js';

export type ServiceProblemKind =
	| 'unknown-service'
	| 'unresolved-variables'
	| 'stopped-container'
	| 'running-not-ready'
	| 'image-missing'
	| 'port-busy'
	| 'start-failed'
	| 'exited'
	| 'not-ready'
	| 'canceled'
	| 'docker-error';

export interface ServiceReady {
	ok: true;
	serviceId: string;
	/** The container's name; for a registry found on the port, the name of the container publishing it. */
	name: string;
	/** Absent when what answers on the port is not a container docker lists (e.g. a registry run outside Docker). */
	containerId?: string;
	image: string;
	/** `started`: we ran it now; `reused`: it was already running (under the service's name, or on its port). */
	outcome: 'started' | 'reused';
	/** It carries this lab's label, so cleanup may remove it. False for the learner's own container. */
	isOurs: boolean;
	/** The readiness URL it answered on, when the service has one. */
	url?: string;
	message: string;
}

export interface ServiceProblem {
	ok: false;
	serviceId: string;
	name?: string;
	problem: ServiceProblemKind;
	/** What happened, for the learner. */
	message: string;
	/** What to do about it: usually a command. */
	fix?: string;
	/** Extra output (e.g. the container's last log lines). */
	detail?: string;
}

export type EnsureServiceResult = ServiceReady | ServiceProblem;

export interface ServiceProgress {
	phase: 'inspecting' | 'reusing' | 'pulling' | 'starting' | 'waiting' | 'ready';
	message: string;
	/** While waiting: how long so far, and the limit. */
	elapsedMs?: number;
	timeoutMs?: number;
}

export interface EnsureServiceOptions {
	signal?: AbortSignal;
	onProgress?: (progress: ServiceProgress) => void;
	/** Pull the image when it is not on this machine. Default true (tests pass false: no internet). */
	pull?: boolean;
	/** Environment for the docker CLI. */
	env: DockerOptions['env'];
	/** Time between readiness probes. Default 300 ms. */
	pollMs?: number;
}

/**
 * Makes sure the service is running and ready: reuses a running container with the service's name
 * when it answers the ready probe, otherwise starts a labelled one and waits until it answers.
 */
export async function ensureService(
	lab: Pick<Lab, 'id' | 'services'>,
	serviceId: string,
	vars: Readonly<Record<string, string>>,
	options: EnsureServiceOptions,
): Promise<EnsureServiceResult> {
	const { service, missing } = resolveService(lab, serviceId, vars);
	if (!service) {
		if (missing.length > 0) {
			return {
				ok: false,
				serviceId,
				problem: 'unresolved-variables',
				message: `The service ${serviceId} needs values for ${missing.join(', ')} before it can start.`,
			};
		}
		return { ok: false, serviceId, problem: 'unknown-service', message: `The lab ${lab.id} has no service named ${serviceId}.` };
	}
	const dockerOptions: DockerOptions = { signal: options.signal, env: options.env };
	const progress = (update: ServiceProgress) => options.onProgress?.(update);
	const canceled = (): ServiceProblem => ({ ok: false, serviceId, name: service.name, problem: 'canceled', message: 'Canceled.' });

	progress({ phase: 'inspecting', message: `Looking for a container named ${service.name}` });
	const found = await inspectContainer(service.name, dockerOptions);
	if (options.signal?.aborted) return canceled();
	if (found.error) return dockerError(serviceId, service.name, found.error);

	if (found.container) return reuseExisting(lab.id, service, found.container, options);

	// The learner may run their registry under another name on the same port: use it rather than
	// fail to bind the port.
	const onPort = await reuseWhatAnswers(lab.id, service, options);
	if (onPort) return onPort;

	const image = await makeImageAvailable(service, options);
	if (image) return image;
	if (options.signal?.aborted) return canceled();

	progress({ phase: 'starting', message: `Starting ${service.name} from ${service.image}` });
	const run = await docker(runArgs(lab.id, service), { ...dockerOptions, timeoutMs: 120_000 });
	if (run.status === 'canceled') return canceled();
	if (run.status !== 'passed') return explainRunFailure(lab.id, service, describeFailure(run), dockerOptions);
	const containerId = run.stdout.trim().split('\n').at(-1) ?? service.name;

	const waited = await waitUntilReady(service, containerId, options);
	if (!waited.ok) return waited;
	progress({ phase: 'ready', message: `${service.name} is ready` });
	return {
		ok: true,
		serviceId,
		name: service.name,
		containerId,
		image: service.image,
		outcome: 'started',
		isOurs: true,
		url: service.ready?.url,
		message: `Started ${service.name} (${service.image})${service.ready ? `; it answers at ${service.ready.url}` : ''}.`,
	};
}

async function reuseExisting(
	labId: string,
	service: ResolvedService,
	container: ContainerInspect,
	options: EnsureServiceOptions,
): Promise<EnsureServiceResult> {
	const isOurs = isLabContainer(container, labId);
	const ports = publishedPorts(container);
	if (!container.State?.Running) {
		return {
			ok: false,
			serviceId: service.id,
			name: service.name,
			problem: 'stopped-container',
			message: `A stopped container named ${service.name} already exists, so the lab cannot start its own with that name.`,
			fix: `Start it again with \`docker start ${service.name}\` to reuse it, or remove it with \`docker rm ${service.name}\` and the lab will create a fresh one.`,
		};
	}
	options.onProgress?.({ phase: 'reusing', message: `A container named ${service.name} is already running; checking that it answers` });
	if (!service.ready) {
		return reused(service, container, isOurs);
	}
	// Our own container may still be starting up; the learner's has had its chance, so probe it briefly.
	const budget = isOurs ? service.ready.timeoutMs : Math.min(service.ready.timeoutMs, 3_000);
	const waited = await pollReady(service, budget, options, async () => undefined);
	if (waited.ok) return reused(service, container, isOurs);
	if (options.signal?.aborted) return { ok: false, serviceId: service.id, name: service.name, problem: 'canceled', message: 'Canceled.' };
	const elsewhere = ports.find((mapping) => !service.ports.some((wanted) => `${wanted.host}:${wanted.container}` === mapping));
	const portHint =
		elsewhere && service.portVariable
			? ` If it is your registry on port ${elsewhere.split(':')[0]}, set ${service.portVariable} to ${elsewhere.split(':')[0]} instead.`
			: '';
	return {
		ok: false,
		serviceId: service.id,
		name: service.name,
		problem: 'running-not-ready',
		message: `A container named ${service.name} is running, but ${service.ready.url} does not answer as expected: ${waited.last?.message ?? 'no answer'}${
			ports.length > 0 ? ` (it publishes ${ports.join(', ')})` : ' (it publishes no ports)'
		}.`,
		fix: `${isOurs ? '' : 'If you do not need it, '}remove it with \`docker rm -f ${service.name}\` and the lab will start a fresh one.${portHint}`,
	};
}

async function reuseWhatAnswers(labId: string, service: ResolvedService, options: EnsureServiceOptions): Promise<ServiceReady | undefined> {
	const ready = service.ready;
	const hostPort = service.ports[0]?.host;
	if (!ready || !hostPort) return undefined;
	const probe = await probeHttp(ready.url, { status: ready.status, header: ready.header }, { signal: options.signal, timeoutMs: 2_000 });
	if (!probe.ok) return undefined;
	const listed = await docker(['ps', '--no-trunc', '--filter', `publish=${hostPort}`, '--format', '{{json .}}'], {
		signal: options.signal,
		env: options.env,
	});
	const row = parseJsonLines(listed.status === 'passed' ? listed.stdout : '')[0] as
		{ ID?: string; Names?: string; Image?: string; Labels?: string } | undefined;
	const labels = (row?.Labels ?? '').split(',');
	const isOurs = labels.includes(`${LAB_LABEL}=${labId}`);
	const name = row?.Names?.split(',')[0];
	return {
		ok: true,
		serviceId: service.id,
		name: name ?? service.name,
		containerId: row?.ID,
		image: row?.Image ?? service.image,
		outcome: 'reused',
		isOurs,
		url: ready.url,
		message: name
			? `Using the registry already running in container ${name}; it answers at ${ready.url}.`
			: `A registry already answers at ${ready.url}; the lab uses it.`,
	};
}

function reused(service: ResolvedService, container: ContainerInspect, isOurs: boolean): ServiceReady {
	return {
		ok: true,
		serviceId: service.id,
		name: service.name,
		containerId: container.Id,
		image: container.Config?.Image ?? service.image,
		outcome: 'reused',
		isOurs,
		url: service.ready?.url,
		message: isOurs
			? `The lab's ${service.name} container is already running.`
			: `Using your running ${service.name} container${service.ready ? `; it answers at ${service.ready.url}` : ''}.`,
	};
}

async function makeImageAvailable(service: ResolvedService, options: EnsureServiceOptions): Promise<ServiceProblem | undefined> {
	const dockerOptions: DockerOptions = { signal: options.signal, env: options.env };
	const present = await imageExists(service.image, dockerOptions);
	if (present.exists) return undefined;
	if (present.error) return dockerError(service.id, service.name, present.error);
	if (options.pull === false) {
		return {
			ok: false,
			serviceId: service.id,
			name: service.name,
			problem: 'image-missing',
			message: `The image ${service.image} is not on this machine.`,
			fix: `Pull it with \`docker pull ${service.image}\` (this needs the internet), or load it from a file with \`docker load -i FILE\`.`,
		};
	}
	options.onProgress?.({ phase: 'pulling', message: `Pulling ${service.image} (it is not on this machine yet)` });
	const pulled = await docker(['pull', service.image], { ...dockerOptions, timeoutMs: PULL_TIMEOUT_MS });
	if (pulled.status === 'passed') return undefined;
	if (pulled.status === 'canceled')
		return { ok: false, serviceId: service.id, name: service.name, problem: 'canceled', message: 'Canceled.' };
	return {
		ok: false,
		serviceId: service.id,
		name: service.name,
		problem: 'image-missing',
		message: `The image ${service.image} is not on this machine and could not be pulled: ${describeFailure(pulled)}`,
		fix: `Connect to the internet and run \`docker pull ${service.image}\`, or load it from a file with \`docker load -i FILE\`.`,
	};
}

async function explainRunFailure(
	labId: string,
	service: ResolvedService,
	reason: string,
	dockerOptions: DockerOptions,
): Promise<ServiceProblem> {
	// `docker run` creates the container before starting it: a failed start leaves a container that
	// holds the name. It carries our label, so removing it (with its anonymous volumes) is ours to do.
	const leftover = await inspectContainer(service.name, dockerOptions);
	if (leftover.container && isLabContainer(leftover.container, labId) && !leftover.container.State?.Running) {
		await docker(['rm', '-f', '-v', leftover.container.Id], { ...dockerOptions, timeoutMs: DOCKER_TIMEOUT_MS });
	}
	if (/port is already allocated|address already in use|bind.*failed/i.test(reason)) {
		const hostPorts = service.ports.map((port) => port.host).join(', ');
		return {
			ok: false,
			serviceId: service.id,
			name: service.name,
			problem: 'port-busy',
			message: `${service.name} could not start: port ${hostPorts} is already in use (${reason}).`,
			fix: `Stop whatever holds port ${hostPorts}${service.portVariable ? `, or set ${service.portVariable} to a free port` : ''}. \`registry-lab doctor\` shows what holds it.`,
		};
	}
	if (/already in use by container|conflict/i.test(reason)) {
		return {
			ok: false,
			serviceId: service.id,
			name: service.name,
			problem: 'stopped-container',
			message: `A container named ${service.name} already exists, so the lab cannot start its own with that name.`,
			fix: `Start it with \`docker start ${service.name}\` to reuse it, or remove it with \`docker rm ${service.name}\` and the lab will create a fresh one.`,
		};
	}
	return {
		ok: false,
		serviceId: service.id,
		name: service.name,
		problem: 'start-failed',
		message: `${service.name} could not start: ${reason}`,
	};
}

async function waitUntilReady(
	service: ResolvedService,
	containerId: string,
	options: EnsureServiceOptions,
): Promise<{ ok: true } | ServiceProblem> {
	if (!service.ready) return { ok: true };
	const dockerOptions: DockerOptions = { signal: options.signal, env: options.env };
	let exited: ServiceProblem | undefined;
	// Between probes, make sure the container has not died: no point waiting 30 s for a crashed one.
	const watchContainer = async () => {
		const found = await inspectContainer(containerId, dockerOptions);
		if (!found.container || found.container.State?.Running) return undefined;
		const logs = await docker(['logs', '--tail', '100', containerId], dockerOptions);
		exited = {
			ok: false,
			serviceId: service.id,
			name: service.name,
			problem: 'exited',
			message: `${service.name} stopped right after starting (exit code ${found.container.State?.ExitCode ?? '?'}).`,
			fix: `Look at its output with \`docker logs ${service.name}\`, then remove it with \`docker rm ${service.name}\`.`,
			detail: summarizeLogs(`${logs.stdout}\n${logs.stderr}`),
		};
		return exited;
	};
	const waited = await pollReady(service, service.ready.timeoutMs, options, watchContainer);
	if (waited.ok) return { ok: true };
	if (exited) return exited;
	if (options.signal?.aborted) return { ok: false, serviceId: service.id, name: service.name, problem: 'canceled', message: 'Canceled.' };
	return {
		ok: false,
		serviceId: service.id,
		name: service.name,
		problem: 'not-ready',
		message: `${service.name} started, but ${service.ready.url} did not answer as expected within ${Math.round(service.ready.timeoutMs / 1000)} s (${waited.last?.message ?? 'no answer'}).`,
		fix: `Look at its output with \`docker logs ${service.name}\`.`,
	};
}

/** Probes until ready, the budget is spent, the signal aborts, or `stopIf` returns a reason. */
async function pollReady(
	service: ResolvedService,
	budgetMs: number,
	options: EnsureServiceOptions,
	stopIf: () => Promise<unknown>,
): Promise<{ ok: boolean; last?: ProbeResult }> {
	const ready = service.ready;
	if (!ready) return { ok: true };
	const started = Date.now();
	let last: ProbeResult | undefined;
	for (let attempt = 0; ; attempt++) {
		last = await probeHttp(ready.url, { status: ready.status, header: ready.header }, { signal: options.signal, timeoutMs: 2_000 });
		if (last.ok) return { ok: true, last };
		const elapsedMs = Date.now() - started;
		if (options.signal?.aborted || elapsedMs >= budgetMs) return { ok: false, last };
		options.onProgress?.({ phase: 'waiting', message: `Waiting for ${ready.url} (${last.message})`, elapsedMs, timeoutMs: budgetMs });
		if (attempt % 3 === 2 && (await stopIf())) return { ok: false, last };
		try {
			await sleep(options.pollMs ?? 300, undefined, { signal: options.signal });
		} catch {
			return { ok: false, last };
		}
	}
}

function dockerError(serviceId: string, name: string, error: string): ServiceProblem {
	return {
		ok: false,
		serviceId,
		name,
		problem: 'docker-error',
		message: `Docker did not answer as expected: ${error}`,
		fix: 'Run `registry-lab doctor` to see what is wrong with Docker.',
	};
}

export interface StopServiceResult {
	/** The container was removed. */
	removed: boolean;
	name?: string;
	/** Why not: there is none, it is not the lab's (the learner's own), or docker failed. */
	reason?: 'absent' | 'not-ours' | 'failed' | 'unknown-service';
	message: string;
}

/**
 * Stops and removes the service's container, but only when it carries this lab's label; a container
 * the learner started is left alone. Removing (not just stopping) frees the name for the next start.
 */
export async function stopService(
	lab: Pick<Lab, 'id' | 'services'>,
	serviceId: string,
	vars: Readonly<Record<string, string>>,
	options: { signal?: AbortSignal; env: DockerOptions['env'] },
): Promise<StopServiceResult> {
	const spec = lab.services?.[serviceId];
	if (!spec) return { removed: false, reason: 'unknown-service', message: `The lab ${lab.id} has no service named ${serviceId}.` };
	const name = interpolate(spec.name, vars);
	const found = await inspectContainer(name, options);
	if (found.error) return { removed: false, name, reason: 'failed', message: `Could not look up ${name}: ${found.error}` };
	if (!found.container) return { removed: false, name, reason: 'absent', message: `There is no container named ${name}.` };
	if (!isLabContainer(found.container, lab.id)) {
		return { removed: false, name, reason: 'not-ours', message: `${name} was not started by the lab, so it is left running.` };
	}
	// With -v: the registry's anonymous volume holds every pushed layer; left behind, one more piles up per run.
	const removed = await docker(['rm', '-f', '-v', found.container.Id], options);
	if (removed.status !== 'passed') {
		return { removed: false, name, reason: 'failed', message: `Could not remove ${name}: ${describeFailure(removed)}` };
	}
	return { removed: true, name, message: `Removed the lab's ${name} container.` };
}
