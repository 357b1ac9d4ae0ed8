#!/usr/bin/env node
// The registry-lab command. It picks the command, and it alone turns results into exit codes:
// 0 done, 1 problems found, 2 wrong usage. Errors are printed as one line, never a stack trace.
import { readFileSync } from 'node:fs';
import { exitCodes, type Command, type CommandIo } from './commands/command.js';
import { validateCommand } from './commands/validate.js';

const commands: readonly Command[] = [validateCommand];

function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
	return manifest.version ?? 'unknown';
}

function usage(): string {
	const width = Math.max(...commands.map((command) => command.name.length));
	const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
	return `Usage: registry-lab <command> [options]

An interactive terminal lab that teaches Docker registries.

Commands:
${list}

Options:
  -h, --help     show this help
  -v, --version  show the version

Run registry-lab <command> --help for a command's options.
`;
}

async function main(argv: string[], io: CommandIo): Promise<number> {
	const [first, ...rest] = argv;
	if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
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
	const command = commands.find((candidate) => candidate.name === first);
	if (!command) {
		io.stderr(`registry-lab: unknown command "${first}"\n\n${usage()}`);
		return exitCodes.usage;
	}
	return command.run(rest, io);
}

const io: CommandIo = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	cwd: process.cwd(),
};

try {
	// exitCode rather than exit(): a piped report must be written out in full before the process ends.
	process.exitCode = await main(process.argv.slice(2), io);
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`registry-lab: ${message}\n`);
	if (process.env.REGISTRY_LAB_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
	process.exitCode = exitCodes.problems;
}
