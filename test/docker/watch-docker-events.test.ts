import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	eventsArgv,
	nextBackoff,
	parseDockerEvent,
	sinceArgument,
	watchDockerEvents,
	type DockerEvent,
	type WatchState,
} from '../../src/docker/watch-docker-events.js';
import { buildRegistryTestImage, dockerQuiet, dockerSync, hasEngine, runId } from './docker-test-engine.js';

// Captured from `docker events --format '{{json .}}'` on Docker 20.10.
const tagLine =
	'{"status":"tag","id":"sha256:5eb02892d765a3e40ceeb9ebd1cd4f0b9d3d3e7a1218e4324f90c9ae8f4a2c65","Type":"image","Action":"tag","Actor":{"ID":"sha256:5eb02892d765a3e40ceeb9ebd1cd4f0b9d3d3e7a1218e4324f90c9ae8f4a2c65","Attributes":{"name":"rl-probe:2"}},"scope":"local","time":1795713860,"timeNano":1795713860847276901}';
const createLine =
	'{"status":"create","id":"6312ae058c41","from":"rl-probe:1","Type":"container","Action":"create","Actor":{"ID":"6312ae058c41","Attributes":{"image":"rl-probe:1","io.registry-lab.lab":"x","name":"rlp2"}},"scope":"local","time":1795713860,"timeNano":1795713860975241456}';
const execLine =
	'{"status":"exec_start: /bin/sh -c true","id":"6312ae058c41","from":"rl-probe:1","Type":"container","Action":"exec_start: /bin/sh -c true","Actor":{"ID":"6312ae058c41","Attributes":{"execID":"e543","image":"rl-probe:1","name":"rlp2"}},"scope":"local","time":1795713861,"timeNano":1795713861100000000}';

describe('parseDockerEvent', () => {
	it('reads an image tag event with its reference and exact nanosecond time', () => {
		expect(parseDockerEvent(tagLine)).toMatchObject({
			type: 'image',
			action: 'tag',
			id: 'sha256:5eb02892d765a3e40ceeb9ebd1cd4f0b9d3d3e7a1218e4324f90c9ae8f4a2c65',
			ref: 'rl-probe:2',
			timeNano: 1795713860847276901n,
		});
	});

	it('reads a container event with its name, image and labels', () => {
		const event = parseDockerEvent(createLine);
		expect(event).toMatchObject({ type: 'container', action: 'create', name: 'rlp2', ref: 'rl-probe:1' });
		expect(event?.attributes['io.registry-lab.lab']).toBe('x');
	});

	it('drops the details after the colon of an exec action', () => {
		expect(parseDockerEvent(execLine)?.action).toBe('exec_start');
	});

	it('ignores lines that are not events', () => {
		expect(parseDockerEvent('Error response from daemon: nope')).toBeUndefined();
		expect(parseDockerEvent('{"no":"type"}')).toBeUndefined();
	});
});

describe('events arguments and backoff', () => {
	it('writes --since as seconds with nine decimals', () => {
		expect(sinceArgument(1795713860847276901n)).toBe('1795713860.847276901');
		expect(sinceArgument(1795713860000000042n)).toBe('1795713860.000000042');
		expect(eventsArgv(1n)).toEqual([
			'docker',
			'events',
			'--format',
			'{{json .}}',
			'--filter',
			'type=image',
			'--filter',
			'type=container',
			'--since',
			'0.000000001',
		]);
	});

	it('doubles the delay up to the limit', () => {
		expect([undefined, 500, 4000, 8000].map((previous) => nextBackoff(previous, 500, 10_000))).toEqual([500, 1000, 8000, 10_000]);
	});
});

describe.skipIf(!hasEngine)('watchDockerEvents on the real engine', () => {
	const base = `registry-lab-test/events:${runId}`;
	const tagged = `registry-lab-test/events-tagged:${runId}`;

	beforeAll(() => buildRegistryTestImage(base));
	afterAll(() => {
		dockerQuiet('rmi', tagged);
		dockerQuiet('rmi', base);
	});

	it('sees a docker tag as an image event, and stops when aborted', async () => {
		const events: DockerEvent[] = [];
		const states: WatchState[] = [];
		const controller = new AbortController();
		const watch = watchDockerEvents({
			env: process.env,
			signal: controller.signal,
			onEvent: (event) => events.push(event),
			onState: (state) => states.push(state),
		});

		dockerSync('tag', base, tagged);

		await vi.waitFor(() => expect(events.some((e) => e.type === 'image' && e.action === 'tag' && e.ref === tagged)).toBe(true), {
			timeout: 20_000,
			interval: 100,
		});
		controller.abort();
		await watch.done;
		expect(states.at(-1)).toBe('stopped');
	});

	it('restarts the stream with backoff while the daemon cannot be reached, until stopped', async () => {
		const states: WatchState[] = [];
		const messages: string[] = [];
		const watch = watchDockerEvents({
			onEvent: () => undefined,
			onState: (state, message) => {
				states.push(state);
				if (message) messages.push(message);
			},
			env: { ...process.env, DOCKER_HOST: `unix://${join(tmpdir(), `no-docker-${runId}.sock`)}` },
			backoff: { initialMs: 10, maxMs: 40 },
		});

		await vi.waitFor(() => expect(states.filter((state) => state === 'reconnecting').length).toBeGreaterThanOrEqual(2), {
			timeout: 20_000,
		});
		watch.stop();
		await watch.done;

		expect(states.filter((state) => state === 'watching').length).toBeGreaterThanOrEqual(2);
		expect(messages[0]).toMatch(/Cannot connect to the Docker daemon/);
		expect(states.at(-1)).toBe('stopped');
	});
});
