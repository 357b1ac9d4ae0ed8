// Ctrl+C while `registry-lab check` runs a check that started processes of its own: the CLI ends,
// and nothing of the check's process group is left running. Found by process group and by a marker
// in the command line, read from /proc, so a leftover cannot hide behind a pid reused or reparented.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt } from './built-cli.js';
import { eventually } from '../support/eventually.js';

const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-interrupt-'));
const marker = `registry-lab-interrupt-${randomUUID()}`;
const leftovers: number[] = [];
afterAll(() => {
	for (const pid of leftovers) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// already gone, as it should be
		}
	}
	rmSync(root, { recursive: true, force: true });
});

interface ProcessInfo {
	pid: number;
	pgid: number;
	state: string;
	cmdline: string;
}

/** Every live (not zombie) process, with its group and command line. Linux /proc. */
function processes(): ProcessInfo[] {
	const found: ProcessInfo[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const state = fields[0] ?? '';
			if (state === 'Z' || state === 'X') continue;
			found.push({
				pid: Number(entry),
				pgid: Number(fields[2]),
				state,
				cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(),
			});
		} catch {
			// ended while we looked
		}
	}
	return found;
}

function until<T>(what: string, probe: () => T | undefined, withinMs = 30_000): Promise<T> {
	return eventually(probe, { what, timeoutMs: withinMs, intervalMs: 50 });
}

describe.runIf(process.platform === 'linux')('Ctrl+C during registry-lab check', () => {
	it('ends the CLI with exit code 130 and leaves no process of the check’s group running', async () => {
		ensureBuilt();
		const labDir = path.join(root, 'labs', 'hang');
		mkdirSync(labDir, { recursive: true });
		// The shell starts a background sleep and a foreground one, then would wait; the marker is in its command line.
		writeFileSync(
			path.join(labDir, 'lab.yaml'),
			`version: 1
id: hang
title: A check that hangs
steps:
  - id: hang
    title: Wait
    prompt: Nothing to do.
    hints: [None.]
    solution: ['true']
    check:
      - run: sh -c 'sleep 300 & sleep 301; echo ${marker}'
        timeout: 600
`,
		);
		const cli = spawn(process.execPath, [cliPath, 'check', 'labs/hang', '--yes'], {
			cwd: root,
			env: {
				...process.env,
				REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'),
				REGISTRY_LAB_STATE_DIR: path.join(root, 'state'),
				NO_COLOR: '1',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));

		// Given the check's shell and both sleeps running in the shell's own process group
		const shell = await until('the check’s shell', () => processes().find((info) => info.cmdline.includes(marker)));
		leftovers.push(shell.pid);
		const group = await until('both sleeps', () => {
			const members = processes().filter((info) => info.pgid === shell.pgid);
			return members.length >= 3 ? members : undefined;
		});
		leftovers.push(...group.map((member) => member.pid));
		expect(shell.pgid).not.toBe(cli.pid);
		expect(group.map((member) => member.cmdline).sort()).toEqual([`sh -c sleep 300 & sleep 301; echo ${marker}`, 'sleep 300', 'sleep 301']);

		// When Ctrl+C reaches the CLI
		cli.kill('SIGINT');
		const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000))]);

		// Then it exits, and no process of that group, and none with the marker, is left
		expect(code, output).toBe(130);
		const left = await until(
			'the group to be gone',
			() => {
				const members = processes().filter((info) => info.pgid === shell.pgid || info.cmdline.includes(marker));
				return members.length === 0 ? members : undefined;
			},
			10_000,
		).catch(() => processes().filter((info) => info.pgid === shell.pgid || info.cmdline.includes(marker)));
		expect(left).toEqual([]);
	});
});
