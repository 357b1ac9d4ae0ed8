// The registries lab on Podman behind the Docker CLI (what Podman Desktop gives learners), on a
// Podman service of this test's own. Before the learner marks the lab's plain-HTTP registries
// insecure, `doctor` names the fix (the file, its lines, the restart); the test writes exactly the
// lines doctor printed and restarts the service; then doctor is ready, `registry-lab test registries`
// holds every step against a hub with a login, and the learner's scenario ticks as on Docker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { watchDockerEvents, type DockerEvent } from '../../src/docker/watch-docker-events.js';
import { eventually } from '../support/eventually.js';
import { ensureBuilt, runCli } from '../commands/built-cli.js';
import { dockerSync, removeLabelled, requireDocker } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';
import { describeLearnerScenario } from './support/learner-scenario.js';
import { loadStandInImages, requirePodman, startPodmanService, type PodmanService } from './support/podman.js';

// The Docker engine holds the stand-in images Podman loads.
const docker = requireDocker();
const podman = requirePodman();
const enabled = docker.available && podman.available;

let service: PodmanService | undefined;
let hub: Hub | undefined;
let port = 0;
const savedHost = process.env.DOCKER_HOST;

/** The registries.conf lines in doctor's fix, as printed (indented under `fix:`). */
function linesFromFix(output: string): string {
	const lines = output.split('\n').map((line) => line.trim());
	return `${lines.filter((line) => /^(\[\[registry\]\]|location = "[^"]+"|insecure = true)$/.test(line)).join('\n')}\n`;
}

describe.skipIf(!enabled)('the registries lab on Podman behind the Docker CLI', () => {
	const dirs: string[] = [];
	const cliEnv = () => ({ ...hub!.env, DOCKER_HOST: service!.host, REGISTRY_LAB_WORKSPACE: dirs[0], REGISTRY_LAB_STATE_DIR: dirs[1] });
	const setFlags = () => ['--set', 'dockerId=learner1', '--set', `hub=${hub!.host}`, '--set', `registryPort=${port}`];

	beforeAll(async () => {
		ensureBuilt();
		loadStandInImages();
		service = await startPodmanService();
		// Every docker command of this file (the hub, the learner's) goes to Podman.
		process.env.DOCKER_HOST = service.host;
		// `localhost`: Podman's API logs in over plain HTTP to that name only (doctor says so for 127.0.0.1).
		hub = await startHub({ login: false, hostName: 'localhost' });
		port = await freePort();
		dirs.push(mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-')), mkdtempSync(path.join(tmpdir(), 'registry-lab-state-')));
	});

	afterAll(async () => {
		removeLabelled('io.registry-lab.lab=registries');
		hub?.stop();
		if (savedHost === undefined) delete process.env.DOCKER_HOST;
		else process.env.DOCKER_HOST = savedHost;
		await service?.stop();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	it('doctor names the registries.conf lines for the lab’s registry and the hub, and the restart, before they are there', async () => {
		const result = await runCli(['doctor', ...setFlags()], { env: cliEnv() });
		expect(result.stdout).toContain('Podman (client');
		expect(result.stdout).toMatch(/FAIL\s+Podman and plain-HTTP registries/);
		expect(result.stdout).toContain('server gave HTTP response to HTTPS client');
		expect(result.stdout).toContain('/etc/containers/registries.conf.d/registry-lab.conf');
		expect(result.stdout).toContain('restart');
		expect(result.stdout).toMatch(/warn\s+Steps that differ on Podman: “Push every tag”: Podman does not take `docker push --all-tags`/);
		expect(result.code).toBe(1);
		const lines = linesFromFix(result.stdout);
		expect(lines).toContain(`location = "localhost:${port}"`);
		expect(lines).toContain(`location = "${hub!.host}"`);
		writeFileSync(service!.registriesConf, lines);
	});

	it('after the learner adds those lines and restarts Podman, doctor is ready and the hub takes a login', async () => {
		await service!.restart();
		hub!.login();
		const result = await runCli(['doctor', ...setFlags()], { env: cliEnv() });
		expect(result.stdout).toMatch(/ok\s+Podman and plain-HTTP registries: Podman is told to use plain HTTP/);
		expect(result.stdout).toMatch(/ok\s+Login to localhost:\d+: Docker is logged in/);
		expect(result.code, result.stdout).toBe(0);
	});

	it('holds under registry-lab test, every step, with a push per tag where Podman does not take --all-tags', async () => {
		const result = await runCli(['test', 'registries', ...setFlags()], { env: cliEnv() });
		expect(result.stdout).toContain('note: The engine is Podman: push-all-tags, more-tags run their Podman solution.');
		expect(result.stdout, result.stdout).toMatch(/The lab holds: 13 passed, 0 failed, 0 skipped/);
		expect(result.code).toBe(0);
		// What `test` pushed to the hub stays there; the lab's images and containers are gone.
		expect(dockerSync(['ps', '-aq', '--filter', 'label=io.registry-lab.lab=registries']).stdout).toBe('');
	});

	it('streams docker events from Podman as the TUI reads them: a tag, and a labelled container started', async () => {
		const events: DockerEvent[] = [];
		const controller = new AbortController();
		const watch = watchDockerEvents({
			env: { ...process.env, DOCKER_HOST: service!.host },
			signal: controller.signal,
			onEvent: (event) => events.push(event),
		});
		const tagged = `localhost:${port}/registry-lab-events:${process.pid}`;
		const name = `registry-lab-events-${process.pid}`;
		try {
			// The stream is up once it delivers something: tag until the watch has seen one.
			await eventually(
				() => {
					dockerSync(['tag', 'alpine', tagged]);
					return events.some((event) => event.type === 'image' && event.action === 'tag');
				},
				{ what: 'a tag event from Podman', timeoutMs: 30_000 },
			);
			dockerSync(['run', '-d', '--name', name, '--label', 'io.registry-lab.lab=events', 'alpine', 'sleep', '30']);
			await eventually(
				() =>
					events.some(
						(event) =>
							event.type === 'container' &&
							event.action === 'start' &&
							event.name === name &&
							event.attributes['io.registry-lab.lab'] === 'events',
					),
				{
					what: 'a start event with the label from Podman',
					timeoutMs: 30_000,
					lastSeen: () => JSON.stringify(events.slice(-5), (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
				},
			);
		} finally {
			controller.abort();
			await watch.done;
			dockerSync(['rm', '-f', name], { reject: false });
			dockerSync(['image', 'rm', tagged], { reject: false });
		}
	});

	describeLearnerScenario({
		engine: 'podman',
		// A fresh hub (the one above holds what `test` pushed) and port, named in registries.conf
		// before Podman restarts, as a learner would.
		setUp: async () => {
			const learnerHub = await startHub({ login: false, hostName: 'localhost' });
			const learnerPort = await freePort();
			writeFileSync(
				service!.registriesConf,
				`[[registry]]\nlocation = "localhost:${learnerPort}"\ninsecure = true\n\n[[registry]]\nlocation = "${learnerHub.host}"\ninsecure = true\n`,
			);
			await service!.restart();
			learnerHub.login();
			return { hub: learnerHub, port: learnerPort };
		},
		tearDown: (learnerHub) => learnerHub.stop(),
	});
});
