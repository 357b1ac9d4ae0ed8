// The images the lab needs, as CI has them (stand-ins built by scripts/build-standin-images.sh,
// never pulled): the registry serves the API, and the lab's curl Dockerfile builds and runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerSync, removeLabelled, requireDocker } from './docker.js';

const docker = requireDocker();
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const curlContext = path.join(repoRoot, 'labs/registries/images/curl');
const testLabel = `io.registry-lab.test=standin-${process.pid}`;
const curlImage = `registry-lab-test/curl:${process.pid}`;

describe.skipIf(!docker.available)('the images the lab uses', () => {
	let registryId = '';
	let registryHost = '';

	beforeAll(async () => {
		registryId = dockerSync(['run', '-d', '--label', testLabel, '-p', '127.0.0.1::5000', 'registry:2']).stdout;
		registryHost = dockerSync(['port', registryId, '5000/tcp']).stdout.split('\n')[0] ?? '';
		for (let attempt = 0; attempt < 100; attempt++) {
			const answered = await fetch(`http://${registryHost}/v2/`).then(
				(response) => response.ok,
				() => false,
			);
			if (answered) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`registry:2 never answered on ${registryHost}`);
	});
	afterAll(() => {
		removeLabelled(testLabel);
		dockerSync(['image', 'rm', '-f', curlImage], { reject: false });
	});

	it('registry:2 answers /v2/ as a registry, like the real image', async () => {
		const response = await fetch(`http://${registryHost}/v2/`);
		expect(response.status).toBe(200);
		expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
		expect(await response.json()).toEqual({});
	});

	it('registry:2 keeps its data in the /var/lib/registry volume and serves on 5000', () => {
		const config = JSON.parse(dockerSync(['image', 'inspect', '--format', '{{json .Config}}', 'registry:2']).stdout) as {
			Volumes?: Record<string, unknown>;
			ExposedPorts?: Record<string, unknown>;
		};
		expect(Object.keys(config.Volumes ?? {})).toContain('/var/lib/registry');
		expect(Object.keys(config.ExposedPorts ?? {})).toContain('5000/tcp');
	});

	it('the lab’s curl Dockerfile builds from its alpine base, and the image’s curl reads a registry', () => {
		dockerSync(['build', '-q', '-t', curlImage, '-f', path.join(curlContext, 'Dockerfile.v2'), curlContext], { timeoutMs: 300_000 });
		// Share the registry container's network, so localhost:5000 is the registry.
		const network = `container:${registryId}`;
		const body = dockerSync(['run', '--rm', '--network', network, curlImage, '-s', 'localhost:5000/v2/']);
		expect(body.stdout).toBe('{}');
		const head = dockerSync(['run', '--rm', '--network', network, curlImage, '--head', 'http://localhost:5000/v2/']);
		expect(head.stdout).toMatch(/Docker-Distribution-Api-Version: registry\/2\.0/i);
	});
});
