// `registry-lab reset [lab]`: forget the learner's saved progress for a lab, so it starts over. The
// workspace and anything on the machine stay as they are (`cleanup` removes what the lab made).
import { LabNotFoundError, resolveLabPath } from '../lab/find-labs.js';
import { loadLab } from '../lab/load-lab.js';
import { resetProgress, stateDir } from '../progress/progress-store.js';
import { DEFAULT_LAB } from '../runtime/prepare-lab.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo } from './command.js';

export const resetUsage = `Usage: registry-lab reset [lab]

Forgets your saved progress for the lab (steps done, hints, answers, the values you gave), so it
starts over the next time you open it. Your workspace and what is on your machine stay as they are;
registry-lab cleanup removes what the lab made. The lab is the bundled registries lab unless you
name another.

Options:
  -h, --help   show this help
`;

const labIdPattern = /^[a-z][a-z0-9-]*$/;

/** The id progress is saved under: the lab's own id, or the id given for a lab that is no longer here. */
function labIdFor(labArg: string, cwd: string): { id?: string; problem?: string } {
	let file: string;
	try {
		file = resolveLabPath(labArg, cwd);
	} catch (error) {
		if (!(error instanceof LabNotFoundError)) throw error;
		// Progress can outlive the lab it was for: a plain id still names its file.
		return labIdPattern.test(labArg) ? { id: labArg } : { problem: error.message };
	}
	const loaded = loadLab(file);
	if (loaded.lab) return { id: loaded.lab.id };
	return { problem: `cannot read the lab's id from ${file}; run registry-lab validate ${labArg} to see why` };
}

export async function runResetCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs({ name: 'reset', usage: resetUsage }, args, {}, io);
	if (typeof parsed === 'number') return parsed;
	const { id, problem } = labIdFor(parsed.positionals[0] ?? DEFAULT_LAB, io.cwd);
	if (id === undefined) {
		io.stderr(`registry-lab reset: ${problem}\n`);
		return exitCodes.usage;
	}
	const removed = await resetProgress(id, { dir: stateDir(io.env as NodeJS.ProcessEnv) });
	io.stdout(removed ? `Progress for ${id} cleared.\n` : `No saved progress for ${id}.\n`);
	return exitCodes.ok;
}

export const resetCommand: Command = {
	name: 'reset',
	summary: 'forget your saved progress for a lab, so it starts over',
	usage: resetUsage,
	run: runResetCommand,
};
