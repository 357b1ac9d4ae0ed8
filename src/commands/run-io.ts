// What the lab-running commands hand the trust gate from their I/O (commands/command.ts).
import type { TrustPrompt } from '../trust/ensure-trusted.js';
import type { CommandIo } from './command.js';

/** What the trust gate needs from a command: `--yes`, the terminal question, and stderr for the list of commands. */
export function trustPrompt(io: CommandIo, yes: boolean | undefined): TrustPrompt {
	const confirm = io.confirm;
	return { yes: yes === true, show: io.stderr, ...(confirm ? { confirm } : {}) };
}
