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
	const read = (leading: 1 | 2, ...args: string[]) => {
		const { problem, ...parsed } = parseAnswerArgs(args, leading);
		return problem ? { problem } : parsed;
	};
	const none = { help: false, setFlags: [] as string[] };

	it.each([
		['options before the step', 1, ['--set', 'a=b', 'q', 'x'], { ...none, setFlags: ['a=b'], names: ['q'], answer: ['x'] }],
		[
			'an answer’s own flags stay in it',
			1,
			['q', 'docker', 'pull', '--platform', 'linux/amd64', '-q', 'x'],
			{ ...none, names: ['q'], answer: ['docker', 'pull', '--platform', 'linux/amd64', '-q', 'x'] },
		],
		[
			'--set after the answer is an option',
			1,
			['q', 'docker.io/x:latest', '--set', 'dockerId=learner1'],
			{ ...none, setFlags: ['dockerId=learner1'], names: ['q'], answer: ['docker.io/x:latest'] },
		],
		[
			'--set=value after the answer is an option',
			1,
			['q', 'x', '--set=a=b', 'y'],
			{ ...none, setFlags: ['a=b'], names: ['q'], answer: ['x', 'y'] },
		],
		[
			'options between the lab and the step',
			2,
			['lab', '--set', 'a=b', '--set=c=d', 'q', 'x', 'y'],
			{ ...none, setFlags: ['a=b', 'c=d'], names: ['lab', 'q'], answer: ['x', 'y'] },
		],
		['help between the lab and the step', 2, ['lab', '-h', 'q'], { ...none, help: true, names: ['lab', 'q'], answer: [] }],
		['-h in the answer is the answer’s', 1, ['q', 'docker', 'pull', '-h'], { ...none, names: ['q'], answer: ['docker', 'pull', '-h'] }],
		[
			'-- makes the rest of the answer verbatim',
			1,
			['q', 'x', '--', '--set', 'a=b', '--'],
			{ ...none, names: ['q'], answer: ['x', '--set', 'a=b', '--'] },
		],
		['-- before the step makes everything verbatim', 1, ['--', '-h', '--set', 'a=b'], { ...none, names: ['-h'], answer: ['--set', 'a=b'] }],
		['a lone - is a word', 1, ['q', '-'], { ...none, names: ['q'], answer: ['-'] }],
		[
			'the lab and the step read as the step and the answer',
			1,
			['lab', '--set', 'a=b', 'q', 'x'],
			{ ...none, setFlags: ['a=b'], names: ['lab'], answer: ['q', 'x'] },
		],
		['an unknown option before the step', 1, ['--nope', 'q'], { problem: 'unknown option --nope' }],
		['an unknown option between the lab and the step', 2, ['lab', '--nope', 'q'], { problem: 'unknown option --nope' }],
		['--set without its value', 1, ['q', 'x', '--set'], { problem: '--set needs a value, e.g. --set dockerId=learner1' }],
	] as const)('reads %s', (_case, leading, args, expected) => {
		expect(read(leading, ...args)).toEqual(expected);
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

	it('takes --set between the lab and the step, and after the answer, even for a variable only that lab has', async () => {
		const between = await answer('labs/fixture', '--set', 'marker=other.txt', 'colour', 'blue');
		const after = await answer('labs/fixture', 'colour', 'blue', '--set', 'marker=other.txt');
		expect(between).toEqual({ code: 0, stdout: 'Right.\n', stderr: '' });
		expect(after).toEqual({ code: 0, stdout: 'Right.\n', stderr: '' });
	});

	it('says which --set does not fit when the first word is neither a lab nor a step', async () => {
		const result = await answer('no-such-lab', '--set', 'marker=x', 'colour', 'blue');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--set marker: this lab has no variable "marker"');
	});

	it('exits 2 for a step that is not a question, listing the questions', async () => {
		const result = await answer('labs/fixture', 'make-file', 'done');
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'registry-lab answer: make-file is not a question; it is checked on your machine (registry-lab check labs/fixture --step make-file). The question steps of fixture are: colour\n',
		);
	});
});
