// The Docker daemon stops in the middle of a lab and comes back: the TUI says so, keeps running, and
// recovers (a step done after the restart ticks off). The daemon stopped is a second dockerd of this
// test's own (support/second-dockerd.ts), reached through DOCKER_HOST: the engine every other test
// and the developer use is never touched. Runs with REGISTRY_LAB_DAEMON_FAULTS=1 or CI=true, as root
// with /usr/sbin/dockerd; it skips with the reason anywhere else. It needs no place in the order:
// nothing it does reaches the shared engine, and nothing another file does reaches its daemon.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quote } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, ensureBuilt } from '../commands/built-cli.js';
import { createSecondDaemon, secondDaemonUnavailable, type SecondDaemon } from './support/second-dockerd.js';
import { killTmuxServer } from './support/tmux.js';
import { eventually } from '../support/eventually.js';

const isWanted = process.env.REGISTRY_LAB_DAEMON_FAULTS === '1' || process.env.CI === 'true';
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const unavailable = !isWanted
	? 'set REGISTRY_LAB_DAEMON_FAULTS=1 to run it (CI=true runs it too)'
	: (secondDaemonUnavailable() ?? (hasTmux ? undefined : 'tmux is not installed'));
if (unavailable) console.warn(`Skipping the Docker daemon fault test: ${unavailable}`);

const faultLab = `version: 1
id: fault
title: Docker goes away and comes back
requires: [docker]
steps:
  - id: probe
    title: Make the probe image
    prompt: Import an empty image named reglab-fault-probe:1.
    hints: [Use docker import.]
    solution: ['docker import empty.tar reglab-fault-probe:1']
    check:
      - run: docker image inspect reglab-fault-probe:1
        fail: There is no reglab-fault-probe:1 yet.
`;

/** A tmux server on a private socket, one session, its screen read back as text. */
function terminal(socket: string) {
	const tmux = (...args: string[]): string => {
		const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 30_000 });
		if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
		return result.stdout;
	};
	const screen = () => tmux('capture-pane', '-p', '-t', 'lab');
	return {
		start(command: string) {
			tmux('new-session', '-d', '-s', 'lab', '-x', '120', '-y', '30', command);
			tmux('set-option', '-t', 'lab', 'remain-on-exit', 'on');
		},
		screen,
		keys: (...keys: string[]) => void tmux('send-keys', '-t', 'lab', ...keys),
		isRunning: () => tmux('display-message', '-p', '-t', 'lab', '#{pane_dead}').trim() === '0',
		/** Polls the screen until it matches; the bound is a guard, not an expectation. */
		waitFor(pattern: RegExp, what: string, withinMs = 90_000, eachSecond?: () => void): Promise<string> {
			let round = 0;
			const matching = (): string | undefined => {
				const shown = screen();
				if (pattern.test(shown)) return shown;
				if (round++ % 4 === 0) eachSecond?.();
				return undefined;
			};
			return eventually(matching, { what, timeoutMs: withinMs, intervalMs: 250, lastSeen: screen });
		},
		kill: () => killTmuxServer(socket),
	};
}

describe.skipIf(unavailable !== undefined)('the Docker daemon stops mid-lab and starts again', () => {
	let root: string;
	let daemon: SecondDaemon | undefined;
	const screen = terminal(`registry-lab-faults-${process.pid}`);

	beforeAll(async () => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-daemon-fault-'));
		daemon = createSecondDaemon(path.join(root, 'daemon'));
		mkdirSync(path.join(root, 'labs', 'fault'), { recursive: true });
		writeFileSync(path.join(root, 'labs', 'fault', 'lab.yaml'), faultLab);
		await daemon.start();
		const env = {
			DOCKER_HOST: daemon.host,
			REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'),
			REGISTRY_LAB_STATE_DIR: path.join(root, 'state'),
			NO_COLOR: '1',
		};
		const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
		screen.start(`cd ${quote([root])} && exec env ${quote([...assignments, process.execPath, cliPath, 'labs/fault', '--yes'])}`);
	});

	afterAll(async () => {
		screen.kill();
		// Whatever happened above, the test's daemon ends and its folders go.
		await daemon?.remove();
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('shows Docker up, then down while the daemon is stopped, keeps running, and ticks a step off once it is back', async () => {
		if (!daemon) throw new Error('the test’s dockerd was not created');
		await screen.waitFor(/Press Enter to start/, 'the welcome screen');
		// The first frame may come before the app listens for keys: press Enter until the lab starts.
		await screen.waitFor(/Step 1 of 1/, 'the first step', 90_000, () => screen.keys('Enter'));
		await screen.waitFor(/Docker ● up/, 'Docker shown up');
		await screen.waitFor(/There is no reglab-fault-probe:1 yet/, 'the step checked and not done');

		await daemon.stop();
		const down = await screen.waitFor(/Docker ○ down/, 'Docker shown down');
		expect(down).toContain('0/1 done');
		expect(screen.isRunning()).toBe(true);

		await daemon.start();
		await screen.waitFor(/Docker ● up/, 'Docker shown up again');
		const imported = spawnSync('docker', ['import', '-', 'reglab-fault-probe:1'], { env: daemon.env, input: emptyTar(), timeout: 60_000 });
		expect(imported.status).toBe(0);
		await screen.waitFor(/1\/1 done/, 'the step ticked off after the restart');
		expect(screen.isRunning()).toBe(true);
	});
});

/** An empty tar archive: two 512-byte zero blocks. `docker import` makes an empty image of it. */
function emptyTar(): Buffer {
	return Buffer.alloc(1024);
}
