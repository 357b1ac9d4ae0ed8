// `registry-lab reset [lab]`: the saved progress for that lab goes, nothing else does.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runResetCommand } from '../../src/commands/reset.js';

let root: string;
let stateDir: string;

const progressFile = (labId: string) => path.join(stateDir, 'progress', `${labId}.json`);

function saveProgress(labId: string): void {
	mkdirSync(path.join(stateDir, 'progress'), { recursive: true });
	const state = {
		version: 1,
		labId,
		vars: { dockerId: 'learner1' },
		done: ['docker-id'],
		hintsShown: {},
		solutionsShown: [],
		answers: {},
		startedAt: '2025-01-01T00:00:00.000Z',
	};
	writeFileSync(progressFile(labId), JSON.stringify(state));
}

async function reset(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await runResetCommand(args, {
		stdout: (text) => (stdout += text),
		stderr: (text) => (stderr += text),
		cwd: root,
		env: { REGISTRY_LAB_STATE_DIR: stateDir },
	} as Parameters<typeof runResetCommand>[1]);
	return { code, stdout, stderr };
}

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'registry-lab-reset-'));
	stateDir = path.join(root, 'state');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('registry-lab reset', () => {
	it('clears the default lab’s progress, and says so; a second reset finds nothing', async () => {
		saveProgress('registries');
		saveProgress('other');
		expect(await reset()).toEqual({ code: 0, stdout: 'Progress for registries cleared.\n', stderr: '' });
		expect(existsSync(progressFile('registries'))).toBe(false);
		expect(existsSync(progressFile('other'))).toBe(true);
		expect(await reset('registries')).toEqual({ code: 0, stdout: 'No saved progress for registries.\n', stderr: '' });
	});

	it('uses the id inside a lab named by its path', async () => {
		const labDir = path.join(root, 'my-copy');
		mkdirSync(labDir);
		writeFileSync(
			path.join(labDir, 'lab.yaml'),
			'version: 1\nid: other\ntitle: Other\nsteps:\n  - id: one\n    title: One\n    prompt: Do it.\n    hints: [Just do it.]\n    solution: [node -e 0]\n    check:\n      - run: node -e 0\n',
		);
		saveProgress('other');
		expect((await reset('./my-copy')).stdout).toBe('Progress for other cleared.\n');
		expect(existsSync(progressFile('other'))).toBe(false);
	});

	it('clears progress kept for a lab that is no longer installed, by its id', async () => {
		saveProgress('gone-lab');
		expect(await reset('gone-lab')).toMatchObject({ code: 0, stdout: 'Progress for gone-lab cleared.\n' });
	});

	it('exits 2 for something that is neither a lab nor a lab id, or for two labs', async () => {
		const missing = await reset('./no/such/lab.yaml');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/^registry-lab reset: no lab/);
		expect((await reset('registries', 'other')).code).toBe(2);
		expect((await reset('--all')).stderr).toContain('unknown option --all');
	});
});
