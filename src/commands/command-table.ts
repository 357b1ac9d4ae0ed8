// Every command the CLI knows, with its one-line summary inline so `registry-lab --help` lists them
// without loading any. Each command is imported only when it runs: `check` never loads the TUI's
// React, Ink and markdown, and the bundle keeps what only `open` needs in chunks of its own.
import type { Command } from './command.js';

export interface CommandEntry {
	name: string;
	/** The same line as the command's own `summary` (a test holds them equal). */
	summary: string;
	load: () => Promise<Command>;
}

export const commandTable: readonly CommandEntry[] = [
	{
		name: 'open',
		summary: 'open a lab in the terminal (the default: registry-lab [lab] [--set name=value])',
		load: async () => (await import('./open.js')).openCommand,
	},
	{
		name: 'check',
		summary: 'say which steps of a lab are done, and what this machine shows now, without the TUI',
		load: async () => (await import('./check.js')).checkCommand,
	},
	{
		name: 'answer',
		summary: 'answer a question step of a lab and get feedback',
		load: async () => (await import('./answer.js')).answerCommand,
	},
	{
		name: 'doctor',
		summary: 'check that this machine is ready for a lab, with a fix for each problem',
		load: async () => (await import('./doctor.js')).doctorCommand,
	},
	{
		name: 'images',
		summary: 'save every image a lab needs to one file, or load that file, for a class without internet',
		load: async () => (await import('./images.js')).imagesCommand,
	},
	{
		name: 'cleanup',
		summary: 'remove the containers and images a lab made, and nothing else',
		load: async () => (await import('./cleanup.js')).cleanupCommand,
	},
	{
		name: 'test',
		summary: 'prove every step of a lab works on this machine (for authors and CI)',
		load: async () => (await import('./test.js')).testCommand,
	},
	{
		name: 'dev',
		summary: 'author a lab: it reloads on every save, shows problems at their lines, and p proves a step',
		load: async () => (await import('./dev.js')).devCommand,
	},
	{
		name: 'validate',
		summary: 'check lab files for mistakes, with line and column (for authors and CI)',
		load: async () => (await import('./validate.js')).validateCommand,
	},
	{
		name: 'import',
		summary: 'turn a course page in markdown into a draft lab, with a TODO at each check to write (for authors)',
		load: async () => (await import('./import.js')).importCommand,
	},
	{
		name: 'new',
		summary: 'start a lab: write labs/<id>/lab.yaml with a step and a question that work (for authors)',
		load: async () => (await import('./new.js')).newCommand,
	},
	{
		name: 'class',
		summary: 'the classroom: publish your progress to the class registry, or report on every learner who did',
		load: async () => (await import('./class.js')).classCommand,
	},
	{
		name: 'reset',
		summary: 'forget your saved progress for a lab, so it starts over',
		load: async () => (await import('./reset.js')).resetCommand,
	},
];

/** The entry for a command name, if there is one. */
export function findCommand(name: string): CommandEntry | undefined {
	return commandTable.find((entry) => entry.name === name);
}
