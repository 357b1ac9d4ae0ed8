// Runs the built CLI (`node dist/cli.js`) as a user would, for the end-to-end tests of the lab
// commands. Builds first when any source file is newer than dist/cli.js, so a test never runs old
// code and the suite does not bundle once per file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const buildScript = path.join(repoRoot, 'scripts', 'build.mjs');
const schemaPath = path.join(repoRoot, 'schema', 'lab.schema.json');
const buildLock = path.join(repoRoot, 'node_modules', '.cache', 'registry-lab', 'build.lock');

function newestMtime(folder: string): number {
	let newest = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const full = path.join(folder, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

function isBuilt(): boolean {
	if (!existsSync(cliPath) || !existsSync(schemaPath)) return false;
	const builtAt = statSync(cliPath).mtimeMs;
	return builtAt > newestMtime(path.join(repoRoot, 'src')) && builtAt > statSync(buildScript).mtimeMs;
}

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `body` while holding a lock folder, so test files starting at once build once, not over each other. */
function withBuildLock(body: () => void): void {
	mkdirSync(path.dirname(buildLock), { recursive: true });
	for (;;) {
		try {
			mkdirSync(buildLock);
			break;
		} catch {
			// A lock older than a build can take was left by a killed run.
			if (Date.now() - statSync(buildLock, { throwIfNoEntry: false })!.mtimeMs > 120_000)
				rmSync(buildLock, { recursive: true, force: true });
			sleep(100);
		}
	}
	try {
		body();
	} finally {
		rmSync(buildLock, { recursive: true, force: true });
	}
}

/**
 * Bundles src/ into dist/ (scripts/build.mjs, without the typecheck) unless dist/cli.js is newer than
 * every source file and the build script.
 */
export function ensureBuilt(): void {
	if (isBuilt()) return;
	withBuildLock(() => {
		if (isBuilt()) return;
		// Without the typecheck: a type error in a file being edited must not stop the tests of the rest.
		const build = spawnSync(process.execPath, [buildScript, '--no-typecheck'], { cwd: repoRoot, encoding: 'utf8' });
		if (build.status !== 0 || !existsSync(cliPath))
			throw new Error(`the build did not produce dist/cli.js:\n${build.stdout}${build.stderr}`);
	});
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	env?: Record<string, string | undefined>;
	cwd?: string;
	timeoutMs?: number;
}

function environment(extra: CliOptions['env']): NodeJS.ProcessEnv {
	return { ...process.env, NO_COLOR: '1', ...extra };
}

/** Runs the CLI and waits, blocking this process: only for tests that serve nothing themselves. */
export function runCliSync(args: readonly string[], options: CliOptions = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd ?? repoRoot,
		encoding: 'utf8',
		env: environment(options.env),
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: options.timeoutMs ?? 120_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI without blocking, so a server in the test process can still answer it. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: options.cwd ?? repoRoot,
			env: environment(options.env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}
