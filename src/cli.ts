#!/usr/bin/env node
// The registry-lab command. It picks the command, and it alone turns results into exit codes:
// 0 done, 1 problems found, 2 wrong usage. Errors are printed as one line, never a stack trace.
import { readFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { createInterface } from 'node:readline/promises';
import { exitCodes, type CommandIo } from './commands/command.js';
// Commands are loaded when they run (see command-table): a command never pays for another's modules.
import { commandTable as commands, findCommand } from './commands/command-table.js';
import type { TerminalIo } from './commands/open.js';
import { colorChoice } from './ui/color-choice.js';

// Node 22.1+ keeps V8's compiled code of the commands' modules between runs (in the OS temp folder),
// so every start after the first skips most of the compiling. Node 20 has no such cache: a no-op there.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function loadOpen(): Promise<typeof import('./commands/open.js')> {
	return import('./commands/open.js');
}

function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
	return manifest.version ?? 'unknown';
}

function usage(): string {
	const width = Math.max(...commands.map((command) => command.name.length));
	const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
	return `Usage: registry-lab <command> [options]
       registry-lab [lab] [--set name=value]... [--plain]   open a lab (the registries lab by default)

An interactive terminal lab that teaches Docker registries.

Commands:
${list}

Options:
  -h, --help     show this help
  -v, --version  show the version
  --plain        open the lab for a screen reader: each change once, as a line (no full screen)

Colour follows NO_COLOR (any value turns it off) and FORCE_COLOR (which wins when both are set).

Run registry-lab <command> --help for a command's options.
`;
}

async function main(argv: string[], io: CommandIo): Promise<number> {
	const [first, ...rest] = argv;
	// Bare `registry-lab` (or just a lab, or --set, --plain) opens the lab: what a learner runs with npx.
	if (
		first === undefined ||
		first === '--set' ||
		first.startsWith('--set=') ||
		first === '--yes' ||
		first === '-y' ||
		first === '--plain' ||
		first === '--classroom' ||
		first === '--as'
	)
		return (await loadOpen()).openCommand.run(argv, io);
	if (first === '--help' || first === '-h' || first === 'help') {
		io.stdout(usage());
		return exitCodes.ok;
	}
	if (first === '--version' || first === '-v') {
		io.stdout(`${packageVersion()}\n`);
		return exitCodes.ok;
	}
	if (first.startsWith('-')) {
		io.stderr(`registry-lab: unknown option ${first}\n\n${usage()}`);
		return exitCodes.usage;
	}
	const entry = findCommand(first);
	if (!entry) {
		const open = await loadOpen();
		if (open.opensLab(first, io.cwd)) return open.openCommand.run(argv, io);
		io.stderr(`registry-lab: unknown command "${first}"\n\n${usage()}`);
		return exitCodes.usage;
	}
	return (await entry.load()).run(rest, io);
}

/** A y/N question on the terminal; anything but y or yes is no. */
async function confirmOnTerminal(question: string): Promise<boolean> {
	const prompt = createInterface({ input: process.stdin, output: process.stderr });
	try {
		// Ctrl+C or Ctrl+D at the prompt closes it: that is a no, not a hang.
		const answer = await new Promise<string>((resolve) => {
			prompt.once('close', () => resolve(''));
			prompt.question(question).then(resolve, () => resolve(''));
		});
		return /^\s*y(es)?\s*$/i.test(answer);
	} finally {
		prompt.close();
	}
}

// The first Ctrl+C asks the running command to stop and clean up after itself; a second one is
// Node's default: the process ends at once.
const interrupt = new AbortController();
process.once('SIGINT', () => {
	process.exitCode = 130;
	interrupt.abort();
});

const io: TerminalIo = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	cwd: process.cwd(),
	env: process.env,
	signal: interrupt.signal,
	...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
	// Decided once, here: the TUI needs keys from stdin and a screen on stdout.
	isTerminal: process.stdin.isTTY === true && process.stdout.isTTY === true,
	// The commands write plain text; only the TUI has colour to give up.
	color: colorChoice(process.env),
};

try {
	// exitCode rather than exit(): a piped report must be written out in full before the process ends.
	const code = await main(process.argv.slice(2), io);
	process.exitCode = interrupt.signal.aborted ? 130 : code;
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`registry-lab: ${message}\n`);
	if (process.env.REGISTRY_LAB_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
	process.exitCode = exitCodes.problems;
}
