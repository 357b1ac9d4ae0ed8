import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestsForRepository, isSameImage, parseLocalImage, runPushedCheck, runTagsCheck } from '../../src/checks/registry-checks.js';
import type { CheckContext } from '../../src/checks/types.js';
import { parseNormalizedReference } from '../../src/registry/reference.js';
import { pushImage, tarWithFile } from '../support/push-image.js';
import { freePort, registryTestsEnabled, startRegistry, type TestRegistry } from '../support/registry-server.js';
import { hasEngine } from '../docker/docker-test-engine.js';

const runRegistryTests = registryTestsEnabled();
const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

const dirs: string[] = [];
function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	dirs.push(dir);
	return dir;
}
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A context whose Docker config is an empty folder, so the machine's own logins never leak in. */
function contextFor(vars: Record<string, string>, env: Record<string, string | undefined> = {}): CheckContext {
	return { vars, cwd: tmpdir(), env: { ...process.env, DOCKER_CONFIG: tempDir('registry-lab-docker-config-'), ...env } };
}

describe('digestsForRepository', () => {
	it('keeps the digests of this repository, matching Docker’s familiar and full forms', () => {
		const ref = parseNormalizedReference('learner1/curl:21.06');
		const repoDigests = [
			`learner1/curl@${digestA}`,
			`docker.io/learner1/curl@${digestB}`,
			`localhost:5000/learner1/curl@${digestA}`,
			'not a reference',
		];
		expect(digestsForRepository(repoDigests, ref)).toEqual([digestA, digestB]);
	});

	it('finds nothing in null (an image never pushed or pulled) or for another repository', () => {
		expect(digestsForRepository(null, parseNormalizedReference('localhost:5000/alpine'))).toEqual([]);
		expect(digestsForRepository([`localhost:5000/alpine@${digestA}`], parseNormalizedReference('localhost:5001/alpine'))).toEqual([]);
	});
});

describe('whether the registry holds the local image', () => {
	const ref = parseNormalizedReference('localhost:5000/alpine:latest');
	const remote = { digest: digestA, configDigests: [digestB] };

	it.each([
		['the manifest digest is among RepoDigests (Docker after its own push)', { id: undefined, repoDigests: [digestA] }, true],
		['the local ID is the config digest (Podman, whose push writes a manifest of its own)', { id: digestB, repoDigests: [] }, true],
		['the local ID is the manifest digest (Docker with containerd’s image store)', { id: digestA, repoDigests: [] }, true],
		['neither: another image took the tag', { id: `sha256:${'c'.repeat(64)}`, repoDigests: [`sha256:${'d'.repeat(64)}`] }, false],
		['no ID and no digest for this repository (built, never pushed)', { id: undefined, repoDigests: [] }, false],
	])('%s', (_case, local, same) => {
		expect(isSameImage(local, remote)).toBe(same);
	});

	it('reads the ID and this repository’s digests from what the inspect format prints', () => {
		const printed = `sha256:${'b'.repeat(64)} ["localhost:5000/alpine@${digestA}","docker.io/library/alpine@${digestB}"]\n`;
		expect(parseLocalImage(printed, ref)).toEqual({ id: digestB, repoDigests: [digestA] });
	});

	it('reads Podman’s own CLI’s bare hex ID as a sha256 digest, and null RepoDigests as none', () => {
		expect(parseLocalImage(`${'b'.repeat(64)} null`, ref)).toEqual({ id: digestB, repoDigests: [] });
	});

	it('gives up on output that is not an ID and RepoDigests', () => {
		expect(parseLocalImage('Error', ref)).toBeUndefined();
		expect(parseLocalImage('sha256:abc {"Id":"x"}', ref)).toBeUndefined();
	});
});

describe.runIf(runRegistryTests)('tags check against the real registry', () => {
	let registry: TestRegistry;
	let vars: Record<string, string>;

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'open' });
		vars = { registryPort: String(registry.port) };
		for (const tag of ['latest', '21.07', 'local']) await pushImage({ baseUrl: registry.url, repository: 'alpine', tag });
	});
	afterAll(async () => {
		await registry?.stop();
	});

	it('passes when every expected tag is listed', async () => {
		const result = await runTagsCheck({ tags: 'localhost:{{registryPort}}/alpine', include: ['21.07', 'local'] }, contextFor(vars));
		expect(result).toMatchObject({ status: 'passed', message: '', detail: '', subject: `tags of localhost:${registry.port}/alpine` });
	});

	it('fails with the lab’s message and what the registry has when a tag is missing', async () => {
		const result = await runTagsCheck(
			{
				tags: 'localhost:{{registryPort}}/alpine',
				include: ['21.07', '{{missingTag}}'],
				fail: 'Push localhost:{{registryPort}}/alpine:{{missingTag}} too.',
			},
			contextFor({ ...vars, missingTag: '9.9' }),
		);
		expect(result.status).toBe('failed');
		expect(result.message).toBe(`Push localhost:${registry.port}/alpine:9.9 too.`);
		expect(result.detail).toBe('expected tags to include [21.07, 9.9], registry has [21.07, latest, local]');
	});

	it('explains a missing tag in plain words when the lab gives no message', async () => {
		const result = await runTagsCheck({ tags: 'localhost:{{registryPort}}/alpine', include: ['9.9', '10'] }, contextFor(vars));
		expect(result.message).toBe(`localhost:${registry.port}/alpine does not have the tags 9.9, 10 yet`);
	});

	it('fails when the repository does not exist yet', async () => {
		const result = await runTagsCheck({ tags: 'localhost:{{registryPort}}/nothere', include: ['1'] }, contextFor(vars));
		expect(result.status).toBe('failed');
		expect(result.message).toBe(`localhost:${registry.port} has no repository nothere yet — push an image to it first`);
		expect(result.detail).toBe('expected tags to include [1], registry has no repository nothere');
	});

	it('is canceled by the context’s signal', async () => {
		const ctx = { ...contextFor(vars), signal: AbortSignal.abort() };
		const result = await runTagsCheck({ tags: 'localhost:{{registryPort}}/alpine', include: ['local'] }, ctx);
		expect(result.status).toBe('canceled');
	});
});

describe('tags check without a registry', () => {
	it('says nothing answers, and where to look, when the port is closed', async () => {
		const port = await freePort();
		const result = await runTagsCheck(
			{ tags: 'localhost:{{registryPort}}/alpine', include: ['latest'] },
			contextFor({ registryPort: String(port) }),
		);
		expect(result.status).toBe('failed');
		expect(result.message).toBe(`nothing answered at localhost:${port} — is the registry container running? (docker ps)`);
	});

	it('fails with Docker’s own words for an invalid reference', async () => {
		const result = await runTagsCheck({ tags: 'localhost:5000/Alpine', include: ['latest'] }, contextFor({}));
		expect(result.status).toBe('failed');
		expect(result.message).toContain('must be lowercase');
	});
});

describe.runIf(runRegistryTests)('tags check against a registry that wants a login', () => {
	let registry: TestRegistry;

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'htpasswd' });
		await pushImage({ baseUrl: registry.url, repository: 'alpine', tag: 'local', authorization: registry.pushAuthorization('alpine') });
	});
	afterAll(async () => {
		await registry?.stop();
	});

	it('uses the login from the Docker config the context names', async () => {
		const dockerConfig = tempDir('registry-lab-docker-config-');
		writeFileSync(
			join(dockerConfig, 'config.json'),
			JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${registry.username}:${registry.password}`).toString('base64') } } }),
		);
		const result = await runTagsCheck(
			{ tags: `${registry.host}/alpine`, include: ['local'] },
			contextFor({}, { DOCKER_CONFIG: dockerConfig }),
		);
		expect(result.status).toBe('passed');
	});

	it('tells the learner to log in when there is no login', async () => {
		const result = await runTagsCheck({ tags: `${registry.host}/alpine`, include: ['local'] }, contextFor({}));
		expect(result.status).toBe('failed');
		expect(result.message).toContain(`docker login ${registry.host}`);
		expect(result.detail).toContain('UNAUTHORIZED');
	});
});

describe.runIf(runRegistryTests)('pushed check with a stand-in docker command', () => {
	let registry: TestRegistry;
	let pushedDigest: string;
	let pushed: Awaited<ReturnType<typeof pushImage>>;
	let images: string;
	let fakeDocker: Record<string, string>;
	const localImage = (ref: string, repoDigests: string[] | null, id = digestB) =>
		writeFileSync(join(images, ref.replace(/[/:]/g, '_')), `${id} ${JSON.stringify(repoDigests)}\n`);

	beforeAll(async () => {
		// Answers `docker image inspect --format '{{.Id}} {{json .RepoDigests}}' REF` from files in $FAKE_IMAGES.
		const bin = tempDir('registry-lab-fake-docker-');
		images = tempDir('registry-lab-fake-images-');
		writeFileSync(
			join(bin, 'docker'),
			`#!/bin/sh
file="$FAKE_IMAGES/$(printf %s "$5" | tr '/:' '__')"
if [ -f "$file" ]; then cat "$file"; else echo "Error: No such image: $5" >&2; exit 1; fi
`,
		);
		chmodSync(join(bin, 'docker'), 0o755);
		fakeDocker = { PATH: `${bin}:${process.env.PATH}`, FAKE_IMAGES: images };
		registry = await startRegistry({ mode: 'open' });
		pushed = await pushImage({ baseUrl: registry.url, repository: 'app', tag: '1' });
		pushedDigest = pushed.digest;
	});
	afterAll(async () => {
		await registry?.stop();
	});

	const vars = () => ({ registryPort: String(registry.port) });

	it('passes when the registry’s digest is among the local RepoDigests', async () => {
		localImage(`localhost:${registry.port}/app:1`, [`localhost:${registry.port}/app@${pushedDigest}`]);
		const result = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:1' }, contextFor(vars(), fakeDocker));
		expect(result).toMatchObject({ status: 'passed', message: '', subject: `localhost:${registry.port}/app:1 pushed` });
	});

	it('passes when the local image’s ID is the config the registry’s manifest names (Podman’s push)', async () => {
		localImage(`localhost:${registry.port}/app:1`, [`localhost:${registry.port}/app@${digestA}`], pushed.configDigest);
		const result = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:1' }, contextFor(vars(), fakeDocker));
		expect(result).toMatchObject({ status: 'passed', message: '' });
	});

	it('finds the local image among the platforms of a multi-platform index', async () => {
		const index = JSON.stringify({
			schemaVersion: 2,
			mediaType: 'application/vnd.oci.image.index.v1+json',
			manifests: [
				{
					mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
					digest: pushed.digest,
					size: Buffer.byteLength(pushed.manifest),
					platform: { architecture: 'amd64', os: 'linux' },
				},
			],
		});
		const put = await fetch(`${registry.url}/v2/app/manifests/multi`, {
			method: 'PUT',
			headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
			body: index,
		});
		expect(put.status).toBe(201);
		localImage(`localhost:${registry.port}/app:multi`, [], pushed.configDigest);
		expect(await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:multi' }, contextFor(vars(), fakeDocker))).toMatchObject({
			status: 'passed',
		});
		localImage(`localhost:${registry.port}/app:multi`, [], digestA);
		expect((await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:multi' }, contextFor(vars(), fakeDocker))).status).toBe(
			'failed',
		);
	});

	it('says the registry has a different image when the digests differ', async () => {
		localImage(`localhost:${registry.port}/app:1`, [`localhost:${registry.port}/app@${digestA}`]);
		const result = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:1' }, contextFor(vars(), fakeDocker));
		expect(result.status).toBe('failed');
		expect(result.message).toBe(
			`the registry has a different image for this tag — push again: docker push localhost:${registry.port}/app:1`,
		);
		expect(result.detail).toMatch(
			new RegExp(`^registry has ${pushedDigest} \\(image sha256:[0-9a-f]{64}\\), the local image is ${digestB} with \\[${digestA}\\]$`),
		);
	});

	it('says the tag is not pushed yet when the registry lacks it', async () => {
		localImage(`localhost:${registry.port}/app:2`, null);
		const plain = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:2' }, contextFor(vars(), fakeDocker));
		expect(plain.status).toBe('failed');
		expect(plain.message).toBe(
			`localhost:${registry.port}/app:2 is not in the registry yet — push it: docker push localhost:${registry.port}/app:2`,
		);
		const custom = await runPushedCheck(
			{ pushed: 'localhost:{{registryPort}}/app:2', fail: 'Run docker push for :2' },
			contextFor(vars(), fakeDocker),
		);
		expect(custom.message).toBe('Run docker push for :2');
	});

	it('says the image is neither on this machine nor in the registry when both lack it', async () => {
		const result = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:nolocal' }, contextFor(vars(), fakeDocker));
		expect(result.status).toBe('failed');
		expect(result.message).toContain(`there is no image localhost:${registry.port}/app:nolocal on this machine or in its registry`);
	});

	it('passes on the registry’s tag alone once the local name is gone (a later step removed it)', async () => {
		// Given app:1 is pushed, and no local image carries that name any more
		const result = await runPushedCheck(
			{ pushed: 'localhost:{{registryPort}}/app:1' },
			contextFor(vars(), { ...fakeDocker, FAKE_IMAGES: tempDir('registry-lab-no-images-') }),
		);
		expect(result).toMatchObject({ status: 'passed', message: '' });
	});

	it('reports a missing docker command as a spawn error', async () => {
		const empty = tempDir('registry-lab-empty-bin-');
		const result = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/app:1' }, contextFor(vars(), { PATH: empty }));
		expect(result.status).toBe('spawn-error');
		expect(result.message).toBe('docker is not installed or not on your PATH');
	});
});

// ---------------------------------------------------------------------------------------------
// The real Docker engine: docker import (no pulls), docker push to the test registry
// ---------------------------------------------------------------------------------------------

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: 'pipe', timeout: 60_000 }).trim();

describe.runIf(runRegistryTests && hasEngine)('pushed check with real Docker', () => {
	let registry: TestRegistry;
	let ref: string;
	const imageIds: string[] = [];

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'open' });
		ref = `localhost:${registry.port}/registry-lab-pushed:1`;
		const dir = tempDir('registry-lab-import-');
		for (const name of ['first', 'second']) {
			writeFileSync(join(dir, `${name}.tar`), tarWithFile('hello.txt', `registry-lab ${name} image\n`));
			imageIds.push(docker('import', '--message', 'registry-lab test', join(dir, `${name}.tar`)));
		}
		docker('tag', imageIds[0]!, ref);
		docker('push', ref);
	}, 120_000);

	afterAll(async () => {
		try {
			if (imageIds.length > 0) docker('image', 'rm', '--force', ...imageIds);
		} finally {
			await registry?.stop();
		}
	});

	it('passes after docker push, and fails with "different image" after another image takes the tag', async () => {
		const vars = { registryPort: String(registry.port) };
		const check = { pushed: 'localhost:{{registryPort}}/registry-lab-pushed:1' };
		expect(await runPushedCheck(check, contextFor(vars))).toMatchObject({ status: 'passed' });

		docker('tag', imageIds[1]!, ref);
		const result = await runPushedCheck(check, contextFor(vars));
		expect(result.status).toBe('failed');
		expect(result.message).toContain('the registry has a different image for this tag — push again');
	});

	it('still passes after docker image rm of the pushed name: the registry keeps the tag', async () => {
		const vars = { registryPort: String(registry.port) };
		const check = { pushed: 'localhost:{{registryPort}}/registry-lab-pushed:1' };
		docker('tag', imageIds[0]!, ref);
		docker('image', 'rm', ref);
		expect(await runPushedCheck(check, contextFor(vars))).toMatchObject({ status: 'passed' });
		const missing = await runPushedCheck({ pushed: 'localhost:{{registryPort}}/registry-lab-pushed:never' }, contextFor(vars));
		expect(missing.status).toBe('failed');
	});
});
