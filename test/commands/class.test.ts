import { describe, expect, it } from 'vitest';
import { runClassCommand } from '../../src/commands/class.js';
import type { CommandIo } from '../../src/commands/command.js';

function captured(): CommandIo & { out: string[]; err: string[] } {
	const out: string[] = [];
	const err: string[] = [];
	return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), cwd: process.cwd(), env: {} };
}

describe('registry-lab class, used wrongly', () => {
	it.each<[string[], string]>([
		[[], 'name a subcommand (publish, report'],
		[['grade'], 'there is no subcommand grade; the subcommands are publish, report'],
		[['publish', '--as', 'ana'], 'say which registry to publish to: --to <registry>'],
		[['publish', '--to', 'localhost:5000'], 'say the name to publish as: --as <name>'],
		[['publish', '--to', 'localhost:5000', '--as', 'ana/lopez'], 'cannot be your name in the class'],
		[['report'], 'say which registry the class publishes to: --from <registry>'],
		[['report', '--from', 'localhost:5000', '--json', '--csv'], 'choose one of --json and --csv'],
		[['report', '--from', 'localhost:5000', '--sort', 'age'], '--sort is one of stuck, name, progress, not age'],
	])('given %j, exits 2 and says %s', async (args, message) => {
		const io = captured();
		expect(await runClassCommand(args, io)).toBe(2);
		expect(io.err.join('')).toContain(message);
		expect(io.out).toEqual([]);
	});

	it('prints its usage for --help, naming both subcommands', async () => {
		const io = captured();
		expect(await runClassCommand(['--help'], io)).toBe(0);
		expect(io.out.join('')).toContain('publish [lab] --to <registry> --as <name>');
		expect(io.out.join('')).toContain('report [lab] --from <registry>');
	});
});
