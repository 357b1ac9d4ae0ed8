// An author's first minutes: `registry-lab new`, then `validate`, then `test`, in a temporary
// folder, with the built CLI on the real engine. The new lab's image is built FROM scratch, so
// nothing is pulled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../commands/built-cli.js';
import { dockerSync, requireDocker } from './support/docker.js';

const docker = requireDocker();

describe.skipIf(!docker.available)('a new lab, as registry-lab new writes it', () => {
	let root: string;
	let env: Record<string, string>;
	const id = `first-lab-${process.pid}`;

	beforeAll(() => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-author-'));
		env = { REGISTRY_LAB_WORKSPACE: path.join(root, 'workspace'), REGISTRY_LAB_STATE_DIR: path.join(root, 'state') };
	});

	afterAll(() => {
		dockerSync(['image', 'rm', '-f', `${id}-app:v1`, `${id}-app:latest`], { reject: false });
		rmSync(root, { recursive: true, force: true });
	});

	it('is written, then validates with no problem', async () => {
		const created = await runCli(['new', id], { cwd: root, env });
		expect(created.code, created.stderr).toBe(0);
		const validated = await runCli(['validate', `labs/${id}`], { cwd: root, env });
		expect(validated.stdout).toContain('1 lab checked, no problems');
		expect(validated.code).toBe(0);
	});

	it('holds under registry-lab test: its step fails before the solution and passes after, its question is judged', async () => {
		const tested = await runCli(['test', `labs/${id}`, '--yes'], { cwd: root, env });
		expect(tested.stdout, `${tested.stdout}${tested.stderr}`).toMatch(/The lab holds: 3 passed, 0 failed, 0 skipped/);
		expect(tested.stdout).toMatch(/✓ build +Build an image/);
		expect(tested.stdout).toContain('The accepted answer is judged right.');
		expect(tested.code).toBe(0);
	});

	it('refuses a second new with the same id, and the lab is unchanged', async () => {
		const again = await runCli(['new', id], { cwd: root, env });
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('already exists; nothing was written');
		expect((await runCli(['validate', `labs/${id}`], { cwd: root, env })).code).toBe(0);
	});
});
