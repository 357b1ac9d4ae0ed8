import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PingPort } from '../../src/docker/choose-port.js';
import { daemonFix, daemonMessage, findOnPath, runDoctor, type DoctorFinding } from '../../src/docker/doctor.js';
import type { Lab } from '../../src/lab/schema.js';
import { buildRegistryTestImage, closeServer, dockerQuiet, freePort, hasEngine, runId } from './docker-test-engine.js';

type DoctorLab = Pick<Lab, 'id' | 'requires' | 'variables' | 'services' | 'steps'>;

function labFor(image: string, extra: Partial<DoctorLab> = {}): DoctorLab {
	return {
		id: 'doctor-test',
		requires: ['docker'],
		variables: { registryPort: { default: '5000', freePort: true } },
		services: { registry: { image, name: 'registry', ports: ['{{registryPort}}:5000'] } },
		steps: [{ id: 'one', title: 'One', prompt: 'Do it.' }],
		...extra,
	};
}

const byId = (findings: DoctorFinding[], id: string) => findings.find((finding) => finding.id === id);

describe('daemon messages and fixes', () => {
	it.each([
		['not-running', 'linux', /sudo systemctl start docker/],
		['not-running', 'darwin', /Start Docker Desktop/],
		['not-running', 'win32', /Start Docker Desktop/],
		['permission-denied', 'linux', /usermod -aG docker/],
		['timed-out', 'linux', /wait a moment/],
		['other', 'linux', /docker version/],
	] as const)('for %s on %s the fix says %s', (problem, platform, fix) => {
		expect(daemonFix(problem, platform)).toMatch(fix);
		expect(daemonMessage(problem, 'detail')).not.toBe('');
	});
});

describe('findOnPath', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'registry-lab-path-'));
		writeFileSync(join(dir, 'runnable'), '#!/bin/sh\n');
		chmodSync(join(dir, 'runnable'), 0o755);
		writeFileSync(join(dir, 'plain'), 'not executable');
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('finds an executable in a PATH folder and ignores files that are not executable', async () => {
		expect(await findOnPath('runnable', { PATH: `/nonexistent:${dir}` }, 'linux')).toBe(join(dir, 'runnable'));
		expect(await findOnPath('plain', { PATH: dir }, 'linux')).toBeUndefined();
		expect(await findOnPath('runnable', { PATH: '' }, 'linux')).toBeUndefined();
	});
});

describe.skipIf(!hasEngine)('runDoctor on this machine', () => {
	const image = `registry-lab-test/doctor:${runId}`;
	let emptyDir: string;
	let dockerOnlyDir: string;
	let internet: Server;
	let internetUrl: string;

	beforeAll(async () => {
		buildRegistryTestImage(image);
		emptyDir = mkdtempSync(join(tmpdir(), 'registry-lab-empty-path-'));
		dockerOnlyDir = mkdtempSync(join(tmpdir(), 'registry-lab-docker-only-'));
		symlinkSync((await findOnPath('docker', process.env))!, join(dockerOnlyDir, 'docker'));
		internet = createServer((_request, response) => {
			response.writeHead(401);
			response.end();
		});
		await new Promise<void>((resolve) => internet.listen(0, '127.0.0.1', resolve));
		internetUrl = `http://127.0.0.1:${(internet.address() as { port: number }).port}/v2/`;
	});

	afterAll(async () => {
		dockerQuiet('rmi', image);
		rmSync(emptyDir, { recursive: true, force: true });
		rmSync(dockerOnlyDir, { recursive: true, force: true });
		await closeServer(internet);
	});

	it('reports every finding ok when Docker runs, the image is here and the port is free', async () => {
		const findings = await runDoctor(labFor(image), { registryPort: String(await freePort()) }, { skipInternet: true });

		expect(findings.map((finding) => finding.id)).toEqual(['docker-cli', 'daemon', 'engine', `image:${image}`, 'port:registryPort']);
		expect(findings.filter((finding) => finding.status !== 'ok')).toEqual([]);
		expect(byId(findings, 'engine')!.message).toMatch(/^Docker/);
	});

	it('names the port check and the TUI would use: the nearby one where the learner’s registry answers', async () => {
		const desired = await freePort();
		const ping: PingPort = async (port) =>
			port === desired
				? { kind: 'other', status: 403, server: 'AirTunes/860.7.1', message: 'answered 403' }
				: port === desired + 2
					? { kind: 'registry', status: 200, message: 'a registry' }
					: { kind: 'unreachable', message: 'nothing there' };

		const findings = await runDoctor(labFor(image), { registryPort: String(desired) }, { skipInternet: true, ping });

		expect(byId(findings, 'port:registryPort')).toMatchObject({ status: 'warn' });
		expect(byId(findings, 'port:registryPort')!.message).toBe(`Port ${desired} is held by macOS AirPlay Receiver, so the lab uses port ${desired + 2}, where a registry already answers.`);
	});

	it('fails with an install fix when docker is not on the PATH, and checks nothing that needs it', async () => {
		const findings = await runDoctor(labFor(image), { registryPort: String(await freePort()) }, {
			skipInternet: true,
			env: { ...process.env, PATH: emptyDir },
		});

		expect(byId(findings, 'docker-cli')).toMatchObject({ status: 'fail', message: 'The docker command is not on your PATH.' });
		expect(byId(findings, 'docker-cli')!.fix).toMatch(/Install Docker/);
		expect(byId(findings, 'daemon')).toBeUndefined();
		expect(byId(findings, `image:${image}`)).toBeUndefined();
	});

	it('fails with a start fix when the daemon does not answer', async () => {
		const findings = await runDoctor(labFor(image), { registryPort: String(await freePort()) }, {
			skipInternet: true,
			platform: 'linux',
			env: { ...process.env, DOCKER_HOST: `unix://${join(emptyDir, 'no-docker.sock')}` },
		});

		expect(byId(findings, 'daemon')).toMatchObject({ status: 'fail', message: 'The docker command works, but the Docker engine is not running.' });
		expect(byId(findings, 'daemon')!.fix).toContain('sudo systemctl start docker');
	});

	it('warns that a missing service image will be pulled on first run', async () => {
		const missing = `registry-lab-test/doctor-missing:${runId}`;

		const findings = await runDoctor(labFor(missing), { registryPort: String(await freePort()) }, { skipInternet: true });

		expect(byId(findings, `image:${missing}`)).toMatchObject({ status: 'warn' });
		expect(byId(findings, `image:${missing}`)!.message).toContain('will be pulled on first run, which needs the internet');
	});

	it('checks the internet only for labs with online steps, and only when not skipped', async () => {
		const online = labFor(image, { steps: [{ id: 'push', title: 'Push', prompt: 'Push it.', online: true }] });
		const vars = { registryPort: String(await freePort()) };
		const closedPort = await freePort();

		const reached = await runDoctor(online, vars, { internetUrl });
		const unreached = await runDoctor(online, vars, { internetUrl: `http://127.0.0.1:${closedPort}/v2/` });
		const skipped = await runDoctor(online, vars, { skipInternet: true, internetUrl });
		const offlineLab = await runDoctor(labFor(image), vars, { internetUrl });

		expect(byId(reached, 'internet')).toMatchObject({ status: 'ok' });
		expect(byId(unreached, 'internet')).toMatchObject({ status: 'warn' });
		expect(byId(unreached, 'internet')!.fix).toMatch(/hub variable/);
		expect(byId(skipped, 'internet')).toBeUndefined();
		expect(byId(offlineLab, 'internet')).toBeUndefined();
	});

	it('fails when the lab requires curl and curl is not on the PATH', async () => {
		const lab = labFor(image, { requires: ['docker', 'curl'] });

		const findings = await runDoctor(lab, { registryPort: String(await freePort()) }, {
			skipInternet: true,
			platform: 'linux',
			env: { ...process.env, PATH: dockerOnlyDir },
		});

		expect(byId(findings, 'docker-cli')).toMatchObject({ status: 'ok' });
		expect(byId(findings, 'curl')).toMatchObject({ status: 'fail' });
		expect(byId(findings, 'curl')!.fix).toContain('apt-get install curl');
	});
});
