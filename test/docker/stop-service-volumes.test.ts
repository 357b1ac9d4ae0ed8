// Stopping the lab's service removes its container with the container's anonymous volumes: the
// registry keeps every pushed layer in one, and one more would pile up after each run otherwise.
// Named volumes are the learner's and stay.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_LABEL } from '../../src/docker/service-spec.js';
import { stopService } from '../../src/docker/services.js';
import { buildRegistryTestImage, dockerQuiet, dockerSync, hasEngine, runId } from './docker-test-engine.js';

const image = `registry-lab-test/stop-volumes:${runId}`;
const labId = `stop-volumes-${runId}`;
const name = `rl-stop-volumes-${runId}`;
const namedVolume = `rl-stop-volumes-named-${runId}`;
const volumeExists = (volume: string) => spawnSync('docker', ['volume', 'inspect', volume], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasEngine)('stopService on the real engine', () => {
	let anonymous = '';

	beforeAll(() => {
		buildRegistryTestImage(image);
	});

	afterAll(() => {
		dockerQuiet('rm', '-f', '-v', name);
		for (const volume of [anonymous, namedVolume]) if (volume) dockerQuiet('volume', 'rm', volume);
		dockerQuiet('rmi', image);
	});

	it('removes the lab’s container with its anonymous volume, and leaves a named volume alone', async () => {
		// Given the lab's labelled container, with an anonymous volume and a named one.
		dockerSync(
			'create',
			'--name',
			name,
			'--label',
			`${LAB_LABEL}=${labId}`,
			'-v',
			'/var/lib/registry',
			'-v',
			`${namedVolume}:/data`,
			image,
			'/bin/sleep',
			'600',
		);
		anonymous = dockerSync(
			'container',
			'inspect',
			'--format',
			'{{range .Mounts}}{{if eq .Destination "/var/lib/registry"}}{{.Name}}{{end}}{{end}}',
			name,
		);
		expect(volumeExists(anonymous)).toBe(true);

		// When
		const stopped = await stopService({ id: labId, services: { registry: { image, name } } }, 'registry', {}, { env: process.env });

		// Then
		expect(stopped).toMatchObject({ removed: true, name });
		expect(volumeExists(anonymous)).toBe(false);
		expect(volumeExists(namedVolume)).toBe(true);
	});
});
