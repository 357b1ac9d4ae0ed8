import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeResponse, parseHeaderExpectation, probeHttp } from '../../src/docker/probe-http.js';
import { closeServer, freePort } from './docker-test-engine.js';

describe('judgeResponse', () => {
	const registry = { status: 200, headers: { 'docker-distribution-api-version': 'registry/2.0' } };
	it.each([
		[registry, {}, true, /status 200/],
		[registry, { header: 'Docker-Distribution-Api-Version: registry/2.0' }, true, /status 200/],
		[registry, { header: 'Docker-Distribution-Api-Version' }, true, /status 200/],
		[{ status: 403, headers: { server: 'AirTunes/595.13.1' } }, {}, false, /status 403, expected 200/],
		[
			{ status: 200, headers: {} },
			{ header: 'Docker-Distribution-Api-Version: registry/2.0' },
			false,
			/without the Docker-Distribution-Api-Version header/,
		],
		[{ status: 401, headers: {} }, { status: 401 }, true, /status 401/],
	])('judges %j against %j', (response, expected, ok, message) => {
		const verdict = judgeResponse(response, expected);
		expect(verdict.ok).toBe(ok);
		expect(verdict.message).toMatch(message);
	});

	it('splits a header expectation into name and value', () => {
		expect(parseHeaderExpectation(' X-Thing :  a: b ')).toEqual({ name: 'X-Thing', value: 'a: b' });
	});
});

describe('probeHttp', () => {
	let server: Server;
	let base: string;
	beforeAll(async () => {
		server = createServer((_request, response) => {
			response.writeHead(403, { Server: 'AirTunes/595.13.1' });
			response.end('forbidden');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	});
	afterAll(() => closeServer(server));

	it('reports the status and Server header of something that is not the expected service', async () => {
		expect(await probeHttp(`${base}/v2/`, { status: 200 })).toEqual({
			ok: false,
			answered: true,
			status: 403,
			server: 'AirTunes/595.13.1',
			message: 'answered with status 403, expected 200',
		});
	});

	it('says nothing is listening on a closed port', async () => {
		const result = await probeHttp(`http://127.0.0.1:${await freePort()}/v2/`, {});
		expect(result).toMatchObject({ ok: false, answered: false, message: 'nothing is listening there' });
	});
});
