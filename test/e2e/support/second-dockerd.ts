// A second Docker daemon of the test's own, so a test can stop and start "Docker" without touching
// the engine everything else on the machine uses. It gets its own socket, data and exec folders and
// pid file, and runs in new network and mount namespaces (`unshare --net --mount`): dockerd with
// `--bridge none` deletes the host's docker0 bridge when it starts, and in its own network namespace
// that deletion (and anything else it does to networking) stays there. Nothing runs in it but
// images: it needs no network. Linux and root only.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isRunning } from '../../support/process-helpers.js';
import { eventually } from '../../support/eventually.js';

export const dockerdPath = '/usr/sbin/dockerd';

export interface SecondDaemon {
	/** `unix:///…/docker.sock`, for DOCKER_HOST. */
	host: string;
	/** DOCKER_HOST pointing at this daemon, over this process's environment. */
	env: NodeJS.ProcessEnv;
	/** Starts dockerd and waits (bounded) until `docker info` answers. */
	start(): Promise<void>;
	/** SIGTERM, as `systemctl stop docker` does, then waits (bounded) until the process is gone. */
	stop(): Promise<void>;
	/** Whether its process runs. */
	isRunning(): boolean;
	/** Stops it (SIGKILL if SIGTERM is not enough) and removes its folders. Safe to call twice. */
	remove(): Promise<void>;
}

/** Why a second daemon cannot run here, or undefined when it can. */
export function secondDaemonUnavailable(): string | undefined {
	if (process.platform !== 'linux') return 'it needs Linux';
	if (process.getuid?.() !== 0) return 'it needs root (dockerd runs as root)';
	if (!existsSync(dockerdPath)) return `${dockerdPath} is not installed`;
	if (spawnSync('unshare', ['--version'], { stdio: 'ignore' }).status !== 0) return 'unshare (util-linux) is not installed';
	return undefined;
}

/** A pid not yet known counts as not running. */
const runsNow = (pid: number | undefined): boolean => pid !== undefined && isRunning(pid);

/** SIGKILLs every process whose command line names `root` (a containerd left by a killed dockerd). */
function killProcessesUsing(root: string): void {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(root)) process.kill(Number(entry), 'SIGKILL');
		} catch {
			// gone, or not ours to read
		}
	}
}

export function createSecondDaemon(root: string): SecondDaemon {
	const socket = path.join(root, 'docker.sock');
	const pidFile = path.join(root, 'dockerd.pid');
	const log = path.join(root, 'dockerd.log');
	const host = `unix://${socket}`;
	const env = { ...process.env, DOCKER_HOST: host };
	let pid: number | undefined;

	const answers = () =>
		spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { env, stdio: 'ignore', timeout: 10_000 }).status === 0;
	const daemonPid = (): number | undefined => {
		try {
			const value = Number(readFileSync(pidFile, 'utf8').trim());
			return Number.isInteger(value) && value > 0 ? value : undefined;
		} catch {
			return undefined;
		}
	};

	const waitUntilGone = (withinMs: number): Promise<boolean> =>
		eventually(() => !runsNow(pid), { what: "the test's dockerd to exit", timeoutMs: withinMs, intervalMs: 100 }).catch(
			() => !runsNow(pid),
		);

	return {
		host,
		env,
		async start() {
			mkdirSync(root, { recursive: true });
			const args = [
				'--net',
				'--mount',
				dockerdPath,
				`--host=${host}`,
				`--data-root=${path.join(root, 'data')}`,
				`--exec-root=${path.join(root, 'exec')}`,
				`--pidfile=${pidFile}`,
				'--bridge=none',
				'--iptables=false',
				'--ip6tables=false',
				`--log-level=warn`,
			];
			const out = openSync(log, 'a');
			const child = spawn('unshare', args, { stdio: ['ignore', out, out], detached: true });
			closeSync(out);
			child.unref();
			// unshare execs dockerd: the child's pid is the daemon's.
			pid = child.pid;
			const tail = (): string => readFileSync(log, 'utf8').slice(-3000);
			await eventually(
				() => {
					if (answers()) return true;
					if (!runsNow(pid)) throw new Error(`the test's dockerd exited while starting; its log:\n${tail()}`);
					return undefined;
				},
				{ what: "the test's dockerd to answer", timeoutMs: 60_000, intervalMs: 250, lastSeen: tail },
			);
			pid = daemonPid() ?? pid;
		},
		async stop() {
			if (pid === undefined || !runsNow(pid)) return;
			process.kill(pid, 'SIGTERM');
			if (!(await waitUntilGone(30_000))) throw new Error('the test’s dockerd did not stop within 30 s of SIGTERM');
		},
		isRunning: () => runsNow(pid),
		async remove() {
			if (runsNow(pid)) {
				try {
					process.kill(pid!, 'SIGTERM');
				} catch {
					// gone already
				}
				if (!(await waitUntilGone(30_000))) {
					process.kill(pid!, 'SIGKILL');
					await waitUntilGone(10_000);
				}
			}
			killProcessesUsing(root);
			// Its mounts lived in its own mount namespace and ended with it.
			rmSync(root, { recursive: true, force: true });
		},
	};
}
