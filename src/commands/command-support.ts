// What the lab-running commands share: turning a lab that cannot run into a message and an exit
// code, and saying notes (a moved port, a new workspace) where they do not spoil a report.
import { exitCodes, type CommandIo } from './command.js';
import { PrepareLabError } from '../runtime/prepare-lab.js';

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
