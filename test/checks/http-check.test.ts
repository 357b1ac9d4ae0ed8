import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, runHttpCheck } from '../../src/checks/http-check.js';
import type { CheckContext } from '../../src/checks/types.js';

let server: Server;
let base: string;
let hangingRequestArrived: () => void = () => {};

function route(request: IncomingMessage, response: ServerResponse): void {
	switch (request.url) {
		case '/v2/':
			response.writeHead(200, { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Type': 'application/json' });
			response.end('{}');
			return;
		case '/v2/alpine/tags/list':
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ name: 'alpine', tags: ['latest', '21.07'] }));
			return;
		case '/v2/nope/tags/list':
			response.writeHead(404, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }));
			return;
		case '/airplay':
			response.writeHead(403, { Server: 'AirTunes/595.13.1' });
			response.end();
			return;
		case '/moved':
			response.writeHead(302, { Location: '/v2/' });
			response.end();
			return;
		case '/big':
			response.writeHead(200);
			response.end('z'.repeat(3 * 1024 * 1024));
			return;
		case '/agent':
			response.writeHead(200);
			response.end(request.headers['user-agent'] ?? '(none)');
			return;
		case '/hang':
			hangingRequestArrived();
			return; // never answers
		default:
			response.writeHead(404);
			response.end('not found');
	}
}

beforeAll(async () => {
	server = createServer(route);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

const ctx = (overrides: Partial<CheckContext> = {}): CheckContext => ({ vars: {}, cwd: process.cwd(), env: process.env, ...overrides });

describe('httpRequest', () => {
	it('returns status, lowercase headers and the body', async () => {
		const outcome = await httpRequest(`${base}/v2/`);
		expect(outcome.status).toBe('answered');
		if (outcome.status !== 'answered') return;
		expect(outcome.response).toMatchObject({
			status: 200,
			body: '{}',
			truncated: false,
			headers: expect.objectContaining({ 'docker-distribution-api-version': 'registry/2.0' }),
		});
	});

	it('names itself registry-lab, so a lab can tell its own requests from the learner’s in a registry’s log', async () => {
		const outcome = await httpRequest(`${base}/agent`);
		expect(outcome.status === 'answered' && outcome.response.body).toBe('registry-lab');
	});

	it('follows redirects', async () => {
		const outcome = await httpRequest(`${base}/moved`);
		expect(outcome.status === 'answered' && outcome.response.url).toBe(`${base}/v2/`);
	});

	it('reads no body for HEAD', async () => {
		const outcome = await httpRequest(`${base}/v2/alpine/tags/list`, { method: 'HEAD' });
		expect(outcome.status === 'answered' && outcome.response.body).toBe('');
	});

	it('stops reading a body past the cap and marks it truncated', async () => {
		const outcome = await httpRequest(`${base}/big`, { maxBodyBytes: 1000 });
		expect(outcome.status).toBe('answered');
		if (outcome.status !== 'answered') return;
		expect(outcome.response.body).toHaveLength(1000);
		expect(outcome.response.truncated).toBe(true);
	});

	it('says nothing answered when the connection is refused', async () => {
		const url = `http://127.0.0.1:${await closedPort()}/v2/`;
		expect(await httpRequest(url)).toMatchObject({ status: 'failed', message: `nothing answered at ${url} (connection refused)` });
	});

	it('times out against a server that never answers', async () => {
		const outcome = await httpRequest(`${base}/hang`, { timeoutMs: 300 });
		expect(outcome).toMatchObject({ status: 'timed-out', message: `${base}/hang did not answer within 300 ms` });
	});

	it('is canceled by its signal', async () => {
		const controller = new AbortController();
		const arrived = new Promise<void>((resolve) => {
			hangingRequestArrived = resolve;
		});
		const pending = httpRequest(`${base}/hang`, { signal: controller.signal, timeoutMs: 60_000 });
		await arrived;
		controller.abort();
		expect(await pending).toMatchObject({ status: 'canceled', message: `the request to ${base}/hang was canceled` });
	});

	it.each(['not a url', 'ftp://example.com/'])('refuses %j as a URL without throwing', async (url) => {
		expect(await httpRequest(url)).toMatchObject({ status: 'failed', message: `${url} is not a valid http:// or https:// URL` });
	});
});

describe('runHttpCheck', () => {
	it('passes a registry ping with the expected header', async () => {
		const result = await runHttpCheck(
			{ http: `${base}/v2/`, expect: { headers: { 'docker-distribution-api-version': 'registry/2.0' } } },
			ctx(),
		);
		expect(result).toMatchObject({ status: 'passed', message: '', detail: '', subject: `GET ${base}/v2/` });
	});

	it('fills in variables in the URL and the expectations', async () => {
		const port = new URL(base).port;
		const result = await runHttpCheck(
			{ http: 'http://127.0.0.1:{{port}}/v2/{{repo}}/tags/list', expect: { json: { path: 'tags', contains: '{{tag}}' } } },
			ctx({ vars: { port, repo: 'alpine', tag: '21.07' } }),
		);
		expect(result.status).toBe('passed');
		expect(result.subject).toBe(`GET ${base}/v2/alpine/tags/list`);
	});

	it('fails with expected and got when the JSON lacks a tag', async () => {
		const result = await runHttpCheck(
			{ http: `${base}/v2/alpine/tags/list`, expect: { json: { path: 'tags', contains: 'local' } } },
			ctx(),
		);
		expect(result.status).toBe('failed');
		expect(result.detail).toBe('expected tags to contain "local", got ["latest","21.07"]');
		expect(result.outputTail).toContain('"21.07"');
	});

	it('tells another server on the port from a registry by status and header', async () => {
		const result = await runHttpCheck(
			{ http: `${base}/airplay`, expect: { headers: { 'Docker-Distribution-API-Version': 'registry/2.0' } } },
			ctx(),
		);
		expect(result.detail).toBe(
			'expected status 200, got 403 Forbidden; expected header Docker-Distribution-API-Version to contain "registry/2.0", but there is no such header',
		);
	});

	it('passes an expected error status', async () => {
		const result = await runHttpCheck(
			{ http: `${base}/v2/nope/tags/list`, expect: { status: 404, json: { path: 'errors[0].code', equals: 'NAME_UNKNOWN' } } },
			ctx(),
		);
		expect(result.status).toBe('passed');
	});

	it('uses the check timeout, in seconds', async () => {
		const result = await runHttpCheck({ http: `${base}/hang`, timeout: 0.2 }, ctx());
		expect(result).toMatchObject({ status: 'timed-out', message: `${base}/hang did not answer within 200 ms` });
	});
});
