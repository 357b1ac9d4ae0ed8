// Runs the built CLI (`node dist/cli.js`) as a user would, for the end-to-end tests of the lab
// commands. Builds first when any source file is newer than dist/cli.js, so a test never runs old
// code and the suite does not compile once per file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

function newestMtime(folder: string): number {
	let newest = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const full = path.join(folder, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

/** Compiles src/ to dist/ unless dist/cli.js is newer than every source file. */
export function ensureBuilt(): void {
	if (existsSync(cliPath) && statSync(cliPath).mtimeMs > newestMtime(path.join(repoRoot, 'src'))) return;
	const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
	const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: repoRoot, encoding: 'utf8' });
	// Type errors elsewhere in the tree still emit JavaScript; only a missing cli.js stops the tests.
	if (!existsSync(cliPath)) throw new Error(`the build did not produce dist/cli.js:\n${build.stdout}${build.stderr}`);
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
		const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd ?? repoRoot, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
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
