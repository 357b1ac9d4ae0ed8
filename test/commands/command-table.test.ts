import { describe, expect, it } from 'vitest';
import { commandTable, findCommand } from '../../src/commands/command-table.js';

describe('the command table', () => {
	it('lists each command with the same name and summary the command itself declares', async () => {
		for (const entry of commandTable) {
			const command = await entry.load();
			expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
		}
	});

	it('names every command once, so help lists no command twice', () => {
		const names = commandTable.map((entry) => entry.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toEqual([
			'open',
			'check',
			'answer',
			'doctor',
			'images',
			'cleanup',
			'test',
			'dev',
			'validate',
			'import',
			'new',
			'class',
			'reset',
		]);
	});

	it('finds a command by its exact name and nothing for a near miss', () => {
		expect(findCommand('validate')?.name).toBe('validate');
		expect(findCommand('valid')).toBeUndefined();
	});
});
