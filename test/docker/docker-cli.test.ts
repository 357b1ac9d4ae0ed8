import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
	classifyDaemonProblem,
	describeFailure,
	detectEngineKind,
	engineInfo,
	imageExists,
	inspectContainer,
	interpretVersion,
	parseJsonLines,
	publishedPorts,
	summarizeLogs,
	type RunResult,
} from '../../src/docker/docker-cli.js';
import { hasEngine, runId } from './docker-test-engine.js';

// Captured from `docker version --format '{{json .}}'` (client 28.2.2, engine 20.10.24), trimmed.
const dockerVersion = JSON.stringify({
	Client: { Version: '28.2.2', ApiVersion: '1.41', Context: 'default' },
	Server: { Platform: { Name: '' }, Components: [{ Name: 'Engine', Version: '20.10.24+dfsg1' }], Version: '20.10.24+dfsg1' },
});
const dockerNoServer = JSON.stringify({ Client: { Version: '28.2.2', ApiVersion: '1.50' }, Server: null });
// podman-docker's `docker version --format '{{json .}}'` on a machine without a Podman service.
const podmanLocal = JSON.stringify({ Client: { APIVersion: '4.3.1', Version: '4.3.1', GoVersion: 'go1.19.8', OsArch: 'linux/amd64' } });
// The docker CLI talking to a Podman socket names the engine among the server components.
const dockerOnPodman = JSON.stringify({
	Client: { Version: '24.0.7' },
	Server: { Components: [{ Name: 'Podman Engine', Version: '4.9.3' }], Version: '4.9.3' },
});

const result = (fields: Partial<RunResult>): RunResult => ({
	status: 'passed',
	stdout: '',
	stderr: '',
	truncated: false,
	outputTail: '',
	durationMs: 1,
	command: 'docker version',
	message: '',
	...fields,
});

describe('interpretVersion', () => {
	it('reads a reachable Docker engine and both versions', () => {
		expect(interpretVersion(result({ stdout: dockerVersion }))).toEqual({
			cliFound: true,
			reachable: true,
			kind: 'docker',
			clientVersion: '28.2.2',
			serverVersion: '20.10.24+dfsg1',
		});
	});

	it('reports a daemon that is not running, with the CLI’s own words', () => {
		const info = interpretVersion(
			result({
				status: 'failed',
				exitCode: 1,
				stdout: dockerNoServer,
				stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
			}),
		);
		expect(info).toMatchObject({ cliFound: true, reachable: false, problem: 'not-running', clientVersion: '28.2.2' });
		expect(info.message).toContain('Cannot connect to the Docker daemon');
	});

	it('reports a missing CLI when docker could not be started', () => {
		expect(interpretVersion(result({ status: 'spawn-error', message: 'docker is not installed' }))).toMatchObject({
			cliFound: false,
			reachable: false,
		});
	});

	it('recognises Podman from the shim’s notice and from the server components', () => {
		const shim = interpretVersion(
			result({ stdout: podmanLocal, stderr: 'Emulate Docker CLI using podman. Create /etc/containers/nodocker to quiet msg.\n' }),
		);
		expect(shim).toMatchObject({ kind: 'podman', reachable: true, clientVersion: '4.3.1' });
		expect(interpretVersion(result({ stdout: dockerOnPodman }))).toMatchObject({ kind: 'podman', reachable: true, serverVersion: '4.9.3' });
		expect(detectEngineKind(JSON.parse(dockerVersion))).toBe('docker');
	});
});

describe('classifyDaemonProblem', () => {
	it.each([
		['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 'not-running'],
		[
			'error during connect: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.47/version": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.',
			'not-running',
		],
		[
			'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied',
			'permission-denied',
		],
		['something unexpected', 'other'],
	] as const)('classifies “%s” as %s', (stderr, problem) => {
		expect(classifyDaemonProblem(stderr, 'failed')).toBe(problem);
	});

	it('calls a docker that did not answer in time timed out', () => {
		expect(classifyDaemonProblem('', 'timed-out')).toBe('timed-out');
	});
});

describe('describeFailure', () => {
	it('picks the error line, not the help hint the CLI prints after it', () => {
		const stderr =
			"docker: Error response from daemon: driver failed programming external connectivity on endpoint x: Error starting userland proxy: listen tcp4 0.0.0.0:5000: bind: address already in use\n\nRun 'docker run --help' for more information\n";
		expect(describeFailure(result({ status: 'failed', exitCode: 125, stderr }))).toBe(
			'driver failed programming external connectivity on endpoint x: Error starting userland proxy: listen tcp4 0.0.0.0:5000: bind: address already in use',
		);
	});

	it('falls back to the runner’s message when docker did not finish', () => {
		expect(describeFailure(result({ status: 'timed-out', message: 'docker version took longer than 5 s' }))).toBe(
			'docker version took longer than 5 s',
		);
	});
});

describe('output parsing', () => {
	it('parses one JSON object per line and skips the rest', () => {
		expect(parseJsonLines('{"ID":"a"}\nnot json\n\n{"ID":"b"}\n')).toEqual([{ ID: 'a' }, { ID: 'b' }]);
	});

	it('lists published ports as HOST:CONTAINER once each', () => {
		const container = {
			Id: 'x',
			Name: '/registry',
			NetworkSettings: {
				Ports: {
					'5000/tcp': [
						{ HostIp: '0.0.0.0', HostPort: '5001' },
						{ HostIp: '::', HostPort: '5001' },
					],
					'8080/tcp': null,
				},
			},
		};
		expect(publishedPorts(container)).toEqual(['5001:5000']);
	});

	it('keeps the panic line of a crashed Go program instead of its stack trace', () => {
		const logs = 'panic: StorageDriver not registered: nope\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:22 +0x25\n';
		expect(summarizeLogs(logs)).toBe('panic: StorageDriver not registered: nope');
		expect(summarizeLogs('one\ntwo\nthree', 2)).toBe('two\nthree');
	});
});

describe.skipIf(!hasEngine)('engine facts from the real engine', () => {
	it('finds the Docker engine reachable', async () => {
		const info = await engineInfo({ env: process.env });
		expect(info).toMatchObject({ cliFound: true, reachable: true, kind: 'docker' });
		expect(info.serverVersion).toBeTruthy();
	});

	it('finds the daemon not running when DOCKER_HOST points nowhere', async () => {
		const info = await engineInfo({ env: { ...process.env, DOCKER_HOST: `unix://${join(tmpdir(), `no-docker-${runId}.sock`)}` } });
		expect(info).toMatchObject({ cliFound: true, reachable: false, problem: 'not-running' });
	});

	it('tells a missing container or image from a docker failure', async () => {
		expect(await inspectContainer(`rl-no-such-container-${runId}`, { env: process.env })).toEqual({ container: null });
		expect(await imageExists(`registry-lab-test/no-such-image:${runId}`, { env: process.env })).toEqual({ exists: false });
	});
});
