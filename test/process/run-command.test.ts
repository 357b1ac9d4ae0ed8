import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runArgv, runCommand, streamLines } from '../../src/process/run-command.js';
import { isRunning, killQuietly, waitForFile } from '../support/process-helpers.js';

const node = process.execPath;
const workDir = mkdtempSync(join(tmpdir(), 'registry-lab-run-command-'));
const leftovers: number[] = [];

afterEach(() => {
	for (const pid of leftovers.splice(0)) killQuietly(pid);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * A child that starts a grandchild (a second node). The grandchild writes both pids to the file
 * once it is ready: with "stubborn" it ignores SIGTERM first. With "exit" the child exits at once
 * and leaves the grandchild running; "quiet" gives the grandchild no stdout (so it holds no pipe).
 */
const treeScript = `
const { spawn } = require('node:child_process');
const [pidFile, mode] = process.argv.slice(1);
const grandchild = \`
	\${mode.includes('stubborn') ? "process.on('SIGTERM', () => {});" : ''}
	require('node:fs').writeFileSync(process.argv[1], JSON.stringify({ child: process.ppid, grandchild: process.pid }) + '\\\\n');
	setInterval(() => {}, 1000);
\`;
const g = spawn(process.execPath, ['-e', grandchild, pidFile], { stdio: mode.includes('quiet') ? 'ignore' : 'inherit' });
console.log('started');
if (mode.includes('exit')) {
	const fs = require('node:fs');
	const wait = setInterval(() => { if (fs.existsSync(pidFile)) { clearInterval(wait); process.exit(0); } }, 10);
} else setInterval(() => {}, 1000);
`;

function treeArgv(mode: string) {
	const pidFile = join(workDir, `pids-${randomUUID()}.json`);
	return { argv: [node, '-e', treeScript, pidFile, mode], pidFile };
}

async function pidsFrom(pidFile: string): Promise<{ child: number; grandchild: number }> {
	const pids = JSON.parse(await waitForFile(pidFile)) as { child: number; grandchild: number };
	leftovers.push(pids.child, pids.grandchild);
	return pids;
}

describe('runCommand and runArgv: outcomes', () => {
	it('passes with exit code 0 and captures stdout and stderr', async () => {
		const result = await runArgv([node, '-e', 'console.log("out"); console.error("err")'], { env: process.env });
		expect(result).toMatchObject({ status: 'passed', exitCode: 0, stdout: 'out\n', stderr: 'err\n', message: '', truncated: false });
		expect(result.outputTail.split('\n').sort()).toEqual(['err', 'out']);
	});

	it('fails with the exit code and says so', async () => {
		const result = await runCommand(`'${node}' -e 'process.exit(3)'`, { env: process.env });
		expect(result.status).toBe('failed');
		expect(result.exitCode).toBe(3);
		expect(result.message).toBe(`\`'${node}' -e 'process.exit(3)'\` exited with code 3`);
	});

	it('reports a process killed by a signal as failed, with the signal', async () => {
		const result = await runArgv([node, '-e', 'process.kill(process.pid, "SIGKILL")'], { env: process.env });
		expect(result).toMatchObject({ status: 'failed', signal: 'SIGKILL' });
		expect(result.exitCode).toBeUndefined();
		expect(result.message).toContain('was stopped by signal SIGKILL');
	});

	it('gives a learner-facing message when the program is not installed', async () => {
		const result = await runCommand('registry-lab-no-such-program image ls', { env: process.env });
		expect(result.status).toBe('spawn-error');
		expect(result.message).toBe('registry-lab-no-such-program is not installed or not on your PATH');
	});

	it('gives the same message when a program inside a shell command is missing', async () => {
		const result = await runCommand('registry-lab-no-such-program image ls && echo done', { env: process.env, shell: true });
		expect(result.status).toBe('spawn-error');
		expect(result.message).toBe('registry-lab-no-such-program is not installed or not on your PATH');
	});

	it('refuses shell operators without shell mode instead of running anything', async () => {
		const result = await runCommand('echo hi | cat', { env: process.env });
		expect(result.status).toBe('spawn-error');
		expect(result.message).toBe('The command `echo hi | cat` uses `|`, which needs `shell: true`.');
	});

	it('runs pipes and redirects in shell mode', async () => {
		const result = await runCommand('echo one two | wc -w', { env: process.env, shell: true });
		expect(result.status).toBe('passed');
		expect(result.stdout.trim()).toBe('2');
	});

	it('runs in the given folder, and explains a folder that does not exist', async () => {
		const here = await runArgv([node, '-e', 'console.log(process.cwd())'], { env: process.env, cwd: workDir });
		expect(here.stdout.trim()).toBe(workDir);
		const missing = await runArgv([node, '-e', '1'], { env: process.env, cwd: join(workDir, 'nope') });
		expect(missing.status).toBe('spawn-error');
		expect(missing.message).toContain(`the folder ${join(workDir, 'nope')} does not exist`);
	});

	it('uses exactly the environment it is given', async () => {
		const result = await runArgv([node, '-e', 'console.log(JSON.stringify([process.env.ONLY, process.env.HOME]))'], {
			env: { ONLY: 'this', HOME: undefined },
		});
		expect(JSON.parse(result.stdout)).toEqual(['this', null]);
	});

	it('keeps the last 20 lines of both streams as the output tail', async () => {
		const result = await runArgv([node, '-e', 'for (let i = 1; i <= 30; i++) console.log("line " + i)'], { env: process.env });
		const tail = result.outputTail.split('\n');
		expect(tail).toHaveLength(20);
		expect(tail[0]).toBe('line 11');
		expect(tail.at(-1)).toBe('line 30');
	});

	it('cuts output beyond the cap, marks it truncated, and still judges the exit code', async () => {
		const cap = 64 * 1024;
		const result = await runArgv([node, '-e', 'process.stdout.write("x".repeat(5 * 1024 * 1024))'], {
			env: process.env,
			maxOutputBytes: cap,
		});
		expect(result.status).toBe('passed');
		expect(result.truncated).toBe(true);
		expect(result.stdout.length).toBeLessThanOrEqual(cap);
		expect(result.stdout.length).toBeGreaterThan(0);
	});

	it('caps output at about 1 MB by default', async () => {
		const result = await runArgv([node, '-e', 'process.stdout.write("y".repeat(5 * 1024 * 1024))'], { env: process.env });
		expect(result.truncated).toBe(true);
		expect(result.stdout.length).toBe(1024 * 1024);
	});

	it('does not start at all when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const marker = join(workDir, `started-${randomUUID()}`);
		const result = await runArgv([node, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`], {
			env: process.env,
			signal: controller.signal,
		});
		expect(result.status).toBe('canceled');
		expect(existsSync(marker)).toBe(false);
	});
});

describe('runCommand and runArgv: stopping the whole process tree', () => {
	it('on timeout, stops the command and the grandchild it started', async () => {
		const { argv, pidFile } = treeArgv('hang');
		const running = runArgv(argv, { env: process.env, timeoutMs: 4000, graceMs: 500 });
		const pids = await pidsFrom(pidFile);
		expect(isRunning(pids.grandchild)).toBe(true);
		const result = await running;
		expect(result.status).toBe('timed-out');
		expect(result.message).toMatch(/did not finish within 4 s and was stopped$/);
		expect(result.stdout).toBe('started\n');
		expect(isRunning(pids.child)).toBe(false);
		expect(isRunning(pids.grandchild)).toBe(false);
	});

	it('on timeout, kills a grandchild that ignores SIGTERM once the grace period is over', async () => {
		const { argv, pidFile } = treeArgv('hang stubborn');
		const running = runArgv(argv, { env: process.env, timeoutMs: 4000, graceMs: 300 });
		const pids = await pidsFrom(pidFile);
		const result = await running;
		expect(result.status).toBe('timed-out');
		expect(isRunning(pids.grandchild)).toBe(false);
	});

	it('on abort, stops the command and its grandchild and reports canceled', async () => {
		const { argv, pidFile } = treeArgv('hang');
		const controller = new AbortController();
		const running = runArgv(argv, { env: process.env, signal: controller.signal, timeoutMs: 60_000 });
		const pids = await pidsFrom(pidFile);
		controller.abort();
		const result = await running;
		expect(result.status).toBe('canceled');
		expect(result.message).toMatch(/was canceled$/);
		expect(isRunning(pids.child)).toBe(false);
		expect(isRunning(pids.grandchild)).toBe(false);
	});

	it('on abort, also stops a shell command and the program the shell started', async () => {
		const pidFile = join(workDir, `pids-${randomUUID()}.json`);
		const controller = new AbortController();
		const running = runCommand(`sleep 300 & echo "$!" > '${pidFile}.tmp' && mv '${pidFile}.tmp' '${pidFile}' && wait`, {
			env: process.env,
			shell: true,
			signal: controller.signal,
			timeoutMs: 60_000,
		});
		const sleepPid = Number((await waitForFile(pidFile)).trim());
		expect(isRunning(sleepPid)).toBe(true);
		leftovers.push(sleepPid);
		controller.abort();
		expect((await running).status).toBe('canceled');
		expect(isRunning(sleepPid)).toBe(false);
	});

	it('ends a grandchild that is still running when the command itself has exited', async () => {
		const { argv, pidFile } = treeArgv('exit');
		const running = runArgv(argv, { env: process.env, timeoutMs: 60_000, graceMs: 500 });
		const pids = await pidsFrom(pidFile);
		const result = await running;
		expect(result.status).toBe('passed');
		expect(result.exitCode).toBe(0);
		expect(isRunning(pids.grandchild)).toBe(false);
	});

	it('ends a leftover grandchild that holds no pipe, too', async () => {
		const { argv, pidFile } = treeArgv('exit quiet');
		const running = runArgv(argv, { env: process.env, timeoutMs: 60_000, graceMs: 500 });
		const pids = await pidsFrom(pidFile);
		const result = await running;
		expect(result.status).toBe('passed');
		expect(isRunning(pids.grandchild)).toBe(false);
	});
});

describe('runCommand: variables never become shell syntax', () => {
	const printArgs = `'${node}' -e 'console.log(JSON.stringify(process.argv.slice(1)))'`;
	const id = randomUUID();
	const targets = [1, 2, 3, 4, 5].map((n) => join(tmpdir(), `pwned${n}-${id}`));
	const hostile = [
		`x; touch ${targets[0]}`,
		`$(touch ${targets[1]})`,
		`\`touch ${targets[2]}\``,
		`"; touch ${targets[3]}; echo "`,
		`'; touch ${targets[4]}; echo '`,
	];
	afterAll(() => {
		for (const target of targets) rmSync(target, { force: true });
	});

	it.each(hostile)('passes %j as one literal argument without a shell, and runs nothing', async (value) => {
		const result = await runCommand(`${printArgs} {{value}} "pre {{value}}"`, { env: process.env, vars: { value } });
		expect(result.status).toBe('passed');
		expect(JSON.parse(result.stdout)).toEqual([value, `pre ${value}`]);
		for (const target of targets) expect(existsSync(target)).toBe(false);
	});

	it.each(hostile)('passes %j as one literal argument in shell mode, in every quote context, and runs nothing', async (value) => {
		const result = await runCommand(`${printArgs} {{value}} "pre {{value}}" 'single {{value}}' "$value" | cat`, {
			env: process.env,
			vars: { value },
			shell: true,
		});
		expect(result.status).toBe('passed');
		expect(JSON.parse(result.stdout)).toEqual([value, `pre ${value}`, `single ${value}`, value]);
		for (const target of targets) expect(existsSync(target)).toBe(false);
	});

	it('shows the command with the values filled in', async () => {
		const result = await runCommand(`${printArgs} {{value}}`, { env: process.env, vars: { value: 'learner1' } });
		expect(result.command).toBe(`${printArgs} learner1`);
	});
});

describe('streamLines', () => {
	it('hands over each line as it comes, and stop() ends the program and its grandchild', async () => {
		const pidFile = join(workDir, `pids-${randomUUID()}.json`);
		const script = `
			const { spawn } = require('node:child_process');
			const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
			require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, JSON.stringify({ child: process.pid, grandchild: g.pid }) + '\\n');
			let n = 0;
			setInterval(() => console.log(JSON.stringify({ n: ++n })), 10);
		`;
		const lines: string[] = [];
		let gotThree: () => void = () => {};
		const three = new Promise<void>((resolve) => {
			gotThree = resolve;
		});
		const stream = streamLines([node, '-e', script], {
			env: process.env,
			onLine: (line) => {
				lines.push(line);
				if (lines.length === 3) gotThree();
			},
		});
		const pids = await pidsFrom(pidFile);
		await three;
		stream.stop();
		const result = await stream.done;
		expect(result.status).toBe('canceled');
		expect(lines.slice(0, 3)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
		expect(isRunning(pids.child)).toBe(false);
		expect(isRunning(pids.grandchild)).toBe(false);
	});

	it('ends when its signal aborts', async () => {
		const controller = new AbortController();
		const stream = streamLines([node, '-e', 'console.log("ready"); setInterval(() => {}, 1000)'], {
			env: process.env,
			signal: controller.signal,
			onLine: () => controller.abort(),
		});
		expect((await stream.done).status).toBe('canceled');
	});

	it('delivers the last line even without a final newline, and reports how the program ended', async () => {
		const lines: string[] = [];
		const stream = streamLines([node, '-e', 'process.stdout.write("a\\r\\nb\\nlast"); process.exitCode = 1'], {
			env: process.env,
			onLine: (line) => lines.push(line),
		});
		const result = await stream.done;
		expect(lines).toEqual(['a', 'b', 'last']);
		expect(result).toMatchObject({ status: 'failed', exitCode: 1 });
	});

	it('reports a missing program as a spawn error', async () => {
		const stream = streamLines(['registry-lab-no-such-program', 'events'], { env: process.env, onLine: () => {} });
		expect((await stream.done).message).toBe('registry-lab-no-such-program is not installed or not on your PATH');
	});
});
