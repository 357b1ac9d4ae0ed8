import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PingPort } from '../../src/docker/choose-port.js';
import {
	daemonFix,
	daemonMessage,
	dockerLogin,
	findOnPath,
	hubFinding,
	loginFinding,
	registryHostAndPort,
	runDoctor,
	type DoctorFinding,
} from '../../src/docker/doctor.js';
import type { Lab } from '../../src/lab/schema.js';
import { registryTestsEnabled, startRegistry, type TestRegistry } from '../support/registry-server.js';
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
		const findings = await runDoctor(labFor(image), { registryPort: String(await freePort()) }, { env: process.env, skipInternet: true });

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

		const findings = await runDoctor(labFor(image), { registryPort: String(desired) }, { env: process.env, skipInternet: true, ping });

		expect(byId(findings, 'port:registryPort')).toMatchObject({ status: 'warn' });
		expect(byId(findings, 'port:registryPort')!.message).toBe(
			`Port ${desired} is held by macOS AirPlay Receiver, so the lab uses port ${desired + 2}, where a registry already answers.`,
		);
	});

	it('fails with an install fix when docker is not on the PATH, and checks nothing that needs it', async () => {
		const findings = await runDoctor(
			labFor(image),
			{ registryPort: String(await freePort()) },
			{
				skipInternet: true,
				env: { ...process.env, PATH: emptyDir },
			},
		);

		expect(byId(findings, 'docker-cli')).toMatchObject({ status: 'fail', message: 'The docker command is not on your PATH.' });
		expect(byId(findings, 'docker-cli')!.fix).toMatch(/Install Docker/);
		expect(byId(findings, 'daemon')).toBeUndefined();
		expect(byId(findings, `image:${image}`)).toBeUndefined();
	});

	it('fails with a start fix when the daemon does not answer', async () => {
		const findings = await runDoctor(
			labFor(image),
			{ registryPort: String(await freePort()) },
			{
				skipInternet: true,
				platform: 'linux',
				env: { ...process.env, DOCKER_HOST: `unix://${join(emptyDir, 'no-docker.sock')}` },
			},
		);

		expect(byId(findings, 'daemon')).toMatchObject({
			status: 'fail',
			message: 'The docker command works, but the Docker engine is not running.',
		});
		expect(byId(findings, 'daemon')!.fix).toContain('sudo systemctl start docker');
	});

	it('warns that a missing service image will be pulled on first run', async () => {
		const missing = `registry-lab-test/doctor-missing:${runId}`;

		const findings = await runDoctor(labFor(missing), { registryPort: String(await freePort()) }, { env: process.env, skipInternet: true });

		expect(byId(findings, `image:${missing}`)).toMatchObject({ status: 'warn' });
		expect(byId(findings, `image:${missing}`)!.message).toContain('will be pulled on first run, which needs the internet');
	});

	it('checks the internet only for labs with online steps, and only when not skipped', async () => {
		const online = labFor(image, { steps: [{ id: 'push', title: 'Push', prompt: 'Push it.', online: true }] });
		const vars = { registryPort: String(await freePort()) };
		const closedPort = await freePort();

		const reached = await runDoctor(online, vars, { env: process.env, internetUrl });
		const unreached = await runDoctor(online, vars, { env: process.env, internetUrl: `http://127.0.0.1:${closedPort}/v2/` });
		const skipped = await runDoctor(online, vars, { env: process.env, skipInternet: true, internetUrl });
		const offlineLab = await runDoctor(labFor(image), vars, { env: process.env, internetUrl });

		expect(byId(reached, 'internet')).toMatchObject({ status: 'ok' });
		expect(byId(unreached, 'internet')).toMatchObject({ status: 'warn' });
		expect(byId(unreached, 'internet')!.fix).toMatch(/hub variable/);
		expect(byId(skipped, 'internet')).toBeUndefined();
		expect(byId(offlineLab, 'internet')).toBeUndefined();
	});

	it('fails when the lab requires curl and curl is not on the PATH', async () => {
		const lab = labFor(image, { requires: ['docker', 'curl'] });

		const findings = await runDoctor(
			lab,
			{ registryPort: String(await freePort()) },
			{
				skipInternet: true,
				platform: 'linux',
				env: { ...process.env, PATH: dockerOnlyDir },
			},
		);

		expect(byId(findings, 'docker-cli')).toMatchObject({ status: 'ok' });
		expect(byId(findings, 'curl')).toMatchObject({ status: 'fail' });
		expect(byId(findings, 'curl')!.fix).toContain('apt-get install curl');
	});
});

const pushSteps = [{ title: 'Log in and push your image' }, { title: 'Push every tag' }];

describe('the registry that plays Docker Hub, and the login for it', () => {
	it.each([
		['localhost:5001', { host: 'localhost', port: 5001 }],
		['127.0.0.1:49153', { host: '127.0.0.1', port: 49153 }],
		['registry.example.com', { host: 'registry.example.com', port: 443 }],
		['localhost', { host: 'localhost', port: 80 }],
	])('reads %s as host and port', (registry, expected) => {
		expect(registryHostAndPort(registry)).toEqual(expected);
	});

	it('is ok when a registry answers there, and says the push steps use it', () => {
		const finding = hubFinding(
			'localhost:5001',
			{ kind: 'registry', status: 401, message: 'a Docker registry answers at localhost:5001 (it asks for a login)' },
			pushSteps,
		);
		expect(finding).toEqual({
			id: 'hub',
			title: 'Registry that plays Docker Hub',
			status: 'ok',
			message: 'A Docker registry answers at localhost:5001 (it asks for a login); the push steps use it instead of Docker Hub.',
		});
	});

	it('fails when nothing answers, naming the host, the port, the steps and how to start one', () => {
		const finding = hubFinding('localhost:5001', { kind: 'unreachable', message: 'nothing is listening there' }, pushSteps);
		expect(finding.status).toBe('fail');
		expect(finding.message).toBe(
			'The hub setting sends the steps that push there (“Log in and push your image” and “Push every tag”) to localhost:5001, but no registry answers at localhost on port 5001 (nothing is listening there).',
		);
		expect(finding.fix).toBe(
			'Start a registry on port 5001 of this machine (docker run -d -p 5001:5000 --name hub registry:2), or set hub to a registry that runs (--set hub=HOST:PORT, or hub=docker.io for Docker Hub itself).',
		);
	});

	it('fails for a classroom registry out of reach with a fix about reaching it, not starting one', () => {
		const finding = hubFinding('registry.school.example', { kind: 'unreachable', message: 'no answer in time' }, pushSteps.slice(0, 1));
		expect(finding.message).toContain('sends the step that pushes there (“Log in and push your image”) to registry.school.example');
		expect(finding.message).toContain('no registry answers at registry.school.example on port 443');
		expect(finding.fix).toMatch(/^Check that this machine reaches registry\.school\.example on port 443/);
	});

	it('fails when something that is not a registry answers, in the words of the port check', () => {
		const finding = hubFinding(
			'localhost:5001',
			{
				kind: 'other',
				status: 404,
				message: 'a server that does not name itself answers at localhost:5001 (HTTP 404), but it is not a Docker registry',
			},
			pushSteps,
		);
		expect(finding.status).toBe('fail');
		expect(finding.message).toContain(
			'but a server that does not name itself answers at localhost:5001 (HTTP 404), but it is not a Docker registry.',
		);
	});

	it('warns, naming docker login and the push steps, when Docker is not logged in; says who when it is', () => {
		expect(loginFinding('localhost:5001', { isLoggedIn: false }, pushSteps)).toEqual({
			id: 'login',
			title: 'Login to localhost:5001',
			status: 'warn',
			message:
				'Docker is not logged in to localhost:5001, so localhost:5001 will refuse the pushes of “Log in and push your image” and “Push every tag”.',
			fix: 'Log in with `docker login localhost:5001` before those steps.',
		});
		expect(loginFinding('docker.io', { isLoggedIn: false }, pushSteps).fix).toBe(
			'Log in with `docker login docker.io` before those steps (your Docker Hub username, and a personal access token as the password).',
		);
		expect(loginFinding('docker.io', { isLoggedIn: true, username: 'learner1' }, pushSteps)).toMatchObject({
			status: 'ok',
			message: 'Docker is logged in to Docker Hub as learner1.',
		});
	});
});

describe('dockerLogin reads Docker’s config as Docker does', () => {
	const dirs: string[] = [];
	afterAll(() => {
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});
	const b64 = (text: string) => Buffer.from(text).toString('base64');
	/** A DOCKER_CONFIG folder with this config.json, and a bin folder for credential helpers. */
	function configWith(config: object, helpers: Record<string, string> = {}): Record<string, string | undefined> {
		const dir = mkdtempSync(join(tmpdir(), 'registry-lab-docker-config-'));
		dirs.push(dir);
		writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
		mkdirSync(join(dir, 'bin'));
		for (const [name, script] of Object.entries(helpers)) {
			writeFileSync(join(dir, 'bin', `docker-credential-${name}`), `#!/bin/sh\n${script}\n`);
			chmodSync(join(dir, 'bin', `docker-credential-${name}`), 0o755);
		}
		return { DOCKER_CONFIG: dir, PATH: `${join(dir, 'bin')}:/usr/bin:/bin` };
	}

	it.each([
		[
			'an auths entry for the host',
			{ auths: { 'localhost:5001': { auth: b64('learner1:secret') } } },
			'localhost:5001',
			{ isLoggedIn: true, username: 'learner1' },
		],
		[
			'an auths entry written as a URL',
			{ auths: { 'http://localhost:5001/v2/': { auth: b64('learner1:secret') } } },
			'localhost:5001',
			{ isLoggedIn: true, username: 'learner1' },
		],
		['an identity token', { auths: { 'https://index.docker.io/v1/': { identitytoken: 'token' } } }, 'docker.io', { isLoggedIn: true }],
		[
			'a login for another host',
			{ auths: { 'localhost:5002': { auth: b64('learner1:secret') } } },
			'localhost:5001',
			{ isLoggedIn: false },
		],
		['an empty config', {}, 'docker.io', { isLoggedIn: false }],
	])('finds %s', (_case, config, registry, expected) => {
		return expect(dockerLogin(registry, configWith(config))).resolves.toEqual(expected);
	});

	it('asks the credential helper set for the registry, and believes its answer over the file', async () => {
		const helpers = {
			has: 'cat >/dev/null; echo \'{"ServerURL":"localhost:5001","Username":"learner1","Secret":"s"}\'',
			lacks: 'cat >/dev/null; echo "credentials not found in native keychain"; exit 1',
		};
		const fileLogin = { 'localhost:5001': {} };
		expect(await dockerLogin('localhost:5001', configWith({ auths: fileLogin, credsStore: 'has' }, helpers))).toEqual({
			isLoggedIn: true,
			username: 'learner1',
		});
		expect(
			await dockerLogin('localhost:5001', configWith({ auths: fileLogin, credHelpers: { 'localhost:5001': 'lacks' } }, helpers)),
		).toEqual({ isLoggedIn: false });
	});

	it('says not logged in when there is no config at all', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'registry-lab-no-config-'));
		dirs.push(dir);
		expect(await dockerLogin('docker.io', { DOCKER_CONFIG: join(dir, 'missing') })).toEqual({ isLoggedIn: false });
	});
});

describe.skipIf(!registryTestsEnabled())('runDoctor with hub set to another registry', () => {
	const onlineLab: DoctorLab = {
		id: 'doctor-hub-test',
		requires: ['docker', 'internet'],
		variables: { hub: { default: 'docker.io' } },
		steps: [
			{ id: 'local', title: 'Local', prompt: 'Do it here.' },
			{ id: 'push', title: 'Push your image', prompt: 'Push it.', online: true },
		],
	};
	let open: TestRegistry;
	let guarded: TestRegistry;
	let dockerHub: Server;
	let dockerHubUrl: string;
	let dockerHubHits = 0;
	let configDir: string;
	let emptyConfigDir: string;

	beforeAll(async () => {
		[open, guarded] = await Promise.all([startRegistry({ mode: 'open' }), startRegistry({ mode: 'htpasswd' })]);
		// Stands in for Docker Hub, to prove the doctor never asks it when another registry plays it.
		dockerHub = createServer((_request, response) => {
			dockerHubHits++;
			response.writeHead(401);
			response.end();
		});
		await new Promise<void>((resolve) => dockerHub.listen(0, '127.0.0.1', resolve));
		dockerHubUrl = `http://127.0.0.1:${(dockerHub.address() as { port: number }).port}/v2/`;
		configDir = mkdtempSync(join(tmpdir(), 'registry-lab-doctor-config-'));
		emptyConfigDir = mkdtempSync(join(tmpdir(), 'registry-lab-empty-config-'));
		writeFileSync(
			join(configDir, 'config.json'),
			JSON.stringify({ auths: { [guarded.host]: { auth: Buffer.from(`${guarded.username}:${guarded.password}`).toString('base64') } } }),
		);
	});

	afterAll(async () => {
		await Promise.all([open?.stop(), guarded?.stop(), dockerHub && closeServer(dockerHub)]);
		rmSync(configDir, { recursive: true, force: true });
		rmSync(emptyConfigDir, { recursive: true, force: true });
	});

	const doctorFor = (hub: string, env: Record<string, string | undefined> = { ...process.env, DOCKER_CONFIG: configDir }) =>
		runDoctor(onlineLab, { hub }, { env, internetUrl: dockerHubUrl });

	it('is ready without Docker Hub when the registry there answers and Docker is logged in to it', async () => {
		const hitsBefore = dockerHubHits;

		const findings = await doctorFor(guarded.host);

		expect(byId(findings, 'internet')).toBeUndefined();
		expect(byId(findings, 'hub')).toMatchObject({
			status: 'ok',
			message: `A Docker registry answers at ${guarded.host} (it asks for a login); the push steps use it instead of Docker Hub.`,
		});
		expect(byId(findings, 'login')).toMatchObject({
			status: 'ok',
			message: `Docker is logged in to ${guarded.host} as ${guarded.username}.`,
		});
		expect(dockerHubHits).toBe(hitsBefore);
	});

	it('needs no login for a registry that takes pushes from anyone', async () => {
		const findings = await doctorFor(open.host, { ...process.env, DOCKER_CONFIG: emptyConfigDir });

		expect(byId(findings, 'hub')).toMatchObject({ status: 'ok' });
		expect(byId(findings, 'login')).toMatchObject({ status: 'ok', message: `${open.host} takes pushes without a login.` });
	});

	it('warns, still ready, when Docker is not logged in to a registry that asks for one', async () => {
		const findings = await doctorFor(guarded.host, { ...process.env, DOCKER_CONFIG: emptyConfigDir });

		expect(byId(findings, 'login')).toMatchObject({
			status: 'warn',
			fix: `Log in with \`docker login ${guarded.host}\` before those steps.`,
		});
		expect(byId(findings, 'login')!.message).toContain('“Push your image”');
		expect(findings.filter((finding) => finding.status === 'fail' && ['hub', 'login', 'internet'].includes(finding.id))).toEqual([]);
	});

	it('fails when nothing answers there, naming host and port, even with the internet check skipped', async () => {
		const port = await freePort();
		const hitsBefore = dockerHubHits;

		const findings = await runDoctor(
			onlineLab,
			{ hub: `127.0.0.1:${port}` },
			{ skipInternet: true, internetUrl: dockerHubUrl, env: { ...process.env, DOCKER_CONFIG: configDir } },
		);

		expect(byId(findings, 'hub')).toMatchObject({ status: 'fail' });
		expect(byId(findings, 'hub')!.message).toContain(`no registry answers at 127.0.0.1 on port ${port}`);
		expect(byId(findings, 'hub')!.fix).toContain(`docker run -d -p ${port}:5000 --name hub registry:2`);
		// Whether it wants a login is known once it answers: the learner sees the one thing to fix.
		expect(byId(findings, 'login')).toBeUndefined();
		expect(dockerHubHits).toBe(hitsBefore);
	});

	it('still checks Docker Hub, and the login for it, when hub is Docker Hub', async () => {
		const hitsBefore = dockerHubHits;

		const findings = await doctorFor('docker.io');

		expect(byId(findings, 'internet')).toMatchObject({ status: 'ok', message: 'Docker Hub answers.' });
		expect(byId(findings, 'hub')).toBeUndefined();
		expect(byId(findings, 'login')).toMatchObject({ status: 'warn', title: 'Login to Docker Hub' });
		expect(dockerHubHits).toBe(hitsBefore + 1);
	});
});
