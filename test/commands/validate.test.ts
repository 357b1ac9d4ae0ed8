import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runValidate, validateUsage } from '../../src/commands/validate.js';
import { bundledLabIds } from '../../src/lab/find-labs.js';

const fixtures = fileURLToPath(new URL('../fixtures/labs/', import.meta.url));
let cwd: string;

beforeEach(() => {
	cwd = mkdtempSync(path.join(tmpdir(), 'registry-lab-validate-'));
});

afterEach(() => {
	rmSync(cwd, { recursive: true, force: true });
});

/** Runs the command as the CLI would, capturing what it prints. */
async function validate(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await runValidate(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, env: {} });
	return { code, stdout, stderr };
}

/** Copies fixture labs into the temporary working folder, as an instructor's ./labs. */
function copyFixtures(...names: string[]): void {
	for (const name of names) cpSync(path.join(fixtures, name), path.join(cwd, 'labs', name), { recursive: true });
}

describe('registry-lab validate', () => {
	it('exits 0 and says so when every lab is valid', async () => {
		copyFixtures('valid-minimal');
		const result = await validate('labs/valid-minimal');
		expect(result).toEqual({ code: 0, stdout: '1 lab checked, no problems\n', stderr: '' });
	});

	it('exits 1 and prints each problem as a path relative to the working folder', async () => {
		copyFixtures('wrong-type');
		const result = await validate('labs/wrong-type/lab.yaml');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe(
			'labs/wrong-type/lab.yaml:8:12: `hints` must be a list, not the text "Use docker build." (start each item on its own line with `- `)\n1 lab checked, 1 problem\n',
		);
	});

	it('validates every lab in a folder of labs', async () => {
		copyFixtures('valid-minimal', 'needs-cycle');
		const result = await validate('labs');
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/^labs\/needs-cycle\/lab\.yaml:12:13: `needs` forms a cycle/);
		expect(result.stdout).toMatch(/2 labs checked, 1 problem\n$/);
	});

	it('checks the bundled labs and ./labs when given no paths', async () => {
		copyFixtures('valid-minimal');
		const result = await validate('--format', 'json');
		const report = JSON.parse(result.stdout) as { labCount: number; labs: { file: string }[] };
		expect(report.labCount).toBe(bundledLabIds().length + 1);
		expect(report.labs.at(-1)?.file).toBe('labs/valid-minimal/lab.yaml');
	});

	it('finds a lab by its id under ./labs', async () => {
		copyFixtures('valid-minimal');
		expect((await validate('valid-minimal')).code).toBe(0);
	});

	it('prints GitHub annotations with --format github', async () => {
		copyFixtures('task-without-check');
		const result = await validate('--format', 'github', 'labs/task-without-check');
		expect(result.code).toBe(1);
		expect(result.stdout.split('\n')[0]).toBe(
			'::error file=labs/task-without-check/lab.yaml,line=5,col=5,title=registry-lab validate::step `build` has no check: add a `check:` list so the lab can tell when the step is done',
		);
	});

	it('prints JUnit XML with --format junit', async () => {
		copyFixtures('valid-minimal');
		const result = await validate('labs/valid-minimal', '--format=junit');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('<testcase name="lab valid-minimal" classname="registry-lab.validate"/>');
	});

	it('shows a path outside the working folder as it is', async () => {
		const file = path.join(fixtures, 'duplicate-step-id', 'lab.yaml');
		const result = await validate(file);
		expect(result.stdout.split('\n')[0]).toBe(`${file}:12:9: duplicate step id \`build\`: step 1 already uses it; step ids must be unique`);
	});

	it('exits 2 with the places it looked when a lab cannot be found', async () => {
		const result = await validate('nowhere');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^registry-lab validate: no lab "nowhere" \(tried /);
	});

	it('exits 2 with usage for an unknown format or option', async () => {
		const format = await validate('--format', 'xml');
		expect(format.code).toBe(2);
		expect(format.stderr).toBe(`registry-lab validate: unknown format "xml"; use text, json, junit, github\n\n${validateUsage}`);
		const option = await validate('--strict');
		expect(option.code).toBe(2);
		expect(option.stderr.split('\n')[0]).toBe('registry-lab validate: unknown option --strict');
		const missingValue = await validate('--format');
		expect(missingValue.stderr.split('\n')[0]).toBe('registry-lab validate: --format needs a value');
	});

	it('prints its usage with --help and exits 0', async () => {
		expect(await validate('--help')).toEqual({ code: 0, stdout: validateUsage, stderr: '' });
	});

	it('exits 2 when a folder holds no labs at all', async () => {
		mkdirSync(path.join(cwd, 'empty'));
		const result = await validate('empty');
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('registry-lab validate: empty is a folder without a lab.yaml\n');
	});
});
