// Shared by the tests that drive the real Docker engine: whether one answers (skip with a message
// when not, fail under CI=true), unique names per run, a tiny registry image built with
// `docker import` (never pulled), and teardown that removes what a test made.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireDocker } from '../support/docker-engine.js';

/** True when a Docker engine answers; the describe blocks that need one are skipped otherwise (an error under CI=true). */
export const hasEngine = requireDocker().available;

/** A suffix that keeps names from colliding with parallel test files and earlier runs. */
export const runId = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** Runs docker synchronously in test setup and teardown; returns trimmed stdout, throws on failure. */
export function dockerSync(...args: string[]): string {
	return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

/** Runs docker and ignores failure (teardown of things that may already be gone). */
export function dockerQuiet(...args: string[]): void {
	spawnSync('docker', args, { stdio: 'ignore', timeout: 60_000 });
}

/**
 * Builds a tiny image holding Distribution's registry (from the docker-registry package, with the
 * libc it links against) and busybox, by `docker import` of a tar: nothing is pulled. Its default
 * command serves a registry on :5000; `/bin/sleep 600` keeps a plain container alive.
 */
export function buildRegistryTestImage(ref: string): void {
	const work = mkdtempSync(join(tmpdir(), 'registry-lab-image-'));
	try {
		const root = join(work, 'root');
		const put = (from: string, to: string) => {
			mkdirSync(dirname(join(root, to)), { recursive: true });
			copyFileSync(from, join(root, to));
		};
		put('/usr/bin/docker-registry', 'bin/registry');
		put('/bin/busybox', 'bin/busybox');
		for (const applet of ['sh', 'sleep']) symlinkSync('busybox', join(root, 'bin', applet));
		const ldd = spawnSync('ldd', ['/usr/bin/docker-registry'], { encoding: 'utf8' }).stdout ?? '';
		for (const match of ldd.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)) put(match[1]!, match[1]!.slice(1));
		mkdirSync(join(root, 'etc/docker/registry'), { recursive: true });
		mkdirSync(join(root, 'var/lib/registry'), { recursive: true });
		mkdirSync(join(root, 'tmp'), { recursive: true });
		writeFileSync(
			join(root, 'etc/docker/registry/config.yml'),
			'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n',
		);
		const tar = join(work, 'root.tar');
		execFileSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tar, '.']);
		dockerSync('import', '--change', 'CMD ["/bin/registry","serve","/etc/docker/registry/config.yml"]', tar, ref);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** A port the OS says is free now. */
export { osAssignedPort as freePort } from '../../src/docker/choose-port.js';

/** Closes a server and waits until it is closed. */
export function closeServer(server: Pick<Server, 'close'> & { closeAllConnections?: () => void }): Promise<void> {
	server.closeAllConnections?.();
	return new Promise((resolve) => server.close(() => resolve()));
}
