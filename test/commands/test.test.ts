import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTestCommand } from '../../src/commands/test.js';
import { goodLab, goodLabWith, makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

function labTest(yaml: string, ...args: string[]) {
	fixture = makeFixtureLab(yaml);
	return runCommandFn(runTestCommand, ['labs/fixture', '--yes', '--set', 'name=ada', ...args], {
		cwd: path.dirname(path.dirname(fixture.labDir)),
		env: fixture.env,
	});
}

const brokenSetup = goodLabWith("setup: ['rm -f {{marker}}']", "setup: ['touch {{marker}}']");

describe('registry-lab test', () => {
	it('prints each step as it finishes and a summary, and exits 0 when every step held', async () => {
		const result = await labTest(goodLab);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/^note: Created your workspace for this lab at .*\nTesting A fixture lab \(fixture\) in .*\n✓ give-name {2}Give your name/,
		);
		expect(result.stdout.match(/^✓ /gm)).toHaveLength(5);
		expect(result.stdout).toMatch(/\nThe lab holds: 5 passed, 0 failed, 0 skipped\.\n$/);
	});

	it('exits 1 and names the phase that failed and why', async () => {
		const result = await labTest(brokenSetup);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('✗ make-file  Make the file');
		expect(result.stdout).toContain(
			'make-file failed in checks before the solution:\n  The checks already pass before the solution ran, so they cannot tell whether the learner did the step.',
		);
		expect(result.stdout).toMatch(/The lab does not hold: 4 passed, 1 failed, 0 skipped\.\n$/);
	});

	it('writes JUnit XML to stdout, one testcase per step, with progress on stderr', async () => {
		const result = await labTest(brokenSetup, '--reporter', 'junit');
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="registry-lab test" tests="5" failures="1" errors="0" skipped="0">\n {2}<testsuite name="fixture" tests="5" failures="1"/,
		);
		for (const id of ['give-name', 'make-file', 'use-file', 'colour', 'tidy'])
			expect(result.stdout).toContain(`<testcase name="${id}" classname="registry-lab.fixture"`);
		expect(result.stdout).toContain('<failure message="checks before the solution: The checks already pass before the solution ran');
		expect(result.stdout).toContain('type="before-solution"');
		expect(result.stderr).toContain('✗ make-file  Make the file');
		expect(result.stdout).not.toContain('✗');
	});

	it('writes JSON to stdout with the phase of each failure', async () => {
		const result = await labTest(brokenSetup, '--reporter', 'json', '--repeat', '2');
		const report = JSON.parse(result.stdout) as {
			passed: boolean;
			iterations: number;
			counts: object;
			steps: Array<{ id: string; iteration: number; status: string; phase: string | null }>;
		};
		expect(report).toMatchObject({ passed: false, iterations: 2, counts: { passed: 8, failed: 2, skipped: 0 } });
		expect(report.steps.filter((step) => step.status === 'failed')).toEqual([
			expect.objectContaining({ id: 'make-file', iteration: 1, phase: 'before-solution' }),
			expect.objectContaining({ id: 'make-file', iteration: 2, phase: 'before-solution' }),
		]);
		expect(result.stderr).toContain('✗ [2/2] make-file');
	});

	it('exits 2 for an unknown reporter or a bad --repeat, before running anything', async () => {
		const reporter = await labTest(goodLab, '--reporter', 'tap');
		expect(reporter.code).toBe(2);
		expect(reporter.stderr).toMatch(/^registry-lab test: unknown reporter "tap"; use text, json, junit/);
		const repeat = await labTest(goodLab, '--repeat', 'twice');
		expect(repeat).toEqual({
			code: 2,
			stdout: '',
			stderr: 'registry-lab test: --repeat takes a whole number from 1 to 100, not "twice"\n',
		});
	});

	it('exits 1 for a broken lab, listing its problems at their lines', async () => {
		const result = await labTest(goodLab.replace('    hints: [Write used.txt.]\n', ''));
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^registry-lab test: The lab labs\/fixture\/lab\.yaml has problems; fix them first .*\n {2}labs\/fixture\/lab\.yaml:\d+:5: step `use-file` has no hints/,
		);
	});
});
