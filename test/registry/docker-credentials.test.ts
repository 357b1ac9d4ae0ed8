import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	credentialsFromHelper,
	DOCKER_HUB_SERVER,
	dockerConfigCredentials,
	dockerConfigDir,
	findAuthEntry,
	helperFor,
	hostnameOfKey,
	parseHelperOutput,
	serverAddressFor,
} from '../../src/registry/docker-credentials.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('config keys', () => {
	it('reduce to a host name the way Docker’s ConvertToHostname does', () => {
		expect(hostnameOfKey('https://index.docker.io/v1/')).toBe('index.docker.io');
		expect(hostnameOfKey('http://localhost:5000')).toBe('localhost:5000');
		expect(hostnameOfKey('https://localhost:5000/v2/')).toBe('localhost:5000');
		expect(hostnameOfKey('localhost:5000')).toBe('localhost:5000');
	});

	it('file Docker Hub logins under its legacy index URL, and others under host:port', () => {
		expect(serverAddressFor('docker.io')).toBe(DOCKER_HUB_SERVER);
		expect(serverAddressFor('index.docker.io')).toBe(DOCKER_HUB_SERVER);
		expect(serverAddressFor('localhost:5000')).toBe('localhost:5000');
	});

	it('live in $DOCKER_CONFIG when it is set, else ~/.docker', () => {
		expect(dockerConfigDir({ DOCKER_CONFIG: '/tmp/elsewhere' })).toBe('/tmp/elsewhere');
		expect(dockerConfigDir({})).toBe(join(homedir(), '.docker'));
	});
});

describe('findAuthEntry', () => {
	it('decodes the base64 auth Docker writes for Docker Hub', () => {
		const config = { auths: { 'https://index.docker.io/v1/': { auth: b64('learner1:s3cret:with:colons') } } };
		expect(findAuthEntry(config, 'docker.io')).toEqual({ username: 'learner1', password: 's3cret:with:colons' });
	});

	it('matches a registry written with or without a scheme or path', () => {
		for (const key of ['localhost:5000', 'http://localhost:5000', 'https://localhost:5000/v2/']) {
			expect(findAuthEntry({ auths: { [key]: { auth: b64('u:p') } } }, 'localhost:5000')).toEqual({ username: 'u', password: 'p' });
		}
	});

	it('prefers the exact key over an equivalent one', () => {
		const config = { auths: { 'http://localhost:5000': { auth: b64('old:1') }, 'localhost:5000': { auth: b64('new:2') } } };
		expect(findAuthEntry(config, 'localhost:5000')).toEqual({ username: 'new', password: '2' });
	});

	it('reads username and password fields', () => {
		expect(findAuthEntry({ auths: { 'registry.example.com': { username: 'u', password: 'p' } } }, 'registry.example.com')).toEqual({
			username: 'u',
			password: 'p',
		});
	});

	it('finds nothing for another registry, another port, or an entry without a password', () => {
		const config = { auths: { 'localhost:5000': { auth: b64('u:p') }, 'registry.example.com': {}, 'half.example.com': { username: 'u' } } };
		expect(findAuthEntry(config, 'localhost:5001')).toBeUndefined();
		expect(findAuthEntry(config, 'docker.io')).toBeUndefined();
		expect(findAuthEntry(config, 'registry.example.com')).toBeUndefined();
		expect(findAuthEntry(config, 'half.example.com')).toBeUndefined();
		expect(findAuthEntry({}, 'localhost:5000')).toBeUndefined();
	});
});

describe('helperFor', () => {
	it('prefers a registry’s own credHelpers entry over the general credsStore', () => {
		const config = { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } };
		expect(helperFor(config, 'gcr.io')).toBe('gcloud');
		expect(helperFor(config, 'localhost:5000')).toBe('desktop');
		expect(helperFor({ auths: {} }, 'localhost:5000')).toBeUndefined();
	});
});

describe('parseHelperOutput', () => {
	it('reads Username and Secret', () => {
		expect(parseHelperOutput('{"ServerURL":"localhost:5000","Username":"u","Secret":"p"}')).toEqual({ username: 'u', password: 'p' });
	});

	it('ignores identity tokens, which Basic auth cannot use, and anything that is not the JSON answer', () => {
		expect(parseHelperOutput('{"ServerURL":"x","Username":"<token>","Secret":"refresh"}')).toBeUndefined();
		expect(parseHelperOutput('credentials not found in native keychain')).toBeUndefined();
		expect(parseHelperOutput('{"Username":"u"}')).toBeUndefined();
	});
});

describe('dockerConfigCredentials, with real files and a real helper process', () => {
	const dirs: string[] = [];
	const tempDir = (prefix: string) => {
		const dir = mkdtempSync(join(tmpdir(), prefix));
		dirs.push(dir);
		return dir;
	};
	afterAll(() => {
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	// A fake docker-credential-testhelper that knows one login per server URL it reads on stdin.
	const bin = tempDir('registry-lab-helper-bin-');
	writeFileSync(
		join(bin, 'docker-credential-testhelper'),
		`#!/bin/sh
[ "$1" = get ] || exit 2
read server
case "$server" in
  "${DOCKER_HUB_SERVER}") printf '{"ServerURL":"%s","Username":"hubuser","Secret":"hubsecret"}' "$server" ;;
  "helped.example.com") printf '{"ServerURL":"%s","Username":"helped","Secret":"pw"}' "$server" ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`,
	);
	chmodSync(join(bin, 'docker-credential-testhelper'), 0o755);
	const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };

	function configDir(config: unknown): string {
		const dir = tempDir('registry-lab-docker-config-');
		writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
		return dir;
	}

	it('reads logins from config.json in the folder it is given', async () => {
		const source = dockerConfigCredentials({
			env: process.env,
			configDir: configDir({ auths: { 'localhost:5000': { auth: b64('u:p') } } }),
		});
		expect(await source('localhost:5000')).toEqual({ username: 'u', password: 'p' });
		expect(await source('localhost:6000')).toBeUndefined();
	});

	it('honours DOCKER_CONFIG', async () => {
		const dir = configDir({ auths: { 'https://index.docker.io/v1/': { auth: b64('learner1:pw') } } });
		expect(await dockerConfigCredentials({ env: { DOCKER_CONFIG: dir } })('docker.io')).toEqual({ username: 'learner1', password: 'pw' });
	});

	it('asks the credsStore helper, sending Docker Hub’s index URL on stdin', async () => {
		const source = dockerConfigCredentials({ configDir: configDir({ auths: { [DOCKER_HUB_SERVER]: {} }, credsStore: 'testhelper' }), env });
		expect(await source('docker.io')).toEqual({ username: 'hubuser', password: 'hubsecret' });
		expect(await source('helped.example.com')).toEqual({ username: 'helped', password: 'pw' });
	});

	it('asks a registry’s credHelpers entry', async () => {
		const source = dockerConfigCredentials({ configDir: configDir({ credHelpers: { 'helped.example.com': 'testhelper' } }), env });
		expect(await source('helped.example.com')).toEqual({ username: 'helped', password: 'pw' });
		expect(await source('other.example.com')).toBeUndefined();
	});

	it('falls back to the file’s own entry when the helper has no login', async () => {
		const dir = configDir({ auths: { 'localhost:5000': { auth: b64('filed:pw') } }, credsStore: 'testhelper' });
		expect(await dockerConfigCredentials({ configDir: dir, env })('localhost:5000')).toEqual({ username: 'filed', password: 'pw' });
	});

	it('works anonymously when the helper is not installed, or the config is missing or broken', async () => {
		const missingHelper = configDir({ auths: { 'localhost:5000': {} }, credsStore: 'not-installed-anywhere' });
		expect(await dockerConfigCredentials({ configDir: missingHelper, env })('localhost:5000')).toBeUndefined();
		expect(
			await dockerConfigCredentials({ env: process.env, configDir: join(tmpdir(), 'registry-lab-no-such-dir') })('localhost:5000'),
		).toBeUndefined();
		const broken = tempDir('registry-lab-docker-config-');
		writeFileSync(join(broken, 'config.json'), '{ not json');
		expect(await dockerConfigCredentials({ env: process.env, configDir: broken })('localhost:5000')).toBeUndefined();
	});

	it('never runs a helper named like a path', async () => {
		expect(await credentialsFromHelper('../testhelper', DOCKER_HUB_SERVER, { env })).toBeUndefined();
		expect(await credentialsFromHelper('testhelper', DOCKER_HUB_SERVER, { env })).toEqual({ username: 'hubuser', password: 'hubsecret' });
	});
});
