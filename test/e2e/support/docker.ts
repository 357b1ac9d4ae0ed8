// Helpers for tests that drive the real Docker engine: is there one (skip with a message on a
// machine without it, fail under CI=true), run docker synchronously, and remove what a test labelled.
import { spawnSync } from 'node:child_process';

export { requireDocker, type DockerAvailability } from '../../support/docker-engine.js';

export interface DockerResult {
	exitCode: number;
	stdout: string;
	stderr: string;
}

export interface DockerSyncOptions {
	/** Extra environment, e.g. a hub's `DOCKER_CONFIG`; merged over process.env. */
	env?: Readonly<Record<string, string | undefined>>;
	/** Written to docker's standard input (e.g. a password for `login --password-stdin`). */
	input?: string;
	/** False: return a failed result instead of throwing. Default true. */
	reject?: boolean;
	/** Default 120 s. */
	timeoutMs?: number;
}

/** Runs `docker ...args` and waits. Throws with docker's own error unless `reject: false`. */
export function dockerSync(args: readonly string[], options: DockerSyncOptions = {}): DockerResult {
	const result = spawnSync('docker', [...args], {
		encoding: 'utf8',
		env: { ...process.env, ...options.env },
		input: options.input,
		stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		timeout: options.timeoutMs ?? 120_000,
		maxBuffer: 16 * 1024 * 1024,
	});
	const outcome: DockerResult = {
		exitCode: result.status ?? -1,
		stdout: (result.stdout ?? '').trim(),
		stderr: (result.stderr ?? '').trim(),
	};
	if (options.reject !== false && (result.error || outcome.exitCode !== 0)) {
		const why = result.error?.message ?? (outcome.stderr || `exit code ${outcome.exitCode}`);
		throw new Error(`docker ${args.join(' ')} failed: ${why}`);
	}
	return outcome;
}

/** Removes every container with this label (`key=value` or `key`), with its anonymous volumes. Returns their ids. */
export function removeLabelled(label: string): string[] {
	const ids = dockerSync(['ps', '-aq', '--filter', `label=${label}`])
		.stdout.split('\n')
		.filter(Boolean);
	if (ids.length > 0) dockerSync(['rm', '-f', '-v', ...ids]);
	return ids;
}

/** Stops a test before it starts when a container already holds the name the lab's registry needs. */
export function requireRegistryNameFree(): void {
	if (dockerSync(['container', 'inspect', 'registry'], { reject: false }).exitCode === 0) {
		throw new Error('A container named registry exists; the lab needs that name. Remove it (docker rm -f registry) to run these tests.');
	}
}
