import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSubject, createSharedCheckRunner, runCheck, runChecks } from '../../src/checks/run-check.js';
import { readFileSync, writeFileSync } from 'node:fs';
import type { CheckContext } from '../../src/checks/types.js';
import type { Check } from '../../src/lab/schema.js';

const node = `'${process.execPath}'`;
const workDir = mkdtempSync(join(tmpdir(), 'registry-lab-run-check-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const ctx = (overrides: Partial<CheckContext> = {}): CheckContext => ({
	vars: { dockerId: 'learner1' },
	variableDefs: {
		dockerId: { ask: 'Your Docker ID', pattern: '[a-z0-9]+', patternHelp: 'lowercase letters and digits, like learner1' },
		hub: { default: 'docker.io' },
	},
	cwd: workDir,
	env: process.env,
	...overrides,
});

async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

describe('runCheck: run', () => {
	it('passes when the command meets its expectations', async () => {
		const result = await runCheck(
			{ run: `${node} -e 'console.log("{{dockerId}}/curl 21.06")'`, expect: { stdout: { contains: '{{dockerId}}/curl' } } },
			ctx(),
		);
		expect(result).toMatchObject({ status: 'passed', message: '', detail: '', exitCode: 0 });
		expect(result.subject).toBe(`${node} -e 'console.log("learner1/curl 21.06")'`);
	});

	it('shows the lab’s fail text, filled in, and keeps what differed in detail', async () => {
		const result = await runCheck({ run: `${node} -e 'process.exit(1)'`, fail: 'There is no image {{dockerId}}/curl:21.06 yet.' }, ctx());
		expect(result).toMatchObject({
			status: 'failed',
			message: 'There is no image learner1/curl:21.06 yet.',
			detail: 'expected exit code 0, got 1',
			exitCode: 1,
		});
	});

	it('explains the failure itself when the lab gives no fail text', async () => {
		const result = await runCheck({ run: `${node} -e 'console.log("21.06")'`, expect: { stdout: { contains: '21.07' } } }, ctx());
		expect(result.status).toBe('failed');
		expect(result.detail).toBe('expected stdout to contain "21.07", got: "21.06"');
		expect(result.message).toContain(result.detail);
		expect(result.outputTail).toBe('21.06');
	});

	it('keeps its own message for a missing program, whatever the fail text says', async () => {
		const result = await runCheck({ run: 'registry-lab-no-such-program image inspect x', fail: 'Build the image first.' }, ctx());
		expect(result).toMatchObject({ status: 'spawn-error', message: 'registry-lab-no-such-program is not installed or not on your PATH' });
	});

	it('stops a command at the check’s timeout (in seconds) and says so', async () => {
		const result = await runCheck({ run: `${node} -e 'setInterval(() => {}, 1000)'`, timeout: 0.3, fail: 'not shown' }, ctx());
		expect(result.status).toBe('timed-out');
		expect(result.message).toMatch(/did not finish within 300 ms and was stopped$/);
	});

	it('uses the context’s default timeout when the check sets none', async () => {
		const result = await runCheck({ run: `${node} -e 'setInterval(() => {}, 1000)'` }, ctx({ defaultTimeoutSeconds: 0.3 }));
		expect(result.status).toBe('timed-out');
	});

	it('runs in the context’s folder', async () => {
		const result = await runCheck({ run: `${node} -e 'console.log(process.cwd())'`, expect: { stdout: { contains: workDir } } }, ctx());
		expect(result.status).toBe('passed');
	});

	it('runs a shell check with variables in its environment', async () => {
		const result = await runCheck(
			{ run: 'echo "$dockerId" | tr a-z A-Z', shell: true, expect: { stdout: { matches: '^LEARNER1$' } } },
			ctx(),
		);
		expect(result.status).toBe('passed');
	});

	it('refuses a pipe without shell mode', async () => {
		const result = await runCheck({ run: 'echo hi | cat' }, ctx());
		expect(result).toMatchObject({ status: 'spawn-error', message: 'The command `echo hi | cat` uses `|`, which needs `shell: true`.' });
	});

	it('is canceled without running when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const marker = join(workDir, randomUUID());
		const result = await runCheck({ run: `touch '${marker}'` }, ctx({ signal: controller.signal }));
		expect(result.status).toBe('canceled');
		expect(existsSync(marker)).toBe(false);
	});
});

describe('runCheck: variable', () => {
	it('passes when the variable has a value matching its pattern', async () => {
		expect((await runCheck({ variable: 'dockerId' }, ctx())).status).toBe('passed');
	});

	it('fails when the variable has no value', async () => {
		const result = await runCheck({ variable: 'dockerId' }, ctx({ vars: { dockerId: '' } }));
		expect(result).toMatchObject({
			status: 'failed',
			message: 'dockerId has no value yet',
			detail: 'expected dockerId to have a value, got nothing',
		});
	});

	it('fails with the pattern help when the whole value does not match', async () => {
		const result = await runCheck({ variable: 'dockerId' }, ctx({ vars: { dockerId: 'Learner1@mail' } }));
		expect(result).toMatchObject({
			status: 'failed',
			message: '"Learner1@mail" is not a valid value for dockerId: lowercase letters and digits, like learner1',
			detail: 'expected dockerId to match /[a-z0-9]+/, got "Learner1@mail"',
		});
	});

	it('passes any non-empty value when the variable has no pattern', async () => {
		expect((await runCheck({ variable: 'hub' }, ctx({ vars: { hub: 'localhost:5000' } }))).status).toBe('passed');
	});

	it('shows the lab’s fail text', async () => {
		const result = await runCheck({ variable: 'dockerId', fail: 'Set your Docker ID first.' }, ctx({ vars: {} }));
		expect(result).toMatchObject({
			status: 'failed',
			message: 'Set your Docker ID first.',
			detail: 'expected dockerId to have a value, got nothing',
		});
	});
});

describe('runCheck: http, tags and pushed', () => {
	it('shows the fail text for a refused connection, with the plain reason in detail', async () => {
		const url = `http://127.0.0.1:${await closedPort()}/v2/`;
		const result = await runCheck({ http: url, fail: 'The registry is not running yet.' }, ctx());
		expect(result).toMatchObject({
			status: 'failed',
			message: 'The registry is not running yet.',
			detail: `nothing answered at ${url} (connection refused)`,
			subject: `GET ${url}`,
		});
	});

	it('hands tags checks to the registry checks', async () => {
		const repository = `127.0.0.1:${await closedPort()}/alpine`;
		const result = await runCheck({ tags: repository, include: ['latest'] }, ctx());
		expect(result.status).not.toBe('passed');
		expect(result.subject).toBe(`tags of ${repository}`);
	});
});

describe('runChecks', () => {
	it('runs checks in order and stops at the first that does not pass', async () => {
		const marker = join(workDir, randomUUID());
		const checks: Check[] = [
			{ run: `${node} -e '0'` },
			{ run: `${node} -e 'process.exit(2)'`, fail: 'second failed' },
			{ run: `touch '${marker}'` },
		];
		const outcome = await runChecks(checks, ctx());
		expect(outcome.status).toBe('failed');
		expect(outcome.results.map((result) => result.status)).toEqual(['passed', 'failed']);
		expect(outcome.results[1]?.message).toBe('second failed');
		expect(existsSync(marker)).toBe(false);
	});

	it('passes when every check passes, and when there are none', async () => {
		const outcome = await runChecks([{ run: `${node} -e '0'` }, { variable: 'dockerId' }], ctx());
		expect(outcome).toMatchObject({ status: 'passed' });
		expect(outcome.results).toHaveLength(2);
		expect(await runChecks([], ctx())).toEqual({ status: 'passed', results: [] });
	});
});

describe('createSharedCheckRunner', () => {
	it('runs a check several steps share once, and gives each step its own failure words', async () => {
		// The command counts its runs in a file and fails, so both the count and the words show.
		const counter = join(workDir, `${randomUUID()}.count`);
		writeFileSync(counter, '');
		const command = `${node} -e 'require("fs").appendFileSync(process.argv[1], "x"); process.exit(1)' '${counter}'`;
		const run = createSharedCheckRunner();
		const [first, second, generic] = await Promise.all([
			runChecks([{ run: command, fail: 'First step: {{dockerId}} not yet.' }], ctx(), run),
			runChecks([{ run: command, fail: 'Second step words.' }], ctx(), run),
			runChecks([{ run: command }], ctx(), run),
		]);
		expect(readFileSync(counter, 'utf8')).toBe('x');
		expect(first.results[0]).toMatchObject({
			status: 'failed',
			message: 'First step: learner1 not yet.',
			detail: 'expected exit code 0, got 1',
		});
		expect(second.results[0]?.message).toBe('Second step words.');
		expect(generic.results[0]?.message).toContain('expected exit code 0, got 1');
		// A check that differs in what it expects is another check, and runs on its own.
		await runChecks([{ run: command, expect: { exitCode: 1 } }], ctx(), run);
		expect(readFileSync(counter, 'utf8')).toBe('xx');
	});
});

describe('checkSubject', () => {
	it.each<[Check, string]>([
		[{ run: 'docker image inspect {{dockerId}}/curl' }, 'docker image inspect learner1/curl'],
		[{ http: 'http://localhost:{{port}}/v2/', method: 'HEAD' }, 'HEAD http://localhost:5000/v2/'],
		[{ tags: 'localhost:{{port}}/alpine', include: ['local'] }, 'tags of localhost:5000/alpine'],
		[{ pushed: '{{dockerId}}/curl:21.06' }, 'learner1/curl:21.06 pushed'],
		[{ variable: 'dockerId' }, 'variable dockerId'],
	])('describes %j as %j', (check, subject) => {
		expect(checkSubject(check, { dockerId: 'learner1', port: '5000' })).toBe(subject);
	});
});
