// What the lab-running commands need from the process beyond printing: the environment they read
// variables and folders from, a signal that Ctrl+C aborts, and a way to ask the learner yes or no.
// The CLI passes the real ones; tests pass their own, so nothing here reaches for `process`.
import type { CommandIo } from '../commands/command.js';
import type { TrustPrompt } from '../trust/ensure-trusted.js';

export interface RunIo extends CommandIo {
	/** Environment for REGISTRY_LAB_* variables, the workspace and state folders, and every command run. Default: process.env. */
	env?: Record<string, string | undefined>;
	/** Aborted when the user presses Ctrl+C: running commands stop, and cleanup still happens. */
	signal?: AbortSignal;
	/** Asks a yes/no question on the terminal; absent when stdin is not a terminal. */
	confirm?: (question: string) => Promise<boolean>;
}

/** The environment a command works with. */
export function envOf(io: CommandIo): Record<string, string | undefined> {
	return (io as RunIo).env ?? process.env;
}

export function signalOf(io: CommandIo): AbortSignal | undefined {
	return (io as RunIo).signal;
}

export function confirmOf(io: CommandIo): RunIo['confirm'] {
	return (io as RunIo).confirm;
}

/** What the trust gate needs from a command: `--yes`, the terminal question, and stderr for the list of commands. */
export function trustPrompt(io: CommandIo, yes: boolean | undefined): TrustPrompt {
	const confirm = confirmOf(io);
	return { yes: yes === true, show: io.stderr, ...(confirm ? { confirm } : {}) };
}
