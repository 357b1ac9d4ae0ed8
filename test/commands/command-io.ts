// Runs a command function as the CLI would, with its output captured and its environment, signal
// and terminal question given by the test.
import type { Command, CommandIo } from '../../src/commands/command.js';

export interface Captured {
	code: number;
	stdout: string;
	stderr: string;
}

export async function runCommandFn(
	run: Command['run'],
	args: string[],
	options: { cwd: string; env: CommandIo['env']; signal?: AbortSignal; confirm?: CommandIo['confirm'] },
): Promise<Captured> {
	let stdout = '';
	let stderr = '';
	const io: CommandIo = {
		stdout: (text) => (stdout += text),
		stderr: (text) => (stderr += text),
		cwd: options.cwd,
		env: options.env,
		signal: options.signal,
		...(options.confirm ? { confirm: options.confirm } : {}),
	};
	const code = await run(args, io);
	return { code, stdout, stderr };
}
