// The one probe for a Docker engine, shared by the unit files that use the engine and the e2e files:
// skip with the reason on a developer machine without one, fail under CI=true, where the engine is
// part of what must be proven.
import { spawnSync } from 'node:child_process';

export interface DockerAvailability {
	available: boolean;
	/** Why not, for the skip message; empty when available. */
	reason: string;
}

let probed: DockerAvailability | undefined;

function probe(): DockerAvailability {
	const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
	if (result.error) return { available: false, reason: `the docker command could not run (${result.error.message})` };
	if (result.status !== 0) return { available: false, reason: (result.stderr || 'docker info failed').trim().split('\n')[0] ?? '' };
	return { available: true, reason: '' };
}

/**
 * Whether a Docker engine answers. On a developer machine without one the caller skips, and the
 * reason is printed once; under CI=true a missing engine is an error, because CI must prove the lab.
 */
export function requireDocker(): DockerAvailability {
	if (probed === undefined) {
		probed = probe();
		if (!probed.available && process.env.CI !== 'true') console.warn(`Skipping the tests that need Docker: ${probed.reason}`);
	}
	if (!probed.available && process.env.CI === 'true') {
		throw new Error(`CI=true, so the Docker tests must run, but no Docker engine answers: ${probed.reason}`);
	}
	return probed;
}
