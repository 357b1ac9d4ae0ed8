// Runs one command for a check (or a setup/solution step) and classifies what happened. Never
// throws: every outcome, including a missing program, is a CommandResult with a message for the
// learner. This is the only place in registry-lab that starts processes (via execa).
import { statSync } from 'node:fs';
import { execa } from 'execa';
import { quote } from 'shell-quote';
import { interpolate } from '../lab/interpolate.js';
import { commandMessages } from './command-messages.js';
import { HeadCapture, LineSplitter, TailCapture } from './output-capture.js';
import { canUseProcessGroups, endGroup, signalGroup, trackGroup } from './process-group.js';
import { shellScriptFor } from './shell-script.js';
import { CommandSyntaxError, splitCommand } from '../lab/split-command.js';

/** How a process ended; a check's status is the same set (checks/types.ts). */
export type CommandStatus = 'passed' | 'failed' | 'timed-out' | 'canceled' | 'spawn-error';

export interface CommandResult {
	status: CommandStatus;
	exitCode?: number;
	/** The signal that ended the process when it was not stopped by us (e.g. SIGSEGV). */
	signal?: string;
	/** The first `maxOutputBytes` of standard output. */
	stdout: string;
	stderr: string;
	/** True when stdout or stderr was longer than the cap and was cut. Not a failure by itself. */
	truncated: boolean;
	/** The last ~20 lines of stdout and stderr as they arrived. */
	outputTail: string;
	durationMs: number;
	/** The command as shown to the learner, variables filled in. */
	command: string;
	/** For the learner; empty when passed. */
	message: string;
}

export interface RunOptions {
	/** Values for `{{name}}`. Substituted into the split words, or passed as environment variables with `shell`. */
	vars?: Readonly<Record<string, string>>;
	/** Run the text with `/bin/sh -c`, so pipes and redirects work. */
	shell?: boolean;
	cwd?: string;
	/** Default 10 000. The whole process tree is stopped when it runs out. */
	timeoutMs?: number;
	/** Aborting stops the whole process tree; the result is `canceled`. */
	signal?: AbortSignal;
	/** The complete environment, decided at the top (cli.ts) and passed down. */
	env: Readonly<Record<string, string | undefined>>;
	/** Per stream. Default 1 MiB; output past it is discarded and the result marked `truncated`. */
	maxOutputBytes?: number;
	/** Time between SIGTERM and SIGKILL. Default 2000. */
	graceMs?: number;
}

export const defaultTimeoutMs = 10_000;
export const defaultMaxOutputBytes = 1024 * 1024;
export const defaultGraceMs = 2000;

interface ExecuteOptions extends Omit<RunOptions, 'vars' | 'shell' | 'timeoutMs'> {
	/** Undefined: no time limit (streams). */
	timeoutMs: number | undefined;
	extraEnv?: Record<string, string>;
	/** When set, stdout is delivered line by line instead of captured. */
	onLine?: (line: string) => void;
}

/**
 * Runs a command line: split into words with shell rules and run without a shell, or with
 * `shell: true` run by `/bin/sh -c` with the variables in its environment.
 */
export function runCommand(command: string, options: RunOptions): Promise<CommandResult> {
	const vars = options.vars ?? {};
	const shown = interpolate(command.trim(), vars);
	const { vars: _vars, shell, timeoutMs = defaultTimeoutMs, ...rest } = options;
	if (shell) {
		const { script, env } = shellScriptFor(command, vars);
		return execute(['/bin/sh', '-c', script], shown, { ...rest, timeoutMs, extraEnv: env }).then(missingProgramInShell);
	}
	let argv: string[];
	try {
		argv = splitCommand(command, vars);
	} catch (error) {
		if (!(error instanceof CommandSyntaxError)) throw error;
		return Promise.resolve(notStarted(shown, 'spawn-error', error.message));
	}
	return execute(argv, shown, { ...rest, timeoutMs });
}

/** Runs a program with exactly these arguments (no splitting, no shell); `{{name}}` is filled in per word. */
export function runArgv(argv: readonly string[], options: Omit<RunOptions, 'shell'>): Promise<CommandResult> {
	const { vars = {}, timeoutMs = defaultTimeoutMs, ...rest } = options;
	const words = argv.map((word) => interpolate(word, vars));
	return execute(words, quote(words), { ...rest, timeoutMs });
}

export interface LineStream {
	/** Resolves when the program ends or is stopped: `canceled` after stop() or abort. */
	done: Promise<CommandResult>;
	/** Stops the program and everything it started. */
	stop(): void;
}

/**
 * Runs a long-lived program (such as `docker events --format '{{json .}}'`) and hands each line of
 * its stdout to `onLine`. No time limit; stop() or the signal ends its whole process tree.
 */
export function streamLines(
	argv: readonly string[],
	options: {
		onLine: (line: string) => void;
		signal?: AbortSignal;
		env: Readonly<Record<string, string | undefined>>;
		cwd?: string;
		graceMs?: number;
	},
): LineStream {
	const stopper = new AbortController();
	const signal = options.signal ? AbortSignal.any([options.signal, stopper.signal]) : stopper.signal;
	const done = execute([...argv], quote([...argv]), {
		env: options.env,
		cwd: options.cwd,
		graceMs: options.graceMs,
		signal,
		timeoutMs: undefined,
		onLine: options.onLine,
	});
	return { done, stop: () => stopper.abort() };
}

/** sh reports a missing program as exit code 127 and "sh: 1: dockr: not found". */
function missingProgramInShell(result: CommandResult): CommandResult {
	if (result.exitCode !== 127) return result;
	const program = /^(?:[^\n]*?: )?(?:line )?(?:\d+: )?([^\s:]+): (?:command )?not found/m.exec(result.stderr)?.[1];
	if (program === undefined) return result;
	return { ...result, status: 'spawn-error', message: commandMessages.notInstalled(program) };
}

function notStarted(command: string, status: CommandStatus, message: string): CommandResult {
	return { status, stdout: '', stderr: '', truncated: false, outputTail: '', durationMs: 0, command, message };
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}

function environmentFor(options: ExecuteOptions): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.env)) {
		if (value !== undefined) env[name] = value;
	}
	return { ...env, ...options.extraEnv };
}

async function execute(argv: string[], shown: string, options: ExecuteOptions): Promise<CommandResult> {
	const [program = '', ...args] = argv;
	const graceMs = options.graceMs ?? defaultGraceMs;
	const capBytes = options.maxOutputBytes ?? defaultMaxOutputBytes;
	if (options.signal?.aborted) return notStarted(shown, 'canceled', commandMessages.canceled(shown));
	if (options.cwd !== undefined && !isDirectory(options.cwd)) {
		return notStarted(shown, 'spawn-error', commandMessages.missingFolder(shown, options.cwd));
	}

	const started = performance.now();
	// Our own stop switch: execa stops the direct child with it (SIGTERM, then SIGKILL after the
	// grace period); on POSIX we also signal the child's process group, which holds its descendants.
	const stopper = new AbortController();
	let subprocess;
	try {
		subprocess = startProcess(program, args, options, stopper.signal, graceMs);
	} catch (error) {
		// execa refuses some arguments before spawning (a NUL byte): a result, like any spawn error.
		// Its message repeats the arguments, which may be long: keep the reason before them.
		const why = (error instanceof Error ? error.message : String(error)).split(/[:\n]/)[0] ?? 'invalid arguments';
		return notStarted(shown, 'spawn-error', commandMessages.couldNotStart(program, why));
	}

	const stdout = new HeadCapture(capBytes);
	const stderr = new HeadCapture(capBytes);
	const tail = new TailCapture();
	const lines = options.onLine ? new LineSplitter(safely(options.onLine)) : undefined;
	subprocess.stdout?.on('data', (chunk: Buffer) => {
		if (lines) lines.push(chunk);
		else stdout.push(chunk);
		tail.push('stdout', chunk);
	});
	subprocess.stderr?.on('data', (chunk: Buffer) => {
		stderr.push(chunk);
		tail.push('stderr', chunk);
	});

	const pgid = canUseProcessGroups ? subprocess.pid : undefined;
	const untrack = pgid === undefined ? undefined : trackGroup(pgid);
	let ending: Promise<void> | undefined;
	// Runs once, on stop or when the child exits, whichever comes first. After a normal exit it
	// still ends leftover members: a check is a one-shot question, and a grandchild it left running
	// (a backgrounded `sleep`, a `docker logs -f`) would hold our pipes open, so the check would
	// not finish, and would outlive the lab. Containers are the Docker daemon's, not in the group.
	const endTree = () => {
		if (pgid !== undefined) ending ??= endGroup(pgid, graceMs);
	};

	let stopReason: 'timeout' | 'cancel' | undefined;
	const stop = (reason: 'timeout' | 'cancel') => {
		if (stopReason) return;
		stopReason = reason;
		if (pgid !== undefined) signalGroup(pgid, 'SIGTERM');
		endTree();
		stopper.abort();
	};
	const onAbort = () => stop('cancel');
	options.signal?.addEventListener('abort', onAbort, { once: true });
	const timeoutMs = options.timeoutMs;
	const timer =
		timeoutMs !== undefined && Number.isFinite(timeoutMs)
			? setTimeout(() => stop('timeout'), Math.min(Math.max(timeoutMs, 0), 2 ** 31 - 1))
			: undefined;
	subprocess.once('exit', endTree);

	const result = await subprocess;
	clearTimeout(timer);
	options.signal?.removeEventListener('abort', onAbort);
	await ending;
	untrack?.();
	lines?.flush();

	const base = {
		stdout: stdout.text(),
		stderr: stderr.text(),
		truncated: stdout.truncated || stderr.truncated,
		outputTail: tail.lines(),
		durationMs: Math.round(performance.now() - started),
		command: shown,
	};
	if (stopReason === 'timeout') {
		return { ...base, status: 'timed-out', message: commandMessages.timedOut(shown, timeoutMs ?? 0) };
	}
	if (stopReason === 'cancel') return { ...base, status: 'canceled', message: commandMessages.canceled(shown) };
	if (typeof result.exitCode === 'number') {
		const passed = result.exitCode === 0;
		return {
			...base,
			status: passed ? 'passed' : 'failed',
			exitCode: result.exitCode,
			message: passed ? '' : commandMessages.exited(shown, result.exitCode),
		};
	}
	if (result.signal) {
		return { ...base, status: 'failed', signal: result.signal, message: commandMessages.killedBySignal(shown, result.signal) };
	}
	return { ...base, status: 'spawn-error', message: spawnErrorMessage(program, result.code, result.shortMessage) };
}

function startProcess(program: string, args: string[], options: ExecuteOptions, cancelSignal: AbortSignal, graceMs: number) {
	return execa(program, args, {
		reject: false,
		stdin: 'ignore',
		buffer: false,
		shell: false,
		detached: canUseProcessGroups,
		cancelSignal,
		forceKillAfterDelay: graceMs,
		cwd: options.cwd,
		env: environmentFor(options),
		extendEnv: false,
		windowsHide: true,
	});
}

function spawnErrorMessage(program: string, code: string | undefined, fallback: string | undefined): string {
	if (code === 'ENOENT') return commandMessages.notInstalled(program);
	if (code === 'EACCES') return commandMessages.notExecutable(program);
	const reason = code ?? fallback?.split('\n').at(-1) ?? 'unknown error';
	return commandMessages.couldNotStart(program, reason);
}

/** A callback that throws must not take the process down with an uncaught exception. */
function safely(onLine: (line: string) => void): (line: string) => void {
	return (line) => {
		try {
			onLine(line);
		} catch {
			// The stream goes on; the caller's bug stays the caller's.
		}
	};
}
