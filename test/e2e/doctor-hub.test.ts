// `registry-lab doctor --set hub=...` as an offline classroom runs it: the registries lab's push steps
// go to a registry on this machine (the hub stand-in, which asks for a login), so the doctor asks that
// registry instead of Docker Hub, and the machine is ready without the internet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { ensureBuilt, runCli } from '../commands/built-cli.js';
import { requireDocker } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';

interface DoctorReport {
	ready: boolean;
	findings: Array<{ id: string; status: string; message: string; fix?: string }>;
}

const docker = requireDocker();

describe.skipIf(!docker.available)('registry-lab doctor with another registry playing Docker Hub', () => {
	let hub: Hub;
	let dirs: string[];
	let env: Record<string, string | undefined>;
	let registryPort: string;

	beforeAll(async () => {
		ensureBuilt();
		hub = await startHub();
		dirs = [
			mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-')),
			mkdtempSync(path.join(tmpdir(), 'registry-lab-state-')),
			mkdtempSync(path.join(tmpdir(), 'registry-lab-no-login-')),
		];
		env = { ...hub.env, REGISTRY_LAB_WORKSPACE: dirs[0], REGISTRY_LAB_STATE_DIR: dirs[1] };
		registryPort = String(await freePort());
	});

	afterAll(() => {
		hub?.stop();
		for (const dir of dirs ?? []) rmSync(dir, { recursive: true, force: true });
	});

	const doctor = (extraEnv: Record<string, string | undefined>, ...args: string[]) =>
		runCli(['doctor', ...args, '--set', `registryPort=${registryPort}`], { env: { ...env, ...extraEnv } });
	const finding = (report: DoctorReport, id: string) => report.findings.find((candidate) => candidate.id === id);

	it('is ready (exit 0) without asking Docker Hub, when the registry there answers and Docker is logged in to it', async () => {
		const result = await doctor({}, '--set', `hub=${hub.host}`);

		expect(result.stdout).toContain(
			`  ok    Registry that plays Docker Hub: A Docker registry answers at ${hub.host} (it asks for a login); the push steps use it instead of Docker Hub.\n`,
		);
		expect(result.stdout).toContain(`  ok    Login to ${hub.host}: Docker is logged in to ${hub.host} as ${hub.username}.\n`);
		expect(result.stdout).not.toContain('Internet');
		expect(result.stdout).toMatch(/\nReady(, with .*)?\.\n$/);
		expect(result.code).toBe(0);
	});

	it('takes the hub from REGISTRY_LAB_HUB as well, and reports it in JSON', async () => {
		const result = await doctor({ REGISTRY_LAB_HUB: hub.host }, '--json');

		const report = JSON.parse(result.stdout) as DoctorReport;
		expect(report.ready).toBe(true);
		expect(finding(report, 'internet')).toBeUndefined();
		expect(finding(report, 'hub')).toMatchObject({ status: 'ok' });
		expect(result.code).toBe(0);
	});

	it('warns, naming docker login and the push steps, when Docker is not logged in there; still ready', async () => {
		const result = await doctor({ DOCKER_CONFIG: dirs[2] }, '--json', '--set', `hub=${hub.host}`);

		const report = JSON.parse(result.stdout) as DoctorReport;
		expect(finding(report, 'login')).toEqual({
			id: 'login',
			title: `Login to ${hub.host}`,
			status: 'warn',
			message: `Docker is not logged in to ${hub.host}, so ${hub.host} will refuse the pushes of “Log in and push your image” and “Push every tag”.`,
			fix: `Log in with \`docker login ${hub.host}\` before those steps.`,
		});
		expect(result.code).toBe(0);
	});

	it('is not ready (exit 1) when nothing answers at the hub, naming the host, the port and how to start a registry there', async () => {
		const port = await freePort();

		const result = await doctor({}, '--set', `hub=localhost:${port}`);

		expect(result.stdout).toContain(
			`  FAIL  Registry that plays Docker Hub: The hub setting sends the steps that push there (“Log in and push your image” and “Push every tag”) to localhost:${port}, but no registry answers at localhost on port ${port}`,
		);
		expect(result.stdout).toContain(
			`fix: Start a registry on port ${port} of this machine (docker run -d -p ${port}:5000 --name hub registry:2)`,
		);
		expect(result.stdout).toMatch(/\nNot ready: fix the problem marked FAIL/);
		expect(result.code).toBe(1);
	});
});
