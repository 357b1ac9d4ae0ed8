import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAnswerArgs, runAnswerCommand } from '../../src/commands/answer.js';
import { makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

function answer(...args: string[]) {
	fixture ??= makeFixtureLab();
	return runCommandFn(runAnswerCommand, args, { cwd: path.dirname(path.dirname(fixture.labDir)), env: fixture.env });
}

describe('parseAnswerArgs', () => {
	it('takes options before the step and everything after it verbatim, options of the answer included', () => {
		expect(parseAnswerArgs(['--set', 'a=b', 'pull-from-mcr', 'docker', 'pull', '--platform', 'linux/amd64', 'x'])).toEqual({
			help: false,
			setFlags: ['a=b'],
			rest: ['pull-from-mcr', 'docker', 'pull', '--platform', 'linux/amd64', 'x'],
		});
		expect(parseAnswerArgs(['--', '-h'])).toEqual({ help: false, setFlags: [], rest: ['-h'] });
		expect(parseAnswerArgs(['--nope', 'x']).problem).toBe('unknown option --nope');
	});
});

describe('registry-lab answer on a lab named by path', () => {
	it('judges a right answer, exits 0 and saves it', async () => {
		const result = await answer('labs/fixture', 'colour', 'blue');
		expect(result).toEqual({ code: 0, stdout: 'Right.\n', stderr: '' });
		const saved = JSON.parse(readFileSync(path.join(fixture?.stateDir ?? '', 'progress', 'fixture.json'), 'utf8')) as { answers: object };
		expect(saved.answers).toEqual({ colour: { text: 'blue', correct: true } });
	});

	it('gives the lab’s feedback for a wrong answer and exits 1, keeping an earlier right answer', async () => {
		await answer('labs/fixture', 'colour', 'blue');
		const result = await answer('labs/fixture', 'colour', 'green');
		expect(result).toEqual({ code: 1, stdout: 'Not quite.\n\nThat is the grass.\n', stderr: '' });
		const saved = JSON.parse(readFileSync(path.join(fixture?.stateDir ?? '', 'progress', 'fixture.json'), 'utf8')) as { answers: object };
		expect(saved.answers).toEqual({ colour: { text: 'blue', correct: true } });
	});

	it('exits 2 for a step that is not a question, listing the questions', async () => {
		const result = await answer('labs/fixture', 'make-file', 'done');
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'registry-lab answer: make-file is not a question; it is checked on your machine (registry-lab check labs/fixture --step make-file). The question steps of fixture are: colour\n',
		);
	});
});
