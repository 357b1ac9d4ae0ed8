// The trust gate as each command meets it: check, test, cleanup and open (TUI or not) ask about a
// lab that is not bundled, or refuse without a terminal; validate and answer never ask.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAnswerCommand } from '../../src/commands/answer.js';
import { runCheckCommand } from '../../src/commands/check.js';
import { runCleanupCommand } from '../../src/commands/cleanup.js';
import { runOpenCommand, type OpenDependencies, type TerminalIo } from '../../src/commands/open.js';
import { runTestCommand } from '../../src/commands/test.js';
import { runValidate } from '../../src/commands/validate.js';
import { createLabRuntime } from '../../src/runtime/lab-runtime.js';
import { trustFilePath } from '../../src/trust/trust-store.js';
import { ensureBuilt, runCliSync } from './built-cli.js';
import { makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

function setUp(): { lab: FixtureLab; cwd: string } {
	fixture = makeFixtureLab();
	return { lab: fixture, cwd: path.dirname(path.dirname(fixture.labDir)) };
}

/** A terminal question that answers from the list and records what it was asked. */
function terminal(...answers: boolean[]) {
	const asked: string[] = [];
	return {
		asked,
		confirm: async (question: string) => {
			asked.push(question);
			return answers.shift() ?? false;
		},
	};
}

const refusal =
	/Nothing was run: labs\/fixture\/lab\.yaml is not a bundled lab, and there is no terminal to ask whether to trust it\. Read the commands listed above, then run the same command again with --yes/;

describe('commands that run a lab’s commands', () => {
	it.each([
		['check', runCheckCommand, ['labs/fixture', '--set', 'name=ada']],
		['test', runTestCommand, ['labs/fixture', '--set', 'name=ada']],
		['cleanup', runCleanupCommand, ['labs/fixture']],
	] as const)(
		'%s refuses a lab that is not bundled without a terminal or --yes: exit 2, the commands listed, nothing run',
		async (name, run, args) => {
			const { lab, cwd } = setUp();
			const result = await runCommandFn(run, [...args], { cwd, env: lab.env });
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('  step make-file: Make the file\n');
			expect(result.stderr).toMatch(new RegExp(`registry-lab ${name}: ${refusal.source}`));
			expect(existsSync(lab.workspace)).toBe(false);
			expect(existsSync(path.join(lab.stateDir, 'progress'))).toBe(false);
		},
	);

	it('check asks at the terminal, runs after a yes, and does not ask again for the same lab', async () => {
		const { lab, cwd } = setUp();
		const question = terminal(true);
		const first = await runCommandFn(runCheckCommand, ['labs/fixture', '--set', 'name=ada'], {
			cwd,
			env: lab.env,
			confirm: question.confirm,
		});
		expect(first.code).toBe(1);
		expect(first.stdout).toContain('✓ give-name');
		expect(question.asked).toHaveLength(1);
		expect(first.stderr).toContain('Trusted. This version of the lab will not be asked about again');
		const second = await runCommandFn(runCheckCommand, ['labs/fixture', '--set', 'name=ada'], { cwd, env: lab.env });
		expect(second.code).toBe(1);
		expect(question.asked).toHaveLength(1);
		expect(second.stderr).not.toContain('is not one of the labs');
	});

	it('check runs nothing after a no at the terminal, and exits 2', async () => {
		const { lab, cwd } = setUp();
		const result = await runCommandFn(runCheckCommand, ['labs/fixture', '--set', 'name=ada'], {
			cwd,
			env: lab.env,
			confirm: terminal(false).confirm,
		});
		expect(result).toMatchObject({ code: 2, stdout: '' });
		expect(result.stderr).toContain('registry-lab check: Nothing was run: you did not trust labs/fixture/lab.yaml.');
		expect(existsSync(lab.workspace)).toBe(false);
		expect(existsSync(trustFilePath(lab.stateDir))).toBe(false);
	});

	it('cleanup --dry-run lists without asking: listing runs nothing of the lab’s', async () => {
		const { lab, cwd } = setUp();
		const result = await runCommandFn(runCleanupCommand, ['labs/fixture', '--dry-run'], { cwd, env: lab.env });
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('Nothing to clean up for the lab fixture.\n');
	});
});

describe('commands that run nothing of the lab’s', () => {
	it('validate and answer never ask', async () => {
		const { lab, cwd } = setUp();
		expect((await runCommandFn(runValidate, ['labs/fixture'], { cwd, env: lab.env })).code).toBe(0);
		const answer = await runCommandFn(runAnswerCommand, ['labs/fixture', 'colour', 'blue'], { cwd, env: lab.env });
		expect(answer.code).toBe(0);
		expect(answer.stderr).not.toContain('is not one of the labs');
	});
});

describe('open', () => {
	function openWith(
		lab: FixtureLab,
		cwd: string,
		args: string[],
		options: { isTerminal: boolean; confirm?: (question: string) => Promise<boolean> },
	) {
		const events: string[] = [];
		let stderr = '';
		const io: TerminalIo = {
			stdout: () => undefined,
			stderr: (text) => (stderr += text),
			cwd,
			env: lab.env,
			isTerminal: options.isTerminal,
			...(options.confirm
				? {
						confirm: async (question: string) => {
							events.push('asked');
							return options.confirm!(question);
						},
					}
				: {}),
		};
		const deps: OpenDependencies = {
			// Loading the TUI's code may start early (it is ours, not the lab's); starting the TUI may not.
			loadTui: async () => ({
				runTui: async () => {
					events.push('tui');
					return { outcome: 'quit', quitBy: 'key', stoppedRegistry: false, done: 0, total: 5 };
				},
			}),
			createRuntime: createLabRuntime,
		};
		return runOpenCommand(args, io, deps).then((code) => ({ code, stderr, events }));
	}

	it('asks on the terminal before the TUI starts, and opens it after a yes', async () => {
		const { lab, cwd } = setUp();
		const result = await openWith(lab, cwd, ['labs/fixture'], { isTerminal: true, confirm: terminal(true).confirm });
		expect(result.code).toBe(0);
		expect(result.events).toEqual(['asked', 'tui']);
		expect(result.stderr).toContain('step use-file: Use the file');
	});

	it('never starts the TUI after a no', async () => {
		const { lab, cwd } = setUp();
		const result = await openWith(lab, cwd, ['labs/fixture'], { isTerminal: true, confirm: terminal(false).confirm });
		expect(result.code).toBe(2);
		expect(result.events).toEqual(['asked']);
	});

	it('refuses without a terminal and without --yes, and prints the status with --yes', async () => {
		const { lab, cwd } = setUp();
		const refused = await openWith(lab, cwd, ['labs/fixture'], { isTerminal: false });
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(refusal);
		const allowed = await openWith(lab, cwd, ['labs/fixture', '--yes'], { isTerminal: false });
		expect(allowed.code).toBe(0);
	});
});

describe('the built CLI', () => {
	it('refuses a lab that is not bundled in a pipe with exit 2 and says to pass --yes; runs it with --yes', () => {
		ensureBuilt();
		const { lab, cwd } = setUp();
		const refused = runCliSync(['check', 'labs/fixture', '--set', 'name=ada'], { env: lab.env, cwd });
		expect(refused.code).toBe(2);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toMatch(new RegExp(`registry-lab check: ${refusal.source}`));
		const allowed = runCliSync(['check', 'labs/fixture', '--set', 'name=ada', '--yes', '--json'], { env: lab.env, cwd });
		expect(allowed.code).toBe(1);
		expect(JSON.parse(allowed.stdout)).toMatchObject({ lab: 'fixture' });
	});

	it('runs the bundled lab from any folder without asking', () => {
		ensureBuilt();
		const { lab, cwd } = setUp();
		const result = runCliSync(['check', '--step', 'docker-id', '--set', 'dockerId=learner1'], { env: lab.env, cwd });
		expect(result.code).toBe(0);
		expect(result.stderr).not.toContain('is not one of the labs');
	});
});
