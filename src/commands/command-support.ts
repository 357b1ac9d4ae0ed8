// What the lab-running commands share: turning a lab that cannot run into a message and an exit
// code, and saying notes (a moved port, a new workspace) where they do not spoil a report.
import { exitCodes, type CommandIo } from './command.js';
import { PrepareLabError, prepareLab, type PreparedLab, type PrepareLabOptions } from '../runtime/prepare-lab.js';
import { trustPrompt } from './run-io.js';

/** Which lab a command was given, with its --set flags; `trust` for commands that run the lab's commands. */
export interface CommandLab {
	labArg?: string;
	setFlags?: readonly string[];
	/** The trust gate asks (or takes --yes) before a lab that is not bundled runs anything. */
	trust?: { yes?: boolean };
}

/**
 * Prepares the lab with what every command takes from its I/O (environment, folder, signal) and
 * the trust prompt where the command runs the lab's commands; ports, workspace and progress are
 * each command's own choice.
 */
export function prepareCommandLab(
	io: CommandIo,
	{ labArg, setFlags, trust }: CommandLab,
	options: Omit<PrepareLabOptions, 'labArg' | 'setFlags' | 'env' | 'cwd' | 'signal' | 'trust'>,
): Promise<PreparedLab> {
	return prepareLab({
		labArg,
		setFlags,
		env: io.env,
		cwd: io.cwd,
		signal: io.signal,
		...(trust ? { trust: trustPrompt(io, trust.yes) } : {}),
		...options,
	});
}

/** Prints why the lab cannot run and returns the exit code: 1 for a broken lab file, 2 for how it was called. */
export function exitForPrepareError(io: CommandIo, command: string, error: unknown): number {
	if (!(error instanceof PrepareLabError)) throw error;
	io.stderr(`registry-lab ${command}: ${error.describe()}\n`);
	return error.kind === 'invalid-lab' ? exitCodes.problems : exitCodes.usage;
}

/** Notes go to stderr, so stdout stays the report (JSON, JUnit) a script reads. */
export function printNotes(io: CommandIo, notes: readonly string[]): void {
	for (const note of notes) io.stderr(`note: ${note}\n`);
}

/** How to name the lab again in a command we suggest: nothing for the default lab. */
export function labArgFor(labArg: string | undefined): string {
	return labArg === undefined ? '' : `${/\s/.test(labArg) ? JSON.stringify(labArg) : labArg} `;
}
