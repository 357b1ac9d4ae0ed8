import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_LABEL, resolveService, runArgs, SERVICE_LABEL } from '../../src/docker/service-spec.js';
import { ensureService, stopService, type ServiceProgress } from '../../src/docker/services.js';
import type { Lab } from '../../src/lab/schema.js';
import { buildRegistryTestImage, closeServer, dockerQuiet, dockerSync, freePort, hasEngine, runId } from './docker-test-engine.js';

const image = `registry-lab-test/services:${runId}`;
const labId = `services-test`;

function labWith(name: string, extra: Partial<NonNullable<Lab['services']>[string]> = {}): Pick<Lab, 'id' | 'services'> {
	return {
		id: labId,
		services: {
			registry: {
				image,
				name,
				ports: ['{{registryPort}}:5000'],
				ready: {
					http: 'http://localhost:{{registryPort}}/v2/',
					status: 200,
					header: 'Docker-Distribution-Api-Version: registry/2.0',
					timeout: 60,
				},
				...extra,
			},
		},
	};
}

describe('resolveService', () => {
	it('fills variables into the image, ports and ready probe and names the port variable', () => {
		const { service } = resolveService(labWith('registry'), 'registry', { registryPort: '5001' });
		expect(service).toMatchObject({
			name: 'registry',
			ports: [{ host: '5001', container: '5000' }],
			ready: { url: 'http://localhost:5001/v2/', status: 200, timeoutMs: 60_000 },
			portVariable: 'registryPort',
		});
	});

	it('lists the variables that have no value instead of resolving', () => {
		expect(resolveService(labWith('registry'), 'registry', {})).toEqual({ missing: ['registryPort'] });
	});

	it('does nothing and says canceled when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const result = await ensureService(
			labWith('registry'),
			'registry',
			{ registryPort: '5000' },
			{ env: process.env, signal: controller.signal },
		);
		expect(result).toMatchObject({ ok: false, problem: 'canceled' });
	});

	it('names a service the lab does not have', async () => {
		expect(await ensureService(labWith('registry'), 'nope', {}, { env: process.env })).toMatchObject({
			ok: false,
			problem: 'unknown-service',
		});
	});

	it('builds docker run arguments that label the container as the lab’s', () => {
		const { service } = resolveService(labWith('registry', { env: { REGISTRY_LOG_LEVEL: 'warn' } }), 'registry', { registryPort: '5000' });
		expect(runArgs('registries', service!)).toEqual([
			'run',
			'-d',
			'--name',
			'registry',
			'--label',
			`${LAB_LABEL}=registries`,
			'--label',
			`${SERVICE_LABEL}=registry`,
			'-p',
			'5000:5000',
			'-e',
			'REGISTRY_LOG_LEVEL=warn',
			image,
		]);
	});
});

/** Waits until a registry container the test started by hand answers on the port. */
async function ensureServiceAnswers(port: string): Promise<void> {
	await vi.waitFor(
		async () => {
			const response = await fetch(`http://localhost:${port}/v2/`);
			expect(response.status).toBe(200);
		},
		{ timeout: 30_000, interval: 100 },
	);
}

describe.skipIf(!hasEngine)('ensureService on the real engine', () => {
	const names: string[] = [];
	const nameFor = (what: string) => {
		const name = `rl-svc-${what}-${runId}`;
		names.push(name);
		return name;
	};

	beforeAll(() => {
		buildRegistryTestImage(image);
	});

	afterAll(() => {
		for (const name of names) dockerQuiet('rm', '-f', name);
		dockerQuiet('rmi', image);
	});

	it('starts a labelled container, waits until /v2/ answers as a registry, and reuses it the next time', async () => {
		const name = nameFor('start');
		const port = String(await freePort());
		const lab = labWith(name);
		const phases: ServiceProgress['phase'][] = [];

		const started = await ensureService(
			lab,
			'registry',
			{ registryPort: port },
			{ env: process.env, pull: false, onProgress: (p) => phases.push(p.phase) },
		);

		expect(started).toMatchObject({ ok: true, outcome: 'started', isOurs: true, url: `http://localhost:${port}/v2/` });
		expect(phases).toContain('starting');
		expect(phases.at(-1)).toBe('ready');
		expect(dockerSync('container', 'inspect', '--format', `{{index .Config.Labels "${LAB_LABEL}"}}`, name)).toBe(labId);
		const response = await fetch(`http://localhost:${port}/v2/`);
		expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');

		const again = await ensureService(lab, 'registry', { registryPort: port }, { env: process.env, pull: false });
		expect(again).toMatchObject({ ok: true, outcome: 'reused', isOurs: true });
		if (started.ok && again.ok) expect(again.containerId).toBe(started.containerId);
	});

	it('reuses a registry the learner started under the service’s name, and stopService leaves it running', async () => {
		const name = nameFor('learner');
		const port = String(await freePort());
		const id = dockerSync('run', '-d', '--name', name, '-p', `${port}:5000`, image);
		const lab = labWith(name);

		const result = await ensureService(lab, 'registry', { registryPort: port }, { env: process.env, pull: false });
		const stopped = await stopService(lab, 'registry', { registryPort: port }, { env: process.env });

		expect(result).toMatchObject({ ok: true, outcome: 'reused', isOurs: false, containerId: id });
		expect(stopped).toMatchObject({ removed: false, reason: 'not-ours' });
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Running}}', name)).toBe('true');
	});

	it('reuses a registry the learner runs under another name on the service’s port instead of starting a second one', async () => {
		const serviceName = nameFor('unused');
		const learnersName = nameFor('other-name');
		const port = String(await freePort());
		const id = dockerSync('run', '-d', '--name', learnersName, '-p', `${port}:5000`, image);
		const lab = labWith(serviceName);
		await ensureServiceAnswers(port);

		const result = await ensureService(lab, 'registry', { registryPort: port }, { env: process.env, pull: false });

		expect(result).toMatchObject({ ok: true, outcome: 'reused', isOurs: false, name: learnersName, containerId: id });
		expect(dockerSync('ps', '-a', '--filter', `name=^${serviceName}$`, '--format', '{{.ID}}')).toBe('');
	});

	it('stopService removes the container it started', async () => {
		const name = nameFor('stop');
		const port = String(await freePort());
		const lab = labWith(name);
		await ensureService(lab, 'registry', { registryPort: port }, { env: process.env, pull: false });

		const stopped = await stopService(lab, 'registry', { registryPort: port }, { env: process.env });

		expect(stopped).toMatchObject({ removed: true, name });
		expect(dockerSync('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.ID}}')).toBe('');
	});

	it('explains a stopped container that holds the name and offers both fixes, without removing it', async () => {
		const name = nameFor('stopped');
		dockerSync('create', '--name', name, image);

		const result = await ensureService(
			labWith(name),
			'registry',
			{ registryPort: String(await freePort()) },
			{ env: process.env, pull: false },
		);

		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problem).toBe('stopped-container');
		expect(result.message).toContain(`stopped container named ${name}`);
		expect(result.fix).toContain(`docker start ${name}`);
		expect(result.fix).toContain(`docker rm ${name}`);
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Status}}', name)).toBe('created');
	});

	it('says so when a running container with the name does not answer as a registry', async () => {
		const name = nameFor('silent');
		const port = String(await freePort());
		dockerSync('run', '-d', '--name', name, '-p', `${port}:5000`, image, '/bin/sleep', '600');

		const result = await ensureService(labWith(name), 'registry', { registryPort: port }, { env: process.env, pull: false, pollMs: 100 });

		expect(result).toMatchObject({ ok: false, problem: 'running-not-ready' });
		if (!result.ok) expect(result.fix).toContain(`docker rm -f ${name}`);
	});

	it('reports a missing image with the pull command when pulling is off', async () => {
		const name = nameFor('missing');
		const missing = `registry-lab-test/not-here:${runId}`;

		const result = await ensureService(
			labWith(name, { image: missing }),
			'registry',
			{ registryPort: String(await freePort()) },
			{ env: process.env, pull: false },
		);

		expect(result).toMatchObject({ ok: false, problem: 'image-missing' });
		if (!result.ok) expect(result.fix).toContain(`docker pull ${missing}`);
		expect(dockerSync('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.ID}}')).toBe('');
	});

	it('reports a busy port and removes the container docker run left behind', async () => {
		const name = nameFor('busy');
		const holder: Server = createServer((socket) => socket.destroy());
		await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
		const port = String((holder.address() as { port: number }).port);
		try {
			const result = await ensureService(labWith(name), 'registry', { registryPort: port }, { env: process.env, pull: false });

			expect(result).toMatchObject({ ok: false, problem: 'port-busy' });
			if (!result.ok) expect(result.message).toContain(port);
			expect(dockerSync('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.ID}}')).toBe('');
		} finally {
			await closeServer(holder);
		}
	});

	it('stops waiting when the started container exits, and shows its last output', async () => {
		const name = nameFor('exits');
		const lab = labWith(name, { env: { REGISTRY_STORAGE: 'no-such-driver' } });

		const result = await ensureService(
			lab,
			'registry',
			{ registryPort: String(await freePort()) },
			{ env: process.env, pull: false, pollMs: 100 },
		);

		expect(result).toMatchObject({ ok: false, problem: 'exited' });
		if (!result.ok) expect(result.detail).toMatch(/no-such-driver|storage/i);
	});
});
