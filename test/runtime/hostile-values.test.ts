// Hostile variable values: shell syntax, command substitution, backticks, line breaks, values that
// look like flags, NUL bytes and megabytes of text. With a pattern (the registries lab) they are
// refused before anything runs; without one they arrive as one literal argument, never as syntax.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/process/run-command.js';
import { maxVariableLength, resolveVariables, variableValueProblem } from '../../src/lab/resolve-variables.js';
import { loadLab } from '../../src/lab/load-lab.js';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-hostile-'));
const pwned = path.join(root, `pwned-${randomUUID()}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Each value would create `pwned` if any shell ever read it. */
const hostile: Record<string, string> = {
	'a command after ;': `x; touch ${pwned}`,
	'command substitution': `$(touch ${pwned})`,
	backticks: `\`touch ${pwned}\``,
	'a line break': `learner1\ntouch ${pwned}`,
	'a closing quote': `"; touch ${pwned}; echo "`,
	'a flag': '--help',
	'a short flag': '-v',
	'a terminal escape': '\u001b]0;owned\u0007learner1',
};

const registries = loadLab(path.join(bundledLabsDir(), 'registries', 'lab.yaml')).lab!;
const dockerIdDefinition = registries.variables!.dockerId!;

describe('the registries lab’s patterns', () => {
	it.each(Object.entries(hostile))('refuses a Docker ID with %s, saying what in it is not allowed', (_what, value) => {
		const problem = variableValueProblem('dockerId', dockerIdDefinition, value);
		expect(problem).toMatch(/ is not valid: it (contains|starts with)/);
		// Shown escaped: a line break or a terminal code in a value cannot reshape the message.
		expect(problem).not.toMatch(/[\n\u001b]/);
	});

	it.each(Object.entries(hostile))('refuses a hub and a port with %s too', (_what, value) => {
		const result = resolveVariables(registries, { dockerId: 'learner1', hub: value, registryPort: value }, { workspace: root });
		expect(result.problems.map((problem) => problem.split(' ')[0])).toEqual(['hub', 'registryPort']);
		expect(result.values).not.toHaveProperty('hub');
		expect(result.values).not.toHaveProperty('curlImage');
	});
});

describe('values no command could take, whatever the pattern', () => {
	it('refuses a value longer than the cap before trying the pattern, with a short message', () => {
		const megabyte = 'a'.repeat(1024 * 1024);
		const problem = variableValueProblem('value', {}, megabyte);
		expect(problem).toBe(`value is 1048576 characters long; a value may have at most ${maxVariableLength}`);
		expect(variableValueProblem('value', {}, 'a'.repeat(maxVariableLength))).toBeUndefined();
	});

	it('refuses a NUL byte, which cannot be part of a program’s argument', () => {
		expect(variableValueProblem('value', {}, 'a\u0000b')).toBe(
			'value "a\\u0000b" is not valid: it contains a NUL character, which no command can take',
		);
	});

	it('shortens a long value in a message', () => {
		const problem = variableValueProblem('dockerId', dockerIdDefinition, `${'A'.repeat(3000)}`);
		expect(problem!.length).toBeLessThan(300);
		expect(problem).toContain('AAA...');
	});
});

describe('the runner, given values directly (no pattern in the way)', () => {
	// A script file, not `node -e`: node itself would read a `-v` after `-e code` as its own flag.
	const script = path.join(root, 'print-args.cjs');
	writeFileSync(script, 'console.log(JSON.stringify(process.argv.slice(2)));\n');
	const printArgs = `'${process.execPath}' '${script}'`;

	it.each(Object.entries(hostile))('passes a value with %s as one literal argument, and runs nothing else', async (_what, value) => {
		const result = await runCommand(`${printArgs} {{value}}`, { env: process.env, vars: { value } });
		expect(result.status).toBe('passed');
		expect(JSON.parse(result.stdout)).toEqual([value]);
		expect(existsSync(pwned)).toBe(false);
	});

	it('reports a NUL byte as a command that could not start, instead of throwing', async () => {
		const result = await runCommand(`${printArgs} {{value}}`, { env: process.env, vars: { value: 'a\u0000b' } });
		expect(result.status).toBe('spawn-error');
		expect(result.message).toMatch(/could not be started \(.*null bytes.*\)$/);
		expect(result.message.length).toBeLessThan(200);
	});

	it('reports a 1 MB argument as a command that could not start, instead of crashing', async () => {
		const result = await runCommand(`${printArgs} {{value}}`, { env: process.env, vars: { value: 'a'.repeat(1024 * 1024) } });
		expect(result.status).toBe('spawn-error');
		expect(result.message).toBe(`${process.execPath} could not be started (E2BIG)`);
	});
});

describe('the built CLI', () => {
	const workspaces = path.join(root, 'workspaces');
	const state = path.join(root, 'state');
	const env = { REGISTRY_LAB_WORKSPACE: workspaces, REGISTRY_LAB_STATE_DIR: state };

	beforeAll(() => ensureBuilt());

	it.each(Object.entries(hostile))(
		'check refuses a --set dockerId with %s by its pattern, exit 2, before anything runs',
		(_what, value) => {
			const result = runCliSync(['check', '--set', `dockerId=${value}`], { env });
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(
				/^registry-lab check: Some variables have values that cannot be used:\n {2}dockerId ".*" is not valid: it (contains|starts with)/,
			);
			expect(result.stdout).toBe('');
			expect(existsSync(pwned)).toBe(false);
			expect(existsSync(workspaces)).toBe(false);
		},
	);

	it('refuses a 100 000-character value from the environment with one short line, exit 2', () => {
		const result = runCliSync(['check'], { env: { ...env, REGISTRY_LAB_DOCKERID: 'a'.repeat(100_000) } });
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`registry-lab check: Some variables have values that cannot be used:\n  dockerId is 100000 characters long; a value may have at most ${maxVariableLength}\n`,
		);
	});

	it('ignores a 1 MB value in the saved progress file, says so, and asks for the value again', () => {
		mkdirSync(path.join(state, 'progress'), { recursive: true });
		const saved = {
			version: 1,
			labId: 'registries',
			vars: { dockerId: 'a'.repeat(1024 * 1024) },
			done: [],
			hintsShown: {},
			solutionsShown: [],
			answers: {},
			startedAt: '2025-01-01T00:00:00.000Z',
		};
		writeFileSync(path.join(state, 'progress', 'registries.json'), JSON.stringify(saved));
		try {
			const result = runCliSync(['check'], { env });
			expect(result.code).toBe(2);
			expect(result.stderr).toContain('The lab needs a value for dockerId before it can run');
			expect(result.stderr.length).toBeLessThan(1000);
		} finally {
			rmSync(state, { recursive: true, force: true });
		}
	});

	describe('a lab without patterns', () => {
		const labsRoot = path.join(root, 'lab-root');
		const labDir = path.join(labsRoot, 'labs', 'loose');
		beforeAll(() => {
			mkdirSync(path.join(labDir, 'scripts'), { recursive: true });
			// Writes the arguments it got, as JSON, to the file named first.
			writeFileSync(
				path.join(labDir, 'scripts', 'argv.mjs'),
				"import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)));\n",
			);
			writeFileSync(
				path.join(labDir, 'lab.yaml'),
				`version: 1
id: loose
title: A lab whose variable has no pattern
files: [scripts]
variables:
  value: { ask: Anything }
steps:
  - id: plain
    title: Without a shell
    prompt: Nothing to do.
    hints: [None needed.]
    solution: ['true']
    check:
      - run: node scripts/argv.mjs plain.json {{value}} "in {{value}} quotes"
  - id: shell
    title: With a shell
    prompt: Nothing to do.
    hints: [None needed.]
    solution: ['true']
    check:
      - run: node scripts/argv.mjs shell.json {{value}} "in {{value}} quotes" 'single {{value}}' && true
        shell: true
`,
			);
		});

		it.each(Object.entries(hostile))(
			'passes a value with %s to the program as one literal argument, with and without a shell',
			(_what, value) => {
				const result = runCliSync(['check', 'labs/loose', '--yes', '--json', '--set', `value=${value}`], { env, cwd: labsRoot });
				expect(JSON.parse(result.stdout)).toMatchObject({
					steps: [
						{ id: 'plain', status: 'passed' },
						{ id: 'shell', status: 'passed' },
					],
				});
				const workspace = path.join(workspaces, 'loose');
				expect(JSON.parse(readFileSync(path.join(workspace, 'plain.json'), 'utf8'))).toEqual([value, `in ${value} quotes`]);
				expect(JSON.parse(readFileSync(path.join(workspace, 'shell.json'), 'utf8'))).toEqual([
					value,
					`in ${value} quotes`,
					`single ${value}`,
				]);
				expect(existsSync(pwned)).toBe(false);
			},
		);
	});
});
