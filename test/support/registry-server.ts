// Starts the real Distribution registry (Debian's /usr/bin/docker-registry, v2.8) on a free
// loopback port in a temp folder, in one of three auth modes, and stops it again. Token mode also
// runs a small token server here that signs JWTs the way Distribution 2.8 verifies them:
// issuer, audience = service, exp/nbf, an `access` claim, and an `x5c` header whose certificate
// the registry's `rootcertbundle` trusts.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { osAssignedPort } from '../../src/docker/choose-port.js';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

/**
 * Whether registry tests run here. They skip (with the reason printed) when the binary is
 * missing, except under CI=true, where they run and fail so a missing package is noticed.
 */
export function registryTestsEnabled(): boolean {
	if (existsSync(REGISTRY_BINARY)) return true;
	if (process.env.CI === 'true') return true;
	console.warn(`Skipping registry tests: ${REGISTRY_BINARY} is missing (apt-get install docker-registry).`);
	return false;
}

export type RegistryMode = 'open' | 'htpasswd' | 'token';

export interface AccessEntry {
	type: string;
	name: string;
	actions: string[];
}

export interface TokenRequest {
	service: string | null;
	scopes: string[];
	account: string | null;
	/** 'login' when valid Basic credentials came with it, 'anonymous' when none did. */
	who: 'login' | 'anonymous';
}

export interface TokenServer {
	/** The realm the registry names in its challenges. */
	realm: string;
	service: string;
	issuer: string;
	/** Every token request, in order. */
	requests: TokenRequest[];
	/** A signed token granting exactly this access (for pushing test content). */
	mint(access: AccessEntry[], subject?: string): string;
	stop(): Promise<void>;
}

export interface TokenServerOptions {
	username: string;
	password: string;
	/** Repositories anyone may pull without a login. */
	publicRepositories?: string[];
	/** Put a useless value in `token`, so only a client preferring `access_token` gets in. */
	decoyToken?: boolean;
	expiresIn?: number;
}

export interface TestRegistry {
	mode: RegistryMode;
	port: number;
	/** `127.0.0.1:PORT`, the registry as a reference names it. */
	host: string;
	url: string;
	dir: string;
	username: string;
	password: string;
	token?: TokenServer;
	/** An Authorization header value that may push anything (Basic in htpasswd mode, a minted Bearer in token mode). */
	pushAuthorization(repository: string): string | undefined;
	/** What the registry printed, for failure messages. */
	logs(): string;
	stop(): Promise<void>;
}

export interface StartRegistryOptions {
	mode?: RegistryMode;
	username?: string;
	password?: string;
	token?: Omit<TokenServerOptions, 'username' | 'password'>;
}

/** A port the OS says is free now on the loopback interface, where these servers listen. */
export function freePort(): Promise<number> {
	return osAssignedPort('127.0.0.1');
}

function base64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

function makeCertificate(dir: string): { keyPem: string; certDerBase64: string; certPath: string } {
	const keyPath = join(dir, 'token-key.pem');
	const certPath = join(dir, 'token-cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			keyPath,
			'-out',
			certPath,
			'-days',
			'2',
			'-subj',
			'/CN=registry-lab test token issuer',
		],
		{ stdio: 'pipe' },
	);
	const certPem = readFileSync(certPath, 'utf8');
	const certDerBase64 = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
	return { keyPem: readFileSync(keyPath, 'utf8'), certDerBase64, certPath };
}

function parseScope(scope: string): AccessEntry | undefined {
	// type:name:actions, where the name may hold one colon (a host port).
	const first = scope.indexOf(':');
	const last = scope.lastIndexOf(':');
	if (first < 0 || last <= first) return undefined;
	return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') };
}

function basicUser(request: IncomingMessage): { username: string; password: string } | undefined {
	const header = request.headers.authorization ?? '';
	const match = /^Basic\s+(.+)$/i.exec(header);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function listen(server: Server): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : 0);
		});
	});
}

export async function startTokenServer(dir: string, options: TokenServerOptions): Promise<TokenServer & { certPath: string }> {
	const { keyPem, certDerBase64, certPath } = makeCertificate(dir);
	const service = 'registry-lab-test';
	const issuer = 'registry-lab-test-issuer';
	const requests: TokenRequest[] = [];
	const expiresIn = options.expiresIn ?? 300;

	const mint = (access: AccessEntry[], subject = ''): string => {
		const now = Math.floor(Date.now() / 1000);
		const header = { typ: 'JWT', alg: 'RS256', x5c: [certDerBase64] };
		const claims = { iss: issuer, sub: subject, aud: service, exp: now + expiresIn, nbf: now - 10, iat: now, jti: randomUUID(), access };
		const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
		const signature = createSign('RSA-SHA256').update(signingInput).sign(keyPem);
		return `${signingInput}.${base64url(signature)}`;
	};

	const server = createHttpServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://token.invalid');
		if (url.pathname !== '/token') {
			response.writeHead(404).end();
			return;
		}
		const scopes = url.searchParams.getAll('scope');
		const user = basicUser(request);
		if (user && (user.username !== options.username || user.password !== options.password)) {
			response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ details: 'incorrect username or password' }));
			return;
		}
		requests.push({
			service: url.searchParams.get('service'),
			scopes,
			account: url.searchParams.get('account'),
			who: user ? 'login' : 'anonymous',
		});
		const access: AccessEntry[] = [];
		for (const scope of scopes.flatMap((each) => each.split(' '))) {
			const entry = parseScope(scope);
			if (!entry) continue;
			if (user) access.push(entry);
			else if (entry.type === 'repository' && options.publicRepositories?.includes(entry.name)) {
				access.push({ ...entry, actions: entry.actions.filter((action) => action === 'pull') });
			}
		}
		const token = mint(access, user?.username);
		const body = {
			token: options.decoyToken ? 'decoy-not-a-token' : token,
			access_token: token,
			expires_in: expiresIn,
			issued_at: new Date().toISOString(),
		};
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	});
	const port = await listen(server);
	return {
		realm: `http://127.0.0.1:${port}/token`,
		service,
		issuer,
		requests,
		mint,
		certPath,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function waitForRegistry(url: string, child: ChildProcess, logs: () => string): Promise<void> {
	for (let attempt = 0; attempt < 200; attempt++) {
		if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}:\n${logs()}`);
		try {
			const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
			await response.arrayBuffer();
			if (response.headers.get('docker-distribution-api-version')) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`docker-registry did not answer at ${url}/v2/ in 20 s:\n${logs()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** Starts a registry; call stop() in afterAll. Throws with the registry's own output if it does not come up. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
	const mode = options.mode ?? 'open';
	const username = options.username ?? 'learner';
	const password = options.password ?? 'correct-horse';
	const dir = mkdtempSync(join(tmpdir(), `registry-lab-${mode}-`));
	let token: (TokenServer & { certPath: string }) | undefined;
	try {
		let auth: Record<string, unknown> | undefined;
		if (mode === 'htpasswd') {
			const line = execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' });
			writeFileSync(join(dir, 'htpasswd'), line);
			auth = { htpasswd: { realm: 'registry-lab-test', path: join(dir, 'htpasswd') } };
		} else if (mode === 'token') {
			token = await startTokenServer(dir, { username, password, ...options.token });
			auth = { token: { realm: token.realm, service: token.service, issuer: token.issuer, rootcertbundle: token.certPath } };
		}

		for (let attempt = 0; ; attempt++) {
			const port = await freePort();
			const config = {
				version: '0.1',
				log: { level: 'warn', accesslog: { disabled: true } },
				storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
				http: { addr: `127.0.0.1:${port}` },
				...(auth ? { auth } : {}),
			};
			// JSON is YAML, which is what the registry reads.
			const configPath = join(dir, 'config.yml');
			writeFileSync(configPath, JSON.stringify(config, null, 2));
			const child = spawn(REGISTRY_BINARY, ['serve', configPath], {
				// A clean environment: REGISTRY_* variables would override the config.
				env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
			const url = `http://127.0.0.1:${port}`;
			try {
				await Promise.race([waitForRegistry(url, child, () => output), spawnFailed]);
			} catch (error) {
				await stopProcess(child);
				if (attempt < 2 && /address already in use/i.test(output)) continue;
				throw error;
			}
			const tokenServer = token;
			return {
				mode,
				port,
				host: `127.0.0.1:${port}`,
				url,
				dir,
				username,
				password,
				token: tokenServer,
				pushAuthorization(repository) {
					if (mode === 'htpasswd') return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
					if (tokenServer)
						return `Bearer ${tokenServer.mint([{ type: 'repository', name: repository, actions: ['pull', 'push'] }], username)}`;
					return undefined;
				},
				logs: () => output,
				async stop() {
					await stopProcess(child);
					await tokenServer?.stop();
					rmSync(dir, { recursive: true, force: true });
				},
			};
		}
	} catch (error) {
		await token?.stop();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}
