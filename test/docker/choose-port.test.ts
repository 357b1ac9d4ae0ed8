import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
	acceptsConnections,
	choosePort,
	choosePortsForLab,
	decidePort,
	describeHolder,
	observePort,
	tryListen,
	type PortObservation,
} from '../../src/docker/choose-port.js';
import { closeServer } from './docker-test-engine.js';

describe('decidePort', () => {
	const cases: Array<{ observation: PortObservation; port: number; changed: boolean; reason: RegExp; fix?: RegExp }> = [
		{ observation: { kind: 'free' }, port: 5000, changed: false, reason: /^Port 5000 is free\.$/ },
		{ observation: { kind: 'registry' }, port: 5000, changed: false, reason: /registry already answers on port 5000.*use it/ },
		{
			observation: { kind: 'http', status: 403, server: 'AirTunes/595.13.1' },
			port: 5001,
			changed: true,
			reason: /^Port 5000 is held by macOS AirPlay Receiver, so the lab uses port 5001 instead\.$/,
			fix: /turn off AirPlay Receiver/,
		},
		{
			observation: { kind: 'http', status: 404, server: 'nginx/1.25' },
			port: 5001,
			changed: true,
			reason: /not a registry \(Server: nginx\/1\.25\), so the lab uses port 5001/,
		},
		{ observation: { kind: 'http', status: 404 }, port: 5001, changed: true, reason: /not a registry \(it answered 404\)/ },
		{ observation: { kind: 'bound' }, port: 5001, changed: true, reason: /does not answer HTTP, so the lab uses port 5001/ },
	];
	it.each(cases)(
		'keeps or moves the port when $observation.kind ($observation.server) is found',
		({ observation, port, changed, reason, fix }) => {
			const choice = decidePort(5000, observation, 5001);
			expect(choice.port).toBe(port);
			expect(choice.changed).toBe(changed);
			expect(choice.reason).toMatch(reason);
			if (fix) expect(choice.fix).toMatch(fix);
			else expect(choice.fix).toBeUndefined();
		},
	);

	it('keeps the desired port and says so when no free port was found', () => {
		const choice = decidePort(5000, { kind: 'bound' }, undefined);
		expect(choice).toMatchObject({ port: 5000, changed: false });
		expect(choice.reason).toMatch(/no free port was found/);
	});

	it('names the AirPlay setting in the holder description', () => {
		expect(describeHolder(5000, { kind: 'http', status: 403, server: 'AirTunes/620.8.2' })).toBe(
			`port 5000 is held by macOS AirPlay Receiver`,
		);
	});
});

describe('choosePort on this machine', () => {
	const servers: Array<HttpServer | TcpServer> = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map((server) => closeServer(server)));
	});

	async function listen<T extends HttpServer | TcpServer>(server: T): Promise<number> {
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
		return (server.address() as { port: number }).port;
	}

	it('moves off a port where an AirPlay-like server answers 403 with Server: AirTunes', async () => {
		const port = await listen(
			createHttpServer((_request, response) => {
				response.writeHead(403, { Server: 'AirTunes/595.13.1' });
				response.end();
			}),
		);

		const choice = await choosePort(port);

		expect(choice.changed).toBe(true);
		expect(choice.port).not.toBe(port);
		expect(choice.reason).toBe(`Port ${port} is held by macOS AirPlay Receiver, so the lab uses port ${choice.port} instead.`);
		expect(await tryListen(choice.port)).toBe('free');
	});

	it('keeps a port where a registry answers /v2/', async () => {
		const port = await listen(
			createHttpServer((_request, response) => {
				response.writeHead(200, { 'Docker-Distribution-Api-Version': 'registry/2.0', 'Content-Type': 'application/json' });
				response.end('{}');
			}),
		);

		const choice = await choosePort(port);

		expect(choice).toMatchObject({ port, changed: false, observation: { kind: 'registry' } });
	});

	it('moves off a port that is held by something that does not speak HTTP', async () => {
		const port = await listen(createTcpServer((socket) => socket.destroy()));

		const observation = await observePort(port);
		const choice = await choosePort(port);

		expect(observation.kind).toBe('bound');
		expect(choice.changed).toBe(true);
		expect(choice.reason).toContain('does not answer HTTP');
	});

	it('tells a port something listens on from a free one with a plain TCP connect', async () => {
		const port = await listen(createTcpServer((socket) => socket.destroy()));
		expect(await acceptsConnections(port)).toBe(true);
		await closeServer(servers.pop()!);
		expect(await acceptsConnections(port)).toBe(false);
	});

	it('keeps a free port', async () => {
		const port = await listen(createTcpServer());
		await closeServer(servers.pop()!);

		expect(await choosePort(port)).toMatchObject({ port, changed: false, observation: { kind: 'free' } });
	});

	it('sets every freePort variable of a lab to the chosen port and leaves the others alone', async () => {
		const port = await listen(
			createHttpServer((_request, response) => {
				response.writeHead(403, { Server: 'AirTunes/595.13.1' });
				response.end();
			}),
		);
		const lab = { variables: { registryPort: { default: '5000', freePort: true }, hub: { default: 'docker.io' } } };

		const { vars, choices } = await choosePortsForLab(lab, { registryPort: String(port), hub: 'docker.io' });

		expect(choices).toHaveLength(1);
		expect(choices[0]).toMatchObject({ variable: 'registryPort', desired: port, changed: true });
		expect(vars).toEqual({ registryPort: String(choices[0]!.port), hub: 'docker.io' });
	});
});
