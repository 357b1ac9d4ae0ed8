// The hub stand-in the online steps are tested against: a registry that demands a login, and a
// Docker config that is logged in to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerSync, requireDocker } from './docker.js';
import { hubLabel, startHub, type Hub } from './hub.js';

const docker = requireDocker();

describe.skipIf(!docker.available)('the hub stand-in', () => {
	let hub: Hub;
	const probe = (tag: string) => `${hub.host}/${hub.username}/hub-probe-${process.pid}:${tag}`;
	const basicAuth = () => `Basic ${Buffer.from(`${hub.username}:${hub.password}`).toString('base64')}`;

	beforeAll(async () => {
		hub = await startHub();
	});
	afterAll(() => {
		hub?.stop();
	});

	it('answers on a loopback port and asks anonymous clients to log in', async () => {
		expect(hub.host).toMatch(/^127\.0\.0\.1:\d+$/);
		const response = await fetch(`http://${hub.host}/v2/`);
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
	});

	it('takes a push from the Docker config it logged in, and then lists the tag', async () => {
		dockerSync(['tag', 'alpine:latest', probe('1')]);
		try {
			dockerSync(['push', probe('1')], { env: hub.env });
		} finally {
			dockerSync(['image', 'rm', probe('1')], { reject: false });
		}
		const repository = `${hub.username}/hub-probe-${process.pid}`;
		const response = await fetch(`http://${hub.host}/v2/${repository}/tags/list`, { headers: { authorization: basicAuth() } });
		expect(await response.json()).toEqual({ name: repository, tags: ['1'] });
	});

	it('refuses a push from a Docker config that never logged in', () => {
		const otherConfig = mkdtempSync(path.join(tmpdir(), 'registry-lab-nologin-'));
		dockerSync(['tag', 'alpine:latest', probe('2')]);
		try {
			const result = dockerSync(['push', probe('2')], { env: { DOCKER_CONFIG: otherConfig }, reject: false });
			expect(result.exitCode).not.toBe(0);
			expect(result.stderr).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
		} finally {
			dockerSync(['image', 'rm', probe('2')], { reject: false });
			rmSync(otherConfig, { recursive: true, force: true });
		}
	});

	it('carries the test label and never the lab label, so the lab’s cleanup leaves it alone', () => {
		const labels = JSON.parse(
			dockerSync(['container', 'inspect', '--format', '{{json .Config.Labels}}', hub.containerId]).stdout,
		) as Record<string, string>;
		expect(labels['io.registry-lab.test']).toBe(hubLabel.split('=')[1]);
		expect(Object.keys(labels).filter((key) => key.startsWith('io.registry-lab.lab'))).toEqual([]);
	});
});

describe.skipIf(!docker.available)('stopping the hub stand-in', () => {
	it('removes its container and can be called twice', async () => {
		const hub = await startHub();
		hub.stop();
		hub.stop();
		const result = dockerSync(['container', 'inspect', hub.containerId], { reject: false });
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toMatch(/no such container/i);
	});
});
