// Drives the built CLI as a user would (`node dist/cli.js`), for what only a real process shows:
// exit codes, which stream text goes to, and no stack traces.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { labJsonSchema } from '../../src/lab/json-schema.js';
import { ensureBuilt } from '../commands/built-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
	// Bundles when any source is newer than dist/cli.js, so a dist/ from an older checkout is never tested.
	ensureBuilt();
});

describe('registry-lab (built)', () => {
	it('prints usage listing the commands with --help and -h', () => {
		for (const flag of ['--help', '-h']) {
			const result = run(flag);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatch(/^Usage: registry-lab <command> \[options\]/);
			expect(result.stdout).toMatch(/^ {2}validate {2}/m);
			expect(result.stderr).toBe('');
		}
	});

	it('prints the package version with --version and -v', () => {
		expect(run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
		expect(run('-v').stdout).toBe(`${version}\n`);
	});

	it('exits 2 with one line and the usage on stderr for an unknown command', () => {
		const result = run('frobnicate');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n')[0]).toBe('registry-lab: unknown command "frobnicate"');
		expect(result.stderr).toContain('Usage: registry-lab');
	});

	it('exits 2 with one line and the usage on stderr for an unknown flag', () => {
		const result = run('--frobnicate');
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n')[0]).toBe('registry-lab: unknown option --frobnicate');
		expect(result.stderr).toContain('Usage: registry-lab');
		const inCommand = run('validate', '--frobnicate');
		expect(inCommand.code).toBe(2);
		expect(inCommand.stderr.split('\n')[0]).toBe('registry-lab validate: unknown option --frobnicate');
	});

	it('exits 1 for a broken lab and prints where each problem is', () => {
		const result = run('validate', 'test/fixtures/labs/wrong-type');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe(
			'test/fixtures/labs/wrong-type/lab.yaml:8:12: `hints` must be a list, not the text "Use docker build." (start each item on its own line with `- `)\n1 lab checked, 1 problem\n',
		);
		expect(result.stderr).toBe('');
	});

	it('prints GitHub annotations with --format github', () => {
		const result = run('validate', '--format', 'github', 'test/fixtures/labs/wrong-type');
		expect(result.code).toBe(1);
		expect(result.stdout.split('\n')[0]).toBe(
			'::error file=test/fixtures/labs/wrong-type/lab.yaml,line=8,col=12,title=registry-lab validate::`hints` must be a list, not the text "Use docker build." (start each item on its own line with `- `)',
		);
	});

	it('exits 2 without a stack trace when a lab cannot be found', () => {
		const result = run('validate', 'no-such-lab');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^registry-lab validate: no lab "no-such-lab"/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('validates the bundled labs with no arguments and finds them valid', () => {
		const result = run('validate');
		expect(result.stdout).toMatch(/labs? checked, no problems\n$/);
		expect(result.code).toBe(0);
	});

	it('ships the JSON Schema generated from the loader’s schema', () => {
		const written = JSON.parse(readFileSync(new URL('../../schema/lab.schema.json', import.meta.url), 'utf8')) as unknown;
		expect(written).toEqual(labJsonSchema());
	});
});
