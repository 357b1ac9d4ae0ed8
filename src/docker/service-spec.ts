// What a lab's service is once its variables are filled in, and the `docker run` that starts it.
// Pure: no process, no I/O, so the UI's runtime, the test runner and tests use it without loading
// the docker CLI wrapper; services.ts does the starting.
import { interpolate, variablesIn } from '../lab/interpolate.js';
import type { Lab } from '../lab/schema.js';
import type { ContainerInspect } from './docker-cli.js';

/** Label on every container the lab starts; its value is the lab id. Cleanup trusts only this. */
export const LAB_LABEL = 'io.registry-lab.lab';
/** Label naming which of the lab's services a container is. */
export const SERVICE_LABEL = 'io.registry-lab.service';

export const DEFAULT_READY_TIMEOUT_SECONDS = 30;

/** A service with every `{{var}}` filled in. */
export interface ResolvedService {
	id: string;
	name: string;
	image: string;
	ports: Array<{ host: string; container: string }>;
	env: Record<string, string>;
	ready?: { url: string; status: number; header?: string; timeoutMs: number };
	/** The variable that holds the first published host port (e.g. `registryPort`), if it is one. */
	portVariable?: string;
}

/** Fills in a service's variables. Pure. Returns the names still missing when some have no value. */
export function resolveService(
	lab: Pick<Lab, 'services'>,
	serviceId: string,
	vars: Readonly<Record<string, string>>,
): { service?: ResolvedService; missing: string[] } {
	const spec = lab.services?.[serviceId];
	if (!spec) return { missing: [] };
	const texts = [
		spec.image,
		spec.name,
		...(spec.ports ?? []),
		...Object.values(spec.env ?? {}),
		spec.ready?.http ?? '',
		spec.ready?.header ?? '',
	];
	const missing = [...new Set(texts.flatMap((text) => variablesIn(interpolate(text, vars))))];
	if (missing.length > 0) return { missing };
	const fill = (text: string) => interpolate(text, vars);
	const ports = (spec.ports ?? []).map((mapping) => {
		const filled = fill(mapping);
		const colon = filled.lastIndexOf(':');
		return { host: filled.slice(0, colon), container: filled.slice(colon + 1) };
	});
	const firstHost = spec.ports?.[0]?.split(':')[0] ?? '';
	const portVariable = /^\{\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}\}$/.test(firstHost) ? variablesIn(firstHost)[0] : undefined;
	return {
		missing: [],
		service: {
			id: serviceId,
			name: fill(spec.name),
			image: fill(spec.image),
			ports,
			env: Object.fromEntries(Object.entries(spec.env ?? {}).map(([key, value]) => [key, fill(value)])),
			ready: spec.ready
				? {
						url: fill(spec.ready.http),
						status: spec.ready.status ?? 200,
						header: spec.ready.header === undefined ? undefined : fill(spec.ready.header),
						timeoutMs: (spec.ready.timeout ?? DEFAULT_READY_TIMEOUT_SECONDS) * 1000,
					}
				: undefined,
			portVariable,
		},
	};
}

/** The `docker run` arguments that start a service, labelled as the lab's. Pure. */
export function runArgs(labId: string, service: ResolvedService): string[] {
	const args = ['run', '-d', '--name', service.name, '--label', `${LAB_LABEL}=${labId}`, '--label', `${SERVICE_LABEL}=${service.id}`];
	for (const port of service.ports) args.push('-p', `${port.host}:${port.container}`);
	for (const [key, value] of Object.entries(service.env)) args.push('-e', `${key}=${value}`);
	args.push(service.image);
	return args;
}

/** True when the container carries this lab's label. Pure. */
export function isLabContainer(container: ContainerInspect, labId: string): boolean {
	return container.Config?.Labels?.[LAB_LABEL] === labId;
}
