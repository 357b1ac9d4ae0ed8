import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideFileAction, prepareWorkspace, staysInside, workspaceDir } from '../../src/workspace/prepare-workspace.js';

describe('workspaceDir', () => {
	it('defaults to ~/registry-lab/<labId>', () => {
		expect(workspaceDir({ labId: 'registries', env: {}, homeDir: '/home/learner' })).toBe('/home/learner/registry-lab/registries');
	});

	it('puts the lab folder under REGISTRY_LAB_WORKSPACE when it is set', () => {
		expect(workspaceDir({ labId: 'registries', env: { REGISTRY_LAB_WORKSPACE: '/srv/class' }, homeDir: '/home/learner' })).toBe(
			'/srv/class/registries',
		);
		expect(workspaceDir({ labId: 'registries', env: { REGISTRY_LAB_WORKSPACE: '~/labs' }, homeDir: '/home/learner' })).toBe(
			'/home/learner/labs/registries',
		);
	});

	it('uses an explicit folder as it is', () => {
		expect(workspaceDir({ labId: 'registries', dir: '/tmp/here', env: { REGISTRY_LAB_WORKSPACE: '/srv/class' } })).toBe('/tmp/here');
	});
});

describe('decideFileAction', () => {
	it.each([
		[{ source: 'a' }, 'copy'],
		[{ source: 'a', current: 'a' }, 'unchanged'],
		[{ source: 'b', current: 'a', recorded: 'a' }, 'update'],
		[{ source: 'b', current: 'x', recorded: 'a' }, 'keep'],
		[{ source: 'b', current: 'x' }, 'keep'],
	] as const)('with hashes %j it decides %s', (hashes, action) => {
		expect(decideFileAction(hashes)).toBe(action);
	});
});

describe('staysInside', () => {
	it.each([
		['images/curl/Dockerfile.v2', true],
		['images', true],
		['./images/../images/curl', true],
		['../secrets', false],
		['images/../../x', false],
		['/etc/passwd', false],
		['.', false],
	])('%s stays inside: %s', (path, inside) => {
		expect(staysInside(path)).toBe(inside);
	});
});

describe('prepareWorkspace', () => {
	let root: string;
	let labDir: string;
	let env: Record<string, string>;
	const dockerfile = 'FROM alpine:3.22\nRUN apk add curl\n';

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'registry-lab-workspace-'));
		labDir = join(root, 'lab');
		mkdirSync(join(labDir, 'images/curl'), { recursive: true });
		writeFileSync(join(labDir, 'images/curl/Dockerfile.v2'), dockerfile);
		writeFileSync(join(labDir, 'images/curl/README.md'), 'notes\n');
		writeFileSync(join(labDir, 'top.txt'), 'top\n');
		env = { REGISTRY_LAB_WORKSPACE: join(root, 'workspaces') };
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	const prepare = () => prepareWorkspace({ labId: 'registries', labDir, files: ['images', 'top.txt'], env });

	it('creates the workspace on first run and copies files and folders into it', async () => {
		const result = await prepare();

		expect(result).toMatchObject({ dir: join(root, 'workspaces/registries'), created: true, kept: [], problems: [] });
		expect(result.copied).toEqual(['images/curl/Dockerfile.v2', 'images/curl/README.md', 'top.txt']);
		expect(readFileSync(join(result.dir, 'images/curl/Dockerfile.v2'), 'utf8')).toBe(dockerfile);
	});

	it('keeps a file the learner changed and reports it, on every later run', async () => {
		const first = await prepare();
		writeFileSync(join(first.dir, 'images/curl/Dockerfile.v2'), 'FROM alpine:3.22\n# my change\n');

		const second = await prepare();
		writeFileSync(join(labDir, 'images/curl/Dockerfile.v2'), `${dockerfile}# lab v2\n`);
		const third = await prepare();

		expect(second).toMatchObject({ created: false, copied: [], kept: ['images/curl/Dockerfile.v2'] });
		expect(second.unchanged).toEqual(['images/curl/README.md', 'top.txt']);
		expect(third.kept).toEqual(['images/curl/Dockerfile.v2']);
		expect(readFileSync(join(first.dir, 'images/curl/Dockerfile.v2'), 'utf8')).toBe('FROM alpine:3.22\n# my change\n');
	});

	it('updates a file the learner never touched when the lab ships a new version', async () => {
		const first = await prepare();
		writeFileSync(join(labDir, 'top.txt'), 'top, version 2\n');

		const second = await prepare();

		expect(second.updated).toEqual(['top.txt']);
		expect(readFileSync(join(first.dir, 'top.txt'), 'utf8')).toBe('top, version 2\n');
	});

	it('copies a deleted file again', async () => {
		const first = await prepare();
		rmSync(join(first.dir, 'top.txt'));

		expect((await prepare()).copied).toEqual(['top.txt']);
	});

	it('reports entries that are missing or outside the lab folder, and copies nothing from outside', async () => {
		writeFileSync(join(root, 'secret.txt'), 'secret\n');

		const result = await prepareWorkspace({ labId: 'registries', labDir, files: ['nope.txt', '../secret.txt', 'top.txt'], env });

		expect(result.copied).toEqual(['top.txt']);
		expect(result.problems).toEqual([
			{ path: 'nope.txt', message: 'does not exist in the lab folder' },
			{ path: '../secret.txt', message: 'is outside the lab folder, so it is not copied' },
		]);
		expect(existsSync(join(result.dir, '..', 'secret.txt'))).toBe(false);
	});
});
