// Installs the packed tarball the way `npx registry-lab` would, into an empty folder, and proves the
// package stands alone: npm adds no other package, and the installed bin runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../commands/built-cli.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
let scratch: string;
let project: string;

function run(command: string, args: string[], cwd: string) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
	return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

beforeAll(() => {
	ensureBuilt();
	scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-packed-'));
	project = path.join(scratch, 'project');
	// --ignore-scripts: prepack's full build typechecks too; ensureBuilt has bundled what gets packed.
	const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], repoRoot);
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
	const tarball = path.join(scratch, pack.stdout.trim().split('\n').at(-1)!);
	// A folder of its own with a package.json, so npm does not look for a project further up.
	mkdirSync(project);
	writeFileSync(path.join(project, 'package.json'), '{ "name": "learner", "private": true }\n');
	// A fresh cache: nothing cached elsewhere can stand in for a package the tarball would need.
	const install = run(
		'npm',
		['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--cache', path.join(scratch, 'npm-cache')],
		project,
	);
	if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
});

afterAll(() => {
	if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed tarball, installed', () => {
	it('brings no package but registry-lab into node_modules', () => {
		const installed = readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
		expect(installed).toEqual(['registry-lab']);
		const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
		expect(Object.keys(lock.packages).filter((key) => key !== '')).toEqual(['node_modules/registry-lab']);
	});

	it('runs its bin: the version, and the bundled lab validates', () => {
		const bin = path.join(project, 'node_modules', '.bin', 'registry-lab');
		expect(run(bin, ['--version'], project)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
		const validate = run(bin, ['validate'], project);
		expect(validate.stderr).toBe('');
		expect(validate.stdout).toMatch(/^1 lab checked, no problems$/m);
		expect(validate.code).toBe(0);
	});

	it('finds the bundled lab inside the installed package: a right answer is judged right', () => {
		const bin = path.join(project, 'node_modules', '.bin', 'registry-lab');
		const env = { ...process.env, NO_COLOR: '1', REGISTRY_LAB_STATE_DIR: path.join(scratch, 'state') };
		const result = spawnSync(bin, ['answer', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest'], {
			cwd: project,
			encoding: 'utf8',
			env,
		});
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Right\./);
		expect(result.status).toBe(0);
	});
});
