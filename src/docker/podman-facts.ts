// What the lab needs from Podman, and how to give it. Podman talks to every registry over HTTPS
// unless its registries.conf marks the registry insecure (Docker makes an exception for loopback),
// and reads that file when its service starts; its API does not take `docker push --all-tags`.
// The parsing and the words are pure; `insecureRegistries` asks the engine.
import type { Lab, Step } from '../lab/schema.js';
import { interpolate } from '../lab/interpolate.js';
import { isLoopbackHost } from '../registry/client.js';
import { parseNormalizedReference } from '../registry/reference.js';
import { docker, type DockerOptions } from './docker-cli.js';

/** The file a learner creates; any name under registries.conf.d works. */
export const DROP_IN_PATH = '/etc/containers/registries.conf.d/registry-lab.conf';

/**
 * The registries the lab's checks reach over plain HTTP (on loopback: the lab's own registry, a hub
 * on this machine), which Podman must be told are insecure. Pure.
 */
export function plainHttpRegistries(lab: Pick<Lab, 'steps'>, vars: Readonly<Record<string, string>>): string[] {
	const found = new Set<string>();
	for (const step of lab.steps) {
		for (const check of step.check ?? []) {
			const named = 'pushed' in check ? check.pushed : 'tags' in check ? check.tags : undefined;
			if (named === undefined) continue;
			try {
				const { domain } = parseNormalizedReference(interpolate(named, vars));
				if (isLoopbackHost(domain)) found.add(domain);
			} catch {
				// Not a reference with these values (validate reports it): nothing to configure.
			}
		}
	}
	return [...found].sort();
}

/**
 * The registries marked insecure, from what the engine printed: `docker info`'s RegistryConfig
 * (Podman's API: an entry per registries.conf location, `Secure: false` when insecure) or `podman
 * info`'s Registries (Podman's own command: `Insecure: true`). Pure.
 */
export function parseInsecureRegistries(printed: string): string[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(printed.trim() || 'null');
	} catch {
		return [];
	}
	if (typeof parsed !== 'object' || parsed === null) return [];
	const record = parsed as Record<string, unknown>;
	const entries =
		typeof record.IndexConfigs === 'object' && record.IndexConfigs !== null ? (record.IndexConfigs as Record<string, unknown>) : record;
	const insecure: string[] = [];
	for (const [name, value] of Object.entries(entries)) {
		if (typeof value !== 'object' || value === null) continue;
		const entry = value as { Secure?: unknown; Insecure?: unknown; Location?: unknown; Prefix?: unknown };
		if (entry.Secure === false || entry.Insecure === true) insecure.push(name);
	}
	return insecure;
}

/**
 * Whether a registries.conf entry covers the whole registry: only its exact host and port do (an
 * entry with a path, `localhost:5000/team`, covers only that namespace). Pure.
 */
function covers(entry: string, registry: string): boolean {
	return entry.toLowerCase() === registry.toLowerCase();
}

/** The registries Podman still talks to over HTTPS. Pure. */
export function missingInsecure(needed: readonly string[], insecure: readonly string[]): string[] {
	return needed.filter((registry) => !insecure.some((entry) => covers(entry, registry)));
}

/** The lines to put in registries.conf for these registries. Pure. */
export function registriesConfLines(registries: readonly string[]): string {
	return registries.map((registry) => `[[registry]]\nlocation = "${registry}"\ninsecure = true\n`).join('\n');
}

/**
 * How to mark the registries insecure: the drop-in (or the user's own file), and the restart that
 * makes Podman read it. Podman's own command (the podman-docker shim) reads it on every run. Pure.
 */
export function insecureFix(registries: readonly string[], platform: NodeJS.Platform, isPodmanCli: boolean): string {
	const lines = registriesConfLines(registries);
	if (platform === 'darwin' || platform === 'win32') {
		return (
			`Podman runs in its machine: open it with \`podman machine ssh\`, create ${DROP_IN_PATH} there ` +
			`(sudo) with these lines, then restart the machine (\`podman machine stop\`, \`podman machine start\`):\n\n${lines}`
		);
	}
	const restart = isPodmanCli
		? 'Podman reads it at each command, so the next push works.'
		: 'Then restart Podman, which reads the file when it starts: `sudo systemctl restart podman.socket podman.service` (rootless: `systemctl --user restart podman.socket podman.service`), or stop and start the `podman system service` you run.';
	return `Create ${DROP_IN_PATH} (or add to ~/.config/containers/registries.conf for rootless Podman) with these lines:\n\n${lines}\n${restart}`;
}

/** The steps whose solution differs on Podman. Pure. */
export function podmanSteps(lab: Pick<Lab, 'steps'>): Pick<Step, 'id' | 'title' | 'podman'>[] {
	return lab.steps.filter((step) => step.podman !== undefined);
}

/** Asks the engine which registries its configuration marks insecure; undefined when it cannot say. */
export async function insecureRegistries(isPodmanCli: boolean, options: DockerOptions): Promise<string[] | undefined> {
	const format = isPodmanCli ? '{{json .Registries}}' : '{{json .RegistryConfig}}';
	const result = await docker(['info', '--format', format], options);
	return result.status === 'passed' ? parseInsecureRegistries(result.stdout) : undefined;
}
