import { describe, expect, it } from 'vitest';
import { parseCommandArgs, type CommandIo } from '../../src/commands/command.js';

function captured(): CommandIo & { out: string; err: string } {
	const io = {
		out: '',
		err: '',
		cwd: '/',
		env: {},
		stdout: (text: string) => void (io.out += text),
		stderr: (text: string) => void (io.err += text),
	};
	return io;
}

const command = { name: 'demo', usage: 'Usage: registry-lab demo [lab]\n' };
const options = { json: { type: 'boolean' }, set: { type: 'string', multiple: true } } as const;

describe('parseCommandArgs', () => {
	it('returns the parsed options and the lab', () => {
		const io = captured();
		const parsed = parseCommandArgs(command, ['registries', '--json', '--set', 'a=b'], options, io);
		expect(parsed).not.toBeTypeOf('number');
		if (typeof parsed === 'number') return;
		expect(parsed.values).toMatchObject({ json: true, set: ['a=b'] });
		expect(parsed.positionals).toEqual(['registries']);
		expect(io.err).toBe('');
	});

	it('prints the usage for --help and stops with 0', () => {
		const io = captured();
		expect(parseCommandArgs(command, ['-h'], options, io)).toBe(0);
		expect(io.out).toBe(command.usage);
	});

	it('names an unknown option in one line, then the usage, and stops with 2', () => {
		const io = captured();
		expect(parseCommandArgs(command, ['--jsn'], options, io)).toBe(2);
		expect(io.err).toBe(`registry-lab demo: unknown option --jsn\n\n${command.usage}`);
	});

	it('refuses a second lab unless the command takes many', () => {
		const io = captured();
		expect(parseCommandArgs(command, ['a', 'b'], options, io)).toBe(2);
		expect(io.err).toContain('registry-lab demo: give at most one lab, not a b');
		const many = parseCommandArgs({ ...command, maxLabs: Infinity }, ['a', 'b'], options, captured());
		expect(typeof many === 'number' ? many : many.positionals).toEqual(['a', 'b']);
	});
});
