// Podman as a second engine, as Podman Desktop gives it to learners: `podman system service` on a
// socket of the test's own, which the Docker CLI uses through DOCKER_HOST. The service reads its
// registries.conf (a file of the test's own, through CONTAINERS_REGISTRIES_CONF) when it starts, so
// `restart()` is how a test applies what it wrote there. The lab's images come from the Docker
// engine's stand-ins (`docker save | podman load`), never from a registry.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '../../support/eventually.js';

export interface PodmanAvailability {
	available: boolean;
	reason: string;
}

/** Whether podman runs here; under CI=true it must (CI proves the lab on Podman too). */
export function requirePodman(): PodmanAvailability {
	const result = spawnSync('podman', ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8', timeout: 20_000 });
	const availability = result.error
		? { available: false, reason: `podman could not run (${result.error.message})` }
		: result.status !== 0
			? { available: false, reason: (result.stderr || 'podman version failed').trim().split('\n')[0] ?? '' }
			: { available: true, reason: '' };
	if (!availability.available && process.env.CI === 'true') {
		throw new Error(`CI=true, so the Podman tests must run, but ${availability.reason}`);
	}
	if (!availability.available) console.warn(`Skipping the Podman tests: ${availability.reason}`);
	return availability;
}

function run(command: string, args: string[], input?: Buffer): { status: number | null; stdout: string; stderr: string } {
	const result = spawnSync(command, args, { input, encoding: 'buffer', timeout: 300_000, maxBuffer: 512 * 1024 * 1024 });
	return {
		status: result.status,
		stdout: result.stdout?.toString() ?? '',
		stderr: result.stderr?.toString() ?? result.error?.message ?? '',
	};
}

/** The stand-in images in Podman's storage, under the names Docker gives them (docker.io/library/...). */
export function loadStandInImages(images: readonly string[] = ['registry:2', 'alpine:latest', 'alpine:3.22']): void {
	const missing = images.filter((image) => run('podman', ['image', 'exists', `docker.io/library/${image}`]).status !== 0);
	if (missing.length === 0) return;
	const saved = spawnSync('docker', ['save', ...missing], { timeout: 300_000, maxBuffer: 512 * 1024 * 1024 });
	if (saved.status !== 0) throw new Error(`docker save ${missing.join(' ')} failed: ${saved.stderr?.toString()}`);
	const loaded = run('podman', ['load'], saved.stdout);
	if (loaded.status !== 0) throw new Error(`podman load failed: ${loaded.stderr}`);
	for (const image of missing) {
		// `podman load` names a docker-save archive's images localhost/<name>.
		run('podman', ['tag', `localhost/${image}`, `docker.io/library/${image}`]);
		run('podman', ['rmi', `localhost/${image}`]);
	}
}

export interface PodmanService {
	/** `unix:///…/podman.sock`, for DOCKER_HOST. */
	host: string;
	/** The registries.conf the service reads. */
	registriesConf: string;
	/** Stops the service and starts it again, so it reads registries.conf anew. */
	restart(): Promise<void>;
	/** Stops the service and removes its folder. Containers it started stay with Podman: remove them first. */
	stop(): Promise<void>;
}

export async function startPodmanService(): Promise<PodmanService> {
	const dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-podman-'));
	const socket = path.join(dir, 'podman.sock');
	const host = `unix://${socket}`;
	const registriesConf = path.join(dir, 'registries.conf');
	writeFileSync(registriesConf, '');
	let child: ChildProcess | undefined;

	const answers = (): boolean =>
		spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { env: { ...process.env, DOCKER_HOST: host }, timeout: 10_000 })
			.status === 0;
	const start = async (): Promise<void> => {
		child = spawn('podman', ['system', 'service', '--time=0', host], {
			env: { ...process.env, CONTAINERS_REGISTRIES_CONF: registriesConf },
			stdio: 'ignore',
			detached: true,
		});
		await eventually(answers, { what: `Podman's service on ${host}`, timeoutMs: 30_000 });
	};
	const halt = async (): Promise<void> => {
		const running = child;
		child = undefined;
		if (!running || running.exitCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
		if (running.exitCode === null) running.kill('SIGKILL');
	};

	await start();
	return {
		host,
		registriesConf,
		restart: async () => {
			await halt();
			rmSync(socket, { force: true });
			await start();
		},
		stop: async () => {
			await halt();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
