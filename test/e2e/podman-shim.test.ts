// The podman-docker shim: a `docker` that runs podman itself (Debian's podman-docker package,
// unpacked by .ci/run). doctor tells it from a Docker client, reads Podman's registries.conf as
// podman does (at each command: no restart), and once the registry is marked insecure a push
// through the shim counts as pushed.
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { ensureBuilt, runCli } from '../commands/built-cli.js';
import { requireDocker } from './support/docker.js';
import { loadStandInImages, requirePodman } from './support/podman.js';
import { spawnSync } from 'node:child_process';
import { eventually } from '../support/eventually.js';

const shim = process.env.REGISTRY_LAB_PODMAN_DOCKER ?? '/opt/registry-lab/podman-docker/usr/bin/docker';
const docker = requireDocker();
const podman = requirePodman();
const hasShim = existsSync(shim);
if (!hasShim && process.env.CI === 'true') throw new Error(`CI=true, so the podman-docker shim must be at ${shim} (.ci/run unpacks it)`);
if (!hasShim) console.warn(`Skipping the podman-docker shim tests: no shim at ${shim}`);

describe.skipIf(!(docker.available && podman.available && hasShim))('the podman-docker shim (docker runs podman itself)', () => {
	const dirs: string[] = [];
	let env: Record<string, string>;
	let port = 0;
	// The lab's registry step looks for a container named registry (in Podman's storage here, not Docker's).
	const name = 'registry';
	/** A command the learner types: `docker`, which is the shim. */
	const learner = (...args: string[]) => spawnSync('docker', args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
	const flags = () => ['--set', 'dockerId=learner1', '--set', 'hub=docker.io', '--set', `registryPort=${port}`];

	beforeAll(async () => {
		ensureBuilt();
		loadStandInImages();
		const bin = mkdtempSync(path.join(tmpdir(), 'registry-lab-shim-bin-'));
		const home = mkdtempSync(path.join(tmpdir(), 'registry-lab-shim-'));
		dirs.push(bin, home);
		symlinkSync(shim, path.join(bin, 'docker'));
		writeFileSync(path.join(home, 'registries.conf'), '');
		port = await freePort();
		env = {
			PATH: `${bin}:${process.env.PATH}`,
			CONTAINERS_REGISTRIES_CONF: path.join(home, 'registries.conf'),
			REGISTRY_LAB_WORKSPACE: path.join(home, 'workspace'),
			REGISTRY_LAB_STATE_DIR: path.join(home, 'state'),
		};
		delete process.env.DOCKER_HOST;
	});

	afterAll(() => {
		spawnSync('podman', ['rm', '-f', '-v', name]);
		spawnSync('podman', ['rmi', `localhost:${port}/alpine`]);
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	it('doctor says the docker command is Podman’s own, and that registries.conf needs no restart there', async () => {
		const result = await runCli(['doctor', '--skip-internet', ...flags()], { env });
		expect(result.stdout).toContain('the docker command here runs podman itself (podman-docker)');
		expect(result.stdout).toMatch(/FAIL\s+Podman and plain-HTTP registries: .*localhost:\d+/);
		expect(result.stdout).toContain('Podman reads it at each command, so the next push works.');
		const lines = result.stdout
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => /^(\[\[registry\]\]|location = "[^"]+"|insecure = true)$/.test(line));
		expect(lines).toEqual(['[[registry]]', `location = "localhost:${port}"`, 'insecure = true']);
		writeFileSync(env.CONTAINERS_REGISTRIES_CONF!, `${lines.join('\n')}\n`);
		const after = await runCli(['doctor', '--skip-internet', ...flags()], { env });
		expect(after.stdout).toMatch(/ok\s+Podman and plain-HTTP registries/);
	});

	it('counts a push through the shim as pushed', async () => {
		expect(learner('run', '-d', '--name', name, '-p', `${port}:5000`, 'registry:2').status).toBe(0);
		await eventually(
			() =>
				fetch(`http://localhost:${port}/v2/`).then(
					(response) => response.ok,
					() => false,
				),
			{
				what: 'the registry started through the shim',
				timeoutMs: 30_000,
			},
		);
		expect(learner('tag', 'alpine', `localhost:${port}/alpine`).status).toBe(0);
		const push = learner('push', `localhost:${port}/alpine`);
		expect(push.status, push.stderr).toBe(0);
		const check = await runCli(['check', '--json', '--step', 'push-alpine', ...flags()], { env });
		const report = JSON.parse(check.stdout) as { steps: { id: string; status: string; message: string }[] };
		expect(
			report.steps.find((step) => step.id === 'push-alpine'),
			check.stdout,
		).toMatchObject({ status: 'passed' });
	});
});
