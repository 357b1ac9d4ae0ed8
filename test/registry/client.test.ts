import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	createRegistryClient,
	manifestMediaTypes,
	parseLinkNext,
	registryBaseUrl,
	registryHost,
	tokenFromResponse,
} from '../../src/registry/client.js';
import { dockerConfigCredentials } from '../../src/registry/docker-credentials.js';
import { clientErrorCodes, describeError, parseErrorBody, RegistryError, registryErrorCodes } from '../../src/registry/registry-errors.js';
import { pushImage, SCHEMA2_MANIFEST } from '../support/push-image.js';
import { freePort, registryTestsEnabled, startRegistry, type TestRegistry } from '../support/registry-server.js';

const runRegistryTests = registryTestsEnabled();

// ---------------------------------------------------------------------------------------------
// Small stand-in servers for what the real registry cannot show (AirPlay, redirects, v3 paging)
// ---------------------------------------------------------------------------------------------

interface FakeServer {
	host: string;
	url: string;
	requests: IncomingMessage[];
	stop(): Promise<void>;
}

const fakes: FakeServer[] = [];

async function fakeServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<FakeServer> {
	const requests: IncomingMessage[] = [];
	const server = createServer((request, response) => {
		requests.push(request);
		handler(request, response);
	});
	const port = await new Promise<number>((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : 0);
		});
	});
	const fake = {
		host: `127.0.0.1:${port}`,
		url: `http://127.0.0.1:${port}`,
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	fakes.push(fake);
	return fake;
}

afterEach(async () => {
	await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
	vi.restoreAllMocks();
});

function tempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

function writeDockerConfig(dir: string, config: unknown): void {
	writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(RegistryError);
		return error as RegistryError;
	}
	throw new Error('expected the call to fail');
}

// ---------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------

describe('registry addresses', () => {
	it('sends docker.io requests to registry-1.docker.io, and other registries to themselves', () => {
		expect(registryHost('docker.io')).toBe('registry-1.docker.io');
		expect(registryHost('index.docker.io')).toBe('registry-1.docker.io');
		expect(registryHost('mcr.microsoft.com')).toBe('mcr.microsoft.com');
		expect(registryHost('localhost:5000')).toBe('localhost:5000');
	});

	it('talks plain HTTP to loopback registries only, as Docker does, unless told otherwise', () => {
		expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
		expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
		expect(registryBaseUrl('[::1]:5000')).toBe('http://[::1]:5000');
		expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
		expect(registryBaseUrl('registry.example.com:5000')).toBe('https://registry.example.com:5000');
		expect(registryBaseUrl('registry.example.com:5000', true)).toBe('http://registry.example.com:5000');
		expect(registryBaseUrl('localhost:5000', false)).toBe('https://localhost:5000');
	});
});

describe('parseLinkNext', () => {
	it('resolves the relative Link Distribution sends against the requested URL', () => {
		const next = parseLinkNext('</v2/test/tags/list?last=asj9e&n=2>; rel="next"', 'http://localhost:5000/v2/test/tags/list?n=2');
		expect(next?.href).toBe('http://localhost:5000/v2/test/tags/list?last=asj9e&n=2');
	});

	it('picks the next link among several and accepts an unquoted rel', () => {
		const header = '<https://r.example/v2/_catalog?n=2>; rel="prev", <https://r.example/v2/_catalog?last=b&n=2>; rel=next';
		expect(parseLinkNext(header, 'https://r.example/v2/_catalog')?.href).toBe('https://r.example/v2/_catalog?last=b&n=2');
	});

	it('finds no next page in an absent header or one without rel="next"', () => {
		expect(parseLinkNext(null, 'http://x/')).toBeUndefined();
		expect(parseLinkNext('</v2/_catalog?last=b>; rel="prev"', 'http://x/')).toBeUndefined();
	});
});

describe('tokenFromResponse', () => {
	it('prefers access_token over token', () => {
		expect(tokenFromResponse({ token: 'old', access_token: 'new', expires_in: 300 })?.token).toBe('new');
		expect(tokenFromResponse({ token: 'only', access_token: '' })?.token).toBe('only');
	});

	it('counts lifetimes under 60 seconds, or none, as 60 seconds', () => {
		expect(tokenFromResponse({ token: 't', expires_in: 5 })?.expiresInSeconds).toBe(60);
		expect(tokenFromResponse({ token: 't' })?.expiresInSeconds).toBe(60);
		expect(tokenFromResponse({ token: 't', expires_in: 3600 })?.expiresInSeconds).toBe(3600);
	});

	it('reads issued_at as the start of the lifetime', () => {
		expect(tokenFromResponse({ token: 't', issued_at: '2009-11-10T23:00:00Z' })?.issuedAt).toBe(Date.UTC(2009, 10, 10, 23));
	});

	it('finds no token in an answer without one', () => {
		expect(tokenFromResponse({ details: 'nope' })).toBeUndefined();
		expect(tokenFromResponse('token')).toBeUndefined();
	});
});

describe('error bodies', () => {
	it('reads the code, message and detail of the first error', () => {
		const body = JSON.stringify({
			errors: [
				{
					code: 'UNAUTHORIZED',
					message: 'access to the requested resource is not authorized',
					detail: [{ Type: 'repository', Name: 'samalba/my-app', Action: 'pull' }],
				},
			],
		});
		expect(parseErrorBody(body)).toEqual({
			code: 'UNAUTHORIZED',
			registryMessage: 'access to the requested resource is not authorized',
			detail: [{ Type: 'repository', Name: 'samalba/my-app', Action: 'pull' }],
		});
	});

	it('treats an unknown code as UNKNOWN and anything else as no error body', () => {
		expect(parseErrorBody('{"errors":[{"code":"SOMETHING_NEW"}]}')?.code).toBe('UNKNOWN');
		expect(parseErrorBody('<html>Forbidden</html>')).toBeUndefined();
		expect(parseErrorBody('{"errors":[]}')).toBeUndefined();
		expect(parseErrorBody('{"details":"x"}')).toBeUndefined();
	});

	it('has plain words naming the registry for every code', () => {
		for (const code of [...registryErrorCodes, ...clientErrorCodes]) {
			const words = describeError(code, { registry: 'localhost:5000', repository: 'alpine', reference: '1.0' });
			expect(words, code).toContain('localhost:5000');
			expect(words, code).not.toMatch(/[A-Z]{4,}_/);
		}
	});

	it('tells Docker Hub users the plain docker login, and hides library/', () => {
		expect(describeError('UNAUTHORIZED', { registry: 'docker.io', repository: 'library/ubuntu' })).toBe(
			'the registry docker.io wants a login for ubuntu — log in with: docker login',
		);
	});
});

// ---------------------------------------------------------------------------------------------
// ping
// ---------------------------------------------------------------------------------------------

describe('ping against other servers', () => {
	it('recognises macOS AirPlay Receiver on the port and says how to turn it off', async () => {
		const airplay = await fakeServer((_, response) => response.writeHead(403, { Server: 'AirTunes/595.13.1' }).end());
		const result = await createRegistryClient({ registry: airplay.host }).ping();
		expect(result.kind).toBe('other');
		expect(result.status).toBe(403);
		expect(result.server).toBe('AirTunes/595.13.1');
		expect(result.message).toContain('AirPlay Receiver');
		expect(result.message).toContain('AirDrop & Handoff');
	});

	it('names any other server by its Server header', async () => {
		const web = await fakeServer((_, response) => response.writeHead(404, { Server: 'nginx/1.25.3' }).end('not found'));
		const result = await createRegistryClient({ registry: web.host }).ping();
		expect(result).toMatchObject({ kind: 'other', status: 404, server: 'nginx/1.25.3' });
		expect(result.message).toContain('"nginx/1.25.3"');
		expect(result.message).toContain('not a Docker registry');
	});

	it('says nothing answers when the port is closed', async () => {
		const port = await freePort();
		const result = await createRegistryClient({ registry: `localhost:${port}` }).ping();
		expect(result.kind).toBe('unreachable');
		expect(result.message).toBe(`nothing answered at localhost:${port} — is the registry container running? (docker ps)`);
	});
});

describe('calls that do not finish', () => {
	it('time out with a plain message', async () => {
		const silent = await fakeServer(() => {
			// Never answers.
		});
		const error = await rejection(createRegistryClient({ registry: silent.host, timeoutMs: 200 }).listTags('alpine'));
		expect(error.code).toBe('TIMEOUT');
		expect(error.message).toBe(`${silent.host} did not answer within 0.2 s`);
	});

	it('stop when the caller aborts', async () => {
		const silent = await fakeServer(() => {
			// Never answers.
		});
		const controller = new AbortController();
		const pending = createRegistryClient({ registry: silent.host }).listTags('alpine', { signal: controller.signal });
		controller.abort();
		expect((await rejection(pending)).code).toBe('CANCELED');
	});
});

// ---------------------------------------------------------------------------------------------
// Pagination and digests as other registries do them
// ---------------------------------------------------------------------------------------------

describe('tag pagination as Distribution 3 does it', () => {
	// Distribution 3 pages tags (2.8 ignores `n`): the vectors of registry-api.md §2.
	const allTags = ['2j2ar', 'asj9e', 'jyi7b', 'kb0j5', 'sb71y'];

	function pagingRegistry(withLink: boolean) {
		return fakeServer((request, response) => {
			const url = new URL(request.url ?? '/', 'http://x');
			const n = Number(url.searchParams.get('n') ?? allTags.length);
			const last = url.searchParams.get('last');
			const rest = last ? allTags.filter((tag) => tag > last) : allTags;
			const page = rest.slice(0, n);
			const headers: Record<string, string> = { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' };
			if (withLink && page.length === n) headers.link = `</v2/test/tags/list?last=${page[page.length - 1]}&n=${n}>; rel="next"`;
			response.writeHead(200, headers).end(JSON.stringify({ name: 'test', tags: page }));
		});
	}

	it('follows Link headers until the last page', async () => {
		const registry = await pagingRegistry(true);
		const tags = await createRegistryClient({ registry: registry.host }).listTags('test', { pageSize: 2 });
		expect(tags).toEqual(allTags);
		expect(registry.requests.map((request) => request.url)).toEqual([
			'/v2/test/tags/list?n=2',
			'/v2/test/tags/list?last=asj9e&n=2',
			'/v2/test/tags/list?last=kb0j5&n=2',
		]);
	});

	it('asks for the page after the last tag when a full page comes without a Link', async () => {
		const registry = await pagingRegistry(false);
		const tags = await createRegistryClient({ registry: registry.host }).listTags('test', { pageSize: 2 });
		expect(tags).toEqual(allTags);
		expect(registry.requests).toHaveLength(3);
	});
});

describe('manifest digests from a registry that sends no Docker-Content-Digest', () => {
	it('falls back to GET and hashes the body', async () => {
		const body = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}';
		const registry = await fakeServer((request, response) => {
			response.writeHead(200, {
				'content-type': 'application/vnd.oci.image.manifest.v1+json; charset=utf-8',
				'docker-distribution-api-version': 'registry/2.0',
			});
			response.end(request.method === 'HEAD' ? undefined : body);
		});
		const client = createRegistryClient({ registry: registry.host });
		const { createHash } = await import('node:crypto');
		const expected = `sha256:${createHash('sha256').update(body).digest('hex')}`;
		expect(await client.manifestDigest('some/app', 'v1')).toBe(expected);
		expect(registry.requests.map((request) => request.method)).toEqual(['HEAD', 'GET']);
		expect(registry.requests[0]!.headers.accept).toBe(manifestMediaTypes.join(', '));
		const manifest = await client.getManifest('some/app', 'v1');
		expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
	});

	it('refuses a body that does not match the digest it was asked for', async () => {
		const registry = await fakeServer((_, response) =>
			response.writeHead(200, { 'content-type': SCHEMA2_MANIFEST }).end('{"tampered":true}'),
		);
		const digest = `sha256:${'0'.repeat(64)}`;
		const error = await rejection(createRegistryClient({ registry: registry.host }).getManifest('app', digest));
		expect(error.code).toBe('DIGEST_MISMATCH');
	});
});

describe('redirects', () => {
	it('never forward the Authorization header to another host', async () => {
		const elsewhere = await fakeServer((_, response) => {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'app', tags: ['v1'] }));
		});
		const registry = await fakeServer((request, response) => {
			if (!request.headers.authorization) {
				response.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'docker-distribution-api-version': 'registry/2.0' }).end();
				return;
			}
			response.writeHead(307, { location: `${elsewhere.url}/storage/tags.json` }).end();
		});
		const client = createRegistryClient({ registry: registry.host, credentials: async () => ({ username: 'u', password: 'p' }) });
		expect(await client.listTags('app')).toEqual(['v1']);
		expect(registry.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
		expect(elsewhere.requests).toHaveLength(1);
		expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
// The real Distribution registry
// ---------------------------------------------------------------------------------------------

describe.runIf(runRegistryTests)('against the real registry, open', () => {
	let registry: TestRegistry;
	const pushed: Record<string, string> = {};

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'open' });
		for (const tag of ['1.0', '1.1', '2.0', 'latest', 'local']) {
			pushed[tag] = (await pushImage({ baseUrl: registry.url, repository: 'alpine', tag, content: `alpine ${tag}` })).digest;
		}
		for (const repository of ['apps/web', 'learner1/curl', 'zeta']) {
			await pushImage({ baseUrl: registry.url, repository, tag: 'v1' });
		}
	});
	afterAll(async () => {
		await registry?.stop();
	});

	it('pings as a registry', async () => {
		const result = await createRegistryClient({ registry: registry.host }).ping();
		expect(result).toMatchObject({ kind: 'registry', status: 200 });
		expect(result.message).toBe(`a Docker registry answers at ${registry.host}`);
	});

	it('lists every tag when asked for pages of 2', async () => {
		const tags = await createRegistryClient({ registry: registry.host }).listTags('alpine', { pageSize: 2 });
		expect([...tags].sort()).toEqual(['1.0', '1.1', '2.0', 'latest', 'local']);
	});

	it('lists the catalog across pages, following the Link header', async () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const repositories = await createRegistryClient({ registry: registry.host }).catalog({ pageSize: 2 });
		expect(repositories).toEqual(['alpine', 'apps/web', 'learner1/curl', 'zeta']);
		const pages = fetchSpy.mock.calls.map(([url]) => String(url)).filter((url) => url.includes('/v2/_catalog'));
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[1]).toContain('last=apps%2Fweb');
	});

	it('reads the same manifest digest the registry answered the push with', async () => {
		const client = createRegistryClient({ registry: registry.host });
		expect(await client.manifestDigest('alpine', '1.1')).toBe(pushed['1.1']);
		expect(await client.manifestDigest('alpine', pushed['2.0']!)).toBe(pushed['2.0']);
		const manifest = await client.getManifest('alpine', 'latest');
		expect(manifest.mediaType).toBe(SCHEMA2_MANIFEST);
		expect(manifest.digest).toBe(pushed.latest);
		expect(JSON.parse(manifest.body)).toMatchObject({ schemaVersion: 2 });
	});

	it('turns an unknown repository into plain words', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).listTags('nope'));
		expect(error.code).toBe('NAME_UNKNOWN');
		expect(error.status).toBe(404);
		expect(error.message).toBe(`the registry ${registry.host} has no repository named nope`);
	});

	it('turns an unknown tag into plain words', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).manifestDigest('alpine', '9.9'));
		expect(error.code).toBe('MANIFEST_UNKNOWN');
		expect(error.message).toBe(`the registry ${registry.host} has no tag 9.9 in alpine`);
	});

	it('refuses an invalid repository name before asking', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).listTags('Alpine'));
		expect(error.code).toBe('NAME_INVALID');
	});
});

describe.runIf(runRegistryTests)('against the real registry, htpasswd (Basic)', () => {
	let registry: TestRegistry;
	let digest: string;
	const dirs: string[] = [];

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'htpasswd' });
		digest = (
			await pushImage({
				baseUrl: registry.url,
				repository: 'private/app',
				tag: 'v1',
				authorization: registry.pushAuthorization('private/app'),
			})
		).digest;
	});
	afterAll(async () => {
		await registry?.stop();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	function configDir(config: unknown): string {
		const dir = tempDir('registry-lab-docker-config-');
		dirs.push(dir);
		writeDockerConfig(dir, config);
		return dir;
	}

	it('pings as a registry that asks for a login', async () => {
		const result = await createRegistryClient({ registry: registry.host }).ping();
		expect(result).toMatchObject({ kind: 'registry', status: 401 });
		expect(result.message).toContain('asks for a login');
	});

	it('logs in with base64 credentials from config.json auths', async () => {
		const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
		const credentials = dockerConfigCredentials({
			env: process.env,
			configDir: configDir({ auths: { [`http://${registry.host}`]: { auth } } }),
		});
		const client = createRegistryClient({ registry: registry.host, credentials });
		expect(await client.listTags('private/app')).toEqual(['v1']);
		expect(await client.manifestDigest('private/app', 'v1')).toBe(digest);
	});

	it('logs in with credentials from a credential helper on the PATH', async () => {
		const bin = tempDir('registry-lab-helper-bin-');
		dirs.push(bin);
		const script = join(bin, 'docker-credential-testhelper');
		writeFileSync(
			script,
			`#!/bin/sh
[ "$1" = get ] || exit 2
read server
if [ "$server" = "${registry.host}" ]; then
  printf '{"ServerURL":"%s","Username":"${registry.username}","Secret":"${registry.password}"}' "$server"
else
  echo "credentials not found in native keychain"; exit 1
fi
`,
		);
		chmodSync(script, 0o755);
		const dir = configDir({ auths: { [registry.host]: {} }, credsStore: 'testhelper' });
		const credentials = dockerConfigCredentials({ env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_CONFIG: dir } });
		expect(await createRegistryClient({ registry: registry.host, credentials }).listTags('private/app')).toEqual(['v1']);
	});

	it('asks for docker login when there are no credentials', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).listTags('private/app'));
		expect(error.code).toBe('UNAUTHORIZED');
		expect(error.message).toBe(`the registry ${registry.host} wants a login for private/app — log in with: docker login ${registry.host}`);
	});

	it('says the stored login was refused when the password is wrong', async () => {
		const client = createRegistryClient({
			registry: registry.host,
			credentials: async () => ({ username: registry.username, password: 'wrong' }),
		});
		const error = await rejection(client.listTags('private/app'));
		expect(error.code).toBe('UNAUTHORIZED');
		expect(error.message).toContain('refused the login Docker has stored for it');
	});
});

describe.runIf(runRegistryTests)('against the real registry, token auth (Bearer)', () => {
	let registry: TestRegistry;
	let digest: string;

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'token', token: { publicRepositories: ['public/hello'], decoyToken: true } });
		digest = (
			await pushImage({ baseUrl: registry.url, repository: 'team/app', tag: 'v1', authorization: registry.pushAuthorization('team/app') })
		).digest;
		await pushImage({ baseUrl: registry.url, repository: 'team/app', tag: 'v2', authorization: registry.pushAuthorization('team/app') });
		await pushImage({
			baseUrl: registry.url,
			repository: 'public/hello',
			tag: 'latest',
			authorization: registry.pushAuthorization('public/hello'),
		});
	});
	afterAll(async () => {
		await registry?.stop();
	});

	const login = () => async () => ({ username: registry.username, password: registry.password });

	it('fetches a token for the repository pull scope, sending the login, and uses access_token', async () => {
		const before = registry.token!.requests.length;
		const client = createRegistryClient({ registry: registry.host, credentials: login() });
		expect([...(await client.listTags('team/app'))].sort()).toEqual(['v1', 'v2']);
		expect(await client.manifestDigest('team/app', 'v1')).toBe(digest);
		const requests = registry.token!.requests.slice(before);
		expect(requests[0]).toEqual({
			service: 'registry-lab-test',
			scopes: ['repository:team/app:pull'],
			account: registry.username,
			who: 'login',
		});
		// One token served both calls: it is cached per scope.
		expect(requests).toHaveLength(1);
	});

	it('fetches the catalog with the registry:catalog:* scope', async () => {
		const before = registry.token!.requests.length;
		const client = createRegistryClient({ registry: registry.host, credentials: login() });
		expect(await client.catalog()).toEqual(['public/hello', 'team/app']);
		expect(registry.token!.requests.slice(before).map((request) => request.scopes)).toEqual([['registry:catalog:*']]);
	});

	it('pulls a public repository with an anonymous token', async () => {
		const before = registry.token!.requests.length;
		expect(await createRegistryClient({ registry: registry.host }).listTags('public/hello')).toEqual(['latest']);
		expect(registry.token!.requests.slice(before).map((request) => request.who)).toEqual(['anonymous']);
	});

	it('asks for docker login when an anonymous token is not enough', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).listTags('team/app'));
		expect(error.code).toBe('UNAUTHORIZED');
		expect(error.message).toContain(`docker login ${registry.host}`);
	});

	it('says the stored login was refused when the token server rejects it', async () => {
		const client = createRegistryClient({
			registry: registry.host,
			credentials: async () => ({ username: registry.username, password: 'wrong' }),
		});
		const error = await rejection(client.listTags('team/app'));
		expect(error.code).toBe('UNAUTHORIZED');
		expect(error.message).toContain('refused the login Docker has stored for it');
	});

	it('pushes a blob and then a manifest with a push,pull token, and reads both back by their digests', async () => {
		const before = registry.token!.requests.length;
		const client = createRegistryClient({ registry: registry.host, credentials: login() });
		const bytes = Buffer.from('{"hello":"class"}');
		const config = Buffer.from('{}');
		const blobDigest = await client.pushBlob('class/notes', bytes);
		const configDigest = await client.pushBlob('class/notes', config);
		const manifest = JSON.stringify({
			schemaVersion: 2,
			mediaType: 'application/vnd.oci.image.manifest.v1+json',
			artifactType: 'application/vnd.example.notes',
			config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: configDigest, size: config.length },
			layers: [{ mediaType: 'application/json', digest: blobDigest, size: bytes.length }],
		});
		const manifestDigest = await client.putManifest('class/notes', 'ana', manifest, 'application/vnd.oci.image.manifest.v1+json');
		expect(registry.token!.requests.slice(before)[0]?.scopes).toContain('repository:class/notes:push,pull');
		expect(await client.listTags('class/notes')).toEqual(['ana']);
		expect((await client.getManifest('class/notes', 'ana')).digest).toBe(manifestDigest);
		expect((await client.getBlob('class/notes', blobDigest)).toString()).toBe('{"hello":"class"}');
	});

	it('refuses an upload without a login in plain words, before any manifest is written', async () => {
		const error = await rejection(createRegistryClient({ registry: registry.host }).pushBlob('class/secret', Buffer.from('x')));
		expect(error.code).toBe('UNAUTHORIZED');
		expect(error.message).toContain(`docker login ${registry.host}`);
	});

	it('fetches a new token once the cached one has expired', async () => {
		let now = Date.now();
		const client = createRegistryClient({ registry: registry.host, credentials: login(), now: () => now });
		const before = registry.token!.requests.length;
		await client.listTags('team/app');
		await client.listTags('team/app');
		expect(registry.token!.requests.length - before).toBe(1);
		now += 301_000;
		await client.listTags('team/app');
		expect(registry.token!.requests.length - before).toBe(2);
	});
});
