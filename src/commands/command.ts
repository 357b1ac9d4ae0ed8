// What every `registry-lab <command>` implements, so the CLI can list and run it and tests can call
// it directly with captured output instead of spawning a process.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Everything a command gets from the process, decided once in cli.ts. Tests pass their own, and
 * nothing below a command reaches for `process`: a test that forgets `env` does not compile,
 * rather than reading the real one.
 */
export interface CommandIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	/** The folder relative paths are read from. */
	cwd: string;
	/** Environment for REGISTRY_LAB_* variables, the workspace and state folders, and every command run. */
	env: Record<string, string | undefined>;
	/** Aborted when the user presses Ctrl+C: running commands stop, and cleanup still happens. */
	signal?: AbortSignal;
	/** Asks a yes/no question on the terminal; absent when stdin is not a terminal. */
	confirm?: (question: string) => Promise<boolean>;
}

export interface Command {
	name: string;
	/** One line for the command list in `registry-lab --help`. */
	summary: string;
	/** The command's own `--help` text. */
	usage: string;
	/** Runs with the arguments after the command name; resolves to the process exit code. */
	run: (args: string[], io: CommandIo) => Promise<number>;
}

/** Exit codes every command shares. */
export const exitCodes = { ok: 0, problems: 1, usage: 2 } as const;

/** A one-line message for a node:util parseArgs error, without its advice about `--`. */
export function parseArgsMessage(error: unknown): string {
	const code = (error as { code?: string }).code;
	const message = error instanceof Error ? error.message : String(error);
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		const option = /'([^']+)'/.exec(message)?.[1];
		return `unknown option ${option ?? message}`;
	}
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		// "Option '-f, --format <value>' argument missing": name the long form.
		const option = /'(?:-[A-Za-z], )?(--?[A-Za-z-]+)/.exec(message)?.[1];
		return option ? `${option} needs a value` : message;
	}
	if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
		const argument = /'([^']+)'/.exec(message)?.[1];
		return `unexpected argument ${argument ?? message}`;
	}
	return message.split('\n')[0] ?? message;
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends OptionsConfig> = O & { help: { type: 'boolean'; short: 'h' } };
type CommandArgsConfig<O extends OptionsConfig> = { args: string[]; allowPositionals: true; strict: true; options: WithHelp<O> };
export type CommandArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandArgsConfig<O>>>;

/**
 * Every command's first steps, in one place: parse its arguments (with -h/--help added), print its
 * usage for --help, and for wrong usage print one line plus the usage. Resolves to the parsed
 * arguments, or to the exit code the command stops with.
 */
/** `--set name=value`, repeatable: every command that prepares a lab takes it. */
export const setOption = { set: { type: 'string', multiple: true } } as const;
/** `--yes`: trust a lab that is not bundled without asking (commands that run the lab's commands). */
export const yesOption = { yes: { type: 'boolean', short: 'y' } } as const;

export function parseCommandArgs<const O extends OptionsConfig>(
	command: { name: string; usage: string; maxLabs?: number },
	args: string[],
	options: O,
	io: CommandIo,
): CommandArgs<O> | number {
	const config = {
		args,
		allowPositionals: true,
		strict: true,
		options: { ...options, help: { type: 'boolean', short: 'h' } },
	} as CommandArgsConfig<O>;
	let parsed: CommandArgs<O>;
	try {
		parsed = parseArgs(config);
	} catch (error) {
		io.stderr(`registry-lab ${command.name}: ${parseArgsMessage(error)}\n\n${command.usage}`);
		return exitCodes.usage;
	}
	if ((parsed.values as { help?: boolean }).help) {
		io.stdout(command.usage);
		return exitCodes.ok;
	}
	if (parsed.positionals.length > (command.maxLabs ?? 1)) {
		io.stderr(`registry-lab ${command.name}: give at most one lab, not ${parsed.positionals.join(' ')}\n\n${command.usage}`);
		return exitCodes.usage;
	}
	return parsed;
}
