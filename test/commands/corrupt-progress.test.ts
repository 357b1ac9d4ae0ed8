// A damaged progress file, met by a command: it is kept aside, the learner is told where, and the
// lab starts fresh (and saves fresh progress) instead of failing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/commands/check.js';
import { makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

describe('registry-lab check with a damaged progress file', () => {
	it.each([
		['half a file', '{"version":1,"labId":"fixture","vars":{"name":"ad'],
		['not progress at all', '["a list", 42]'],
		['binary noise', '\u0000\u00ff\u0001garbage'],
	])('keeps %s aside under its own name, says where, and starts fresh', async (_what, damaged) => {
		fixture = makeFixtureLab();
		const folder = path.join(fixture.stateDir, 'progress');
		mkdirSync(folder, { recursive: true });
		const file = path.join(folder, 'fixture.json');
		writeFileSync(file, damaged);

		const result = await runCommandFn(runCheckCommand, ['labs/fixture', '--yes', '--set', 'name=ada'], {
			cwd: path.dirname(path.dirname(fixture.labDir)),
			env: fixture.env,
		});

		expect(result.code).toBe(1);
		const backups = readdirSync(folder).filter((name) => name.startsWith('fixture.json.corrupt-'));
		expect(backups).toHaveLength(1);
		const backup = path.join(folder, backups[0]!);
		expect(readFileSync(backup, 'utf8')).toBe(damaged);
		expect(result.stderr).toContain(
			`note: Your saved progress could not be read, so this lab starts fresh. Nothing is lost: the old file is kept at ${backup}.`,
		);
		// The fresh start is saved: the step that passed now is recorded in a new, valid file.
		expect(existsSync(file)).toBe(true);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ labId: 'fixture', done: ['give-name'] });
		expect(result.stdout).toContain('✓ give-name');
	});
});
