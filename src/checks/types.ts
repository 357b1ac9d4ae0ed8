// The one result type every check produces, whatever its kind (command, HTTP, registry, variable).
import type { Variable } from '../lab/schema.js';
import type { CommandStatus } from '../process/run-command.js';

/** A check ends the way a process does: the statuses are one set. */
export type CheckStatus = CommandStatus;

export interface CheckResult {
	status: CheckStatus;
	/** For the learner: the lab's `fail` text (interpolated) or a plain explanation. Empty when passed. */
	message: string;
	/** Why it failed, as "expected X, got Y". Empty when passed. */
	detail: string;
	/** Short description of what was checked: the command line, "GET http://...", "tags of localhost:5000/alpine". */
	subject: string;
	/** The last lines of output, for showing under a failure. */
	outputTail: string;
	exitCode?: number;
	durationMs: number;
}

export interface CheckContext {
	/** Resolved variable values, used for `{{name}}` substitution. */
	vars: Record<string, string>;
	/** The lab's variable definitions (for `variable` checks). */
	variableDefs?: Record<string, Variable>;
	/** Folder the commands run in (the learner's workspace). */
	cwd: string;
	/** Aborts a running check; its process tree is killed. */
	signal?: AbortSignal;
	/** Default timeout in seconds when the check sets none. */
	defaultTimeoutSeconds?: number;
	/** Environment for the commands, decided at the top (cli.ts) and passed down. */
	env: Record<string, string | undefined>;
}
