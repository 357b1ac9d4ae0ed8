import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/commands/check.js';
import { goodLab, makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';
import { makeFakeDocker } from './fake-docker.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

function setUp(): FixtureLab {
	fixture = makeFixtureLab();
	return fixture;
}

const check = (lab: FixtureLab, ...args: string[]) =>
	runCommandFn(runCheckCommand, ['labs/fixture', '--yes', ...args], { cwd: path.dirname(path.dirname(lab.labDir)), env: lab.env });

describe('registry-lab check', () => {
	it('prints each step’s status with the reason, and exits 1 while steps are not done', async () => {
		const lab = setUp();
		const result = await check(lab, '--set', 'name=ada');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe(
			[
				'A fixture lab (fixture)',
				'  ✓ give-name  Give your name',
				'  ✗ make-file  Make the file',
				'      There is no made.txt yet. Make it.',
				'  - use-file   Use the file',
				'      Do make-file first.',
				'  ✗ colour     Question: a colour',
				'      Not answered yet. Answer with: registry-lab answer labs/fixture colour <your answer>',
				'  - tidy       Tidy up',
				'      Nothing to clean up yet: this step counts once you have done some of the others.',
				'1 of 5 steps done (2 skipped).',
				'',
			].join('\n'),
		);
		expect(result.stderr).toContain('note: Created your workspace for this lab at');
	});

	it('prints { lab, done, total, steps: [ { id, done, status, message, durationMs } ] } with --json', async () => {
		const lab = setUp();
		const result = await check(lab, '--json', '--set', 'name=ada');
		const report = JSON.parse(result.stdout) as { lab: string; done: number; total: number; steps: Array<Record<string, unknown>> };
		expect(report).toMatchObject({ lab: 'fixture', done: 1, total: 5 });
		expect(report.steps[0]).toEqual({
			id: 'give-name',
			done: true,
			doneAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			status: 'passed',
			message: '',
			durationMs: expect.any(Number),
		});
		expect(report.steps[1]).toEqual({
			id: 'make-file',
			done: false,
			status: 'failed',
			message: 'There is no made.txt yet. Make it.',
			durationMs: expect.any(Number),
		});
	});

	it('exits 0 when every step is done, and remembers the steps done (and when) for the cleanup step', async () => {
		const lab = setUp();
		await check(lab, '--set', 'name=ada');
		writeFileSync(path.join(lab.workspace, 'made.txt'), '');
		writeFileSync(path.join(lab.workspace, 'used.txt'), '');
		const progressFile = path.join(lab.stateDir, 'progress', 'fixture.json');
		expect((await check(lab, '--step', 'use-file', '--set', 'name=ada')).code).toBe(0);
		const saved = JSON.parse(readFileSync(progressFile, 'utf8')) as { done: string[]; doneAt: Record<string, string> };
		expect(saved.done).toEqual(['give-name', 'use-file']);
		expect(Object.keys(saved.doneAt)).toEqual(['give-name', 'use-file']);
	});

	it('counts steps done for good after cleanup removed their work: all done, exit 0, no step failed', async () => {
		// Given the learner did every step, in order, and answered the question
		const lab = setUp();
		await check(lab, '--set', 'name=ada');
		writeFileSync(path.join(lab.workspace, 'made.txt'), '');
		writeFileSync(path.join(lab.workspace, 'used.txt'), '');
		expect((await check(lab, '--set', 'name=ada')).code).toBe(1);
		const progressFile = path.join(lab.stateDir, 'progress', 'fixture.json');
		const saved = JSON.parse(readFileSync(progressFile, 'utf8')) as { done: string[]; answers: Record<string, unknown> };
		writeFileSync(
			progressFile,
			JSON.stringify({ ...saved, done: [...saved.done, 'colour'], answers: { colour: { text: 'blue', correct: true } } }),
		);
		// When the cleanup step removes what the earlier steps made
		rmSync(path.join(lab.workspace, 'made.txt'));
		rmSync(path.join(lab.workspace, 'used.txt'));
		const result = await check(lab, '--set', 'name=ada');
		// Then every step is done, and the text says the machine no longer shows two of them
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(
			'  ✓ make-file  Make the file\n      Done before; this machine does not show it now: There is no made.txt yet. Make it.\n',
		);
		expect(result.stdout).toContain('  ✓ tidy       Tidy up\n');
		expect(result.stdout).toContain('5 of 5 steps done (2 done before but not on this machine now).');
		expect(result.stdout).not.toContain('✗');
	});

	it('checks one step with --step and refuses a step the lab does not have', async () => {
		const lab = setUp();
		const one = await check(lab, '--step', 'make-file', '--json', '--set', 'name=ada');
		expect((JSON.parse(one.stdout) as { steps: Array<{ id: string }> }).steps.map((step) => step.id)).toEqual(['make-file']);
		const unknown = await check(lab, '--step', 'nope', '--set', 'name=ada');
		expect(unknown).toMatchObject({ code: 2, stdout: '' });
		expect(unknown.stderr).toContain('the lab fixture has no step "nope"; its steps are give-name, make-file, use-file, colour, tidy');
	});

	it('refuses an invalid --set value with exit 2 before anything runs', async () => {
		const lab = setUp();
		const result = await check(lab, '--set', 'name=Ada!');
		expect(result).toEqual({
			code: 2,
			stdout: '',
			stderr:
				'registry-lab check: Some variables have values that cannot be used:\n  name "Ada!" is not valid: it contains “!”, which is not allowed here; it has an uppercase letter (A): use lowercase\n',
		});
		expect(existsSync(lab.workspace)).toBe(false);
	});

	it('takes the value from REGISTRY_LAB_<NAME>', async () => {
		const lab = setUp();
		const result = await runCommandFn(runCheckCommand, ['labs/fixture', '--yes', '--json'], {
			cwd: path.dirname(path.dirname(lab.labDir)),
			env: { ...lab.env, REGISTRY_LAB_NAME: 'grace' },
		});
		expect(result.code).toBe(1);
		expect((JSON.parse(result.stdout) as { steps: Array<{ id: string; status: string }> }).steps[0]).toMatchObject({
			id: 'give-name',
			status: 'passed',
		});
	});

	it('exits 2 on wrong usage, with the usage', async () => {
		const lab = setUp();
		const result = await check(lab, '--frobnicate');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^registry-lab check: unknown option --frobnicate\n\nUsage: registry-lab check/);
	});

	it('says when Docker is not running, with the fix, for a lab that uses Docker', async () => {
		fixture = makeFixtureLab(goodLab.replace('files: [scripts]\n', 'files: [scripts]\nrequires: [docker]\n'));
		const fake = makeFakeDocker(
			`'version --format {{json .}}') echo '{"Client":{"Version":"28.0.0"}}'; echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1;;`,
		);
		try {
			const result = await runCommandFn(runCheckCommand, ['labs/fixture', '--yes', '--set', 'name=ada'], {
				cwd: path.dirname(path.dirname(fixture.labDir)),
				env: { ...fixture.env, PATH: fake.env.PATH },
			});
			expect(result.stderr).toContain(
				'note: The docker command works, but the Docker engine is not running. Steps that use Docker fail until it does.',
			);
		} finally {
			fake.remove();
		}
	});
});
