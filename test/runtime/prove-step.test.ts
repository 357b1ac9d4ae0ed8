// One step's proof, as `registry-lab dev` runs it on a key: the phases of `test`, reported as each
// starts, on real commands in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/checks/types.js';
import type { Step } from '../../src/lab/schema.js';
import { proveStep, type TestPhase } from '../../src/runtime/test-lab.js';

const makeFile: Step = {
	id: 'make-file',
	title: 'Make a file',
	prompt: 'Make made.txt.',
	setup: ['rm -f made.txt'],
	solution: ['touch made.txt'],
	check: [{ run: 'test -f made.txt', fail: 'There is no made.txt yet.' }],
};

let folder: string | undefined;
afterEach(() => {
	if (folder) rmSync(folder, { recursive: true, force: true });
	folder = undefined;
});

function context(): CheckContext {
	folder = mkdtempSync(path.join(tmpdir(), 'registry-lab-prove-step-'));
	return { vars: {}, cwd: folder, env: { PATH: process.env.PATH } };
}

async function prove(step: Step) {
	const phases: TestPhase[] = [];
	const proof = await proveStep(step, context(), { settleMs: 2_000, retryIntervalMs: 20, onPhase: (phase) => phases.push(phase) });
	return { proof, phases };
}

describe('proveStep', () => {
	it('given a good step, reports setup, checks before, solution and checks after as each starts, and passes', async () => {
		const { proof, phases } = await prove(makeFile);
		expect(phases).toEqual(['setup', 'before-solution', 'solution', 'after-solution']);
		expect(proof).toMatchObject({ status: 'passed', message: 'Its checks fail before the solution and pass after it.' });
	});

	it('given wrong states that its checks reject, reports them as a phase between the checks before and the solution', async () => {
		const { proof, phases } = await prove({ ...makeFile, wrong: [{ name: 'another file', run: ['touch other.txt'] }] });
		expect(phases).toEqual(['setup', 'before-solution', 'wrong-state', 'solution', 'after-solution']);
		expect(proof.status).toBe('passed');
	});

	it('given a wrong state its checks let through, fails in that phase', async () => {
		const { proof } = await prove({ ...makeFile, wrong: [{ name: 'the file itself', run: ['touch made.txt'] }] });
		expect(proof).toMatchObject({ status: 'failed', phase: 'wrong-state' });
	});

	it('given a solution that does not do the step, fails in the phase after the solution and stops there', async () => {
		const { proof, phases } = await prove({ ...makeFile, solution: ['touch other.txt'] });
		expect(phases.at(-1)).toBe('after-solution');
		expect(proof).toMatchObject({ status: 'failed', phase: 'after-solution' });
		expect(proof.message).toContain('There is no made.txt yet.');
	});

	it('given checks that pass before the solution, fails before the solution runs', async () => {
		const { proof, phases } = await prove({ ...makeFile, setup: ['touch made.txt'] });
		expect(phases).toEqual(['setup', 'before-solution']);
		expect(proof).toMatchObject({ status: 'failed', phase: 'before-solution' });
	});

	it('given a step without checks, has nothing to prove and runs nothing', async () => {
		const { proof, phases } = await prove({ ...makeFile, check: [] });
		expect(phases).toEqual([]);
		expect(proof.status).toBe('skipped');
	});
});
