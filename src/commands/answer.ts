// `registry-lab answer [lab] <step> <answer...>`: judges an answer to a question step, says what is
// wrong with a wrong one, and saves a right one with the learner's progress (so `check` counts it).
import { judgeAnswer } from '../answer/judge-answer.js';
import type { Lab } from '../lab/schema.js';
import { exitForPrepareError, labArgFor, printNotes } from '../runtime/command-support.js';
import { prepareLab, PrepareLabError, type PreparedLab } from '../runtime/prepare-lab.js';
import { recordAnswer } from '../runtime/progress-records.js';
import { interpolateQuestion } from '../runtime/question-proof.js';
import { envOf, signalOf } from '../runtime/run-io.js';
import { exitCodes, type Command, type CommandIo } from './command.js';

export const answerUsage = `Usage: registry-lab answer [lab] <step> <answer...>

Judges your answer to a question step and says what is wrong with a wrong one. Everything after the
step is the answer, options included (docker pull --platform ... works without quotes). A right
answer is saved with your progress, so registry-lab check counts the step as done.

Options (before the step):
  --set <name=value>   give a variable a value (repeatable)
  -h, --help           show this help

Exit codes: 0 right, 1 wrong, 2 not a question step, an unknown step, or wrong usage.
`;

interface AnswerArgs {
	help: boolean;
	setFlags: string[];
	/** The lab (maybe), the step and the answer's words. */
	rest: string[];
	problem?: string;
}

/** Options come first; from the first other word on, everything is the step and the answer, verbatim. */
export function parseAnswerArgs(args: readonly string[]): AnswerArgs {
	const parsed: AnswerArgs = { help: false, setFlags: [], rest: [] };
	let index = 0;
	for (; index < args.length; index++) {
		const arg = args[index] ?? '';
		if (arg === '--') {
			index++;
			break;
		}
		if (arg === '-h' || arg === '--help') parsed.help = true;
		else if (arg === '--set') {
			const value = args[index + 1];
			if (value === undefined) return { ...parsed, problem: '--set needs a value' };
			parsed.setFlags.push(value);
			index++;
		} else if (arg.startsWith('--set=')) parsed.setFlags.push(arg.slice('--set='.length));
		else if (arg.startsWith('-')) return { ...parsed, problem: `unknown option ${arg}` };
		else break;
	}
	parsed.rest = args.slice(index);
	return parsed;
}

function questionSteps(lab: Lab): string[] {
	return lab.steps.filter((step) => step.question).map((step) => step.id);
}

function listQuestions(lab: Lab): string {
	const ids = questionSteps(lab);
	return ids.length > 0 ? `The question steps of ${lab.id} are: ${ids.join(', ')}` : `The lab ${lab.id} has no question steps.`;
}

export async function runAnswerCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseAnswerArgs(args);
	if (parsed.problem) {
		io.stderr(`registry-lab answer: ${parsed.problem}\n\n${answerUsage}`);
		return exitCodes.usage;
	}
	if (parsed.help) {
		io.stdout(answerUsage);
		return exitCodes.ok;
	}
	if (parsed.rest.length === 0) {
		io.stderr(`registry-lab answer: name the question step and give your answer\n\n${answerUsage}`);
		return exitCodes.usage;
	}
	const env = envOf(io);
	const prepare = (labArg: string | undefined) =>
		prepareLab({ labArg, setFlags: parsed.setFlags, env, cwd: io.cwd, signal: signalOf(io), chooseFreePorts: false, prepareWorkspace: false, allowMissing: true, useProgress: true });

	let prepared: PreparedLab;
	let labArg: string | undefined;
	let words: string[];
	try {
		const bundled = await prepare(undefined);
		const [first = '', ...others] = parsed.rest;
		if (bundled.lab.steps.some((step) => step.id === first)) {
			prepared = bundled;
			words = parsed.rest;
		} else {
			try {
				prepared = await prepare(first);
				labArg = first;
				words = others;
			} catch (error) {
				if (!(error instanceof PrepareLabError) || error.kind !== 'lab-not-found') throw error;
				io.stderr(`registry-lab answer: the lab ${bundled.lab.id} has no step "${first}". ${listQuestions(bundled.lab)}\n`);
				return exitCodes.usage;
			}
		}
	} catch (error) {
		return exitForPrepareError(io, 'answer', error);
	}
	printNotes(io, prepared.notes);

	const lab = prepared.lab;
	const [stepId, ...answerWords] = words;
	const step = lab.steps.find((candidate) => candidate.id === stepId);
	if (stepId === undefined) {
		io.stderr(`registry-lab answer: name the question step after the lab. ${listQuestions(lab)}\n`);
		return exitCodes.usage;
	}
	if (!step) {
		io.stderr(`registry-lab answer: the lab ${lab.id} has no step "${stepId}". ${listQuestions(lab)}\n`);
		return exitCodes.usage;
	}
	if (!step.question) {
		io.stderr(`registry-lab answer: ${stepId} is not a question; it is checked on your machine (registry-lab check ${labArgFor(labArg)}--step ${stepId}). ${listQuestions(lab)}\n`);
		return exitCodes.usage;
	}
	const answer = answerWords.join(' ');
	if (answer.trim() === '') {
		io.stderr(`registry-lab answer: type your answer after the step: registry-lab answer ${labArgFor(labArg)}${stepId} <your answer>\n\nThe question: ${step.question.ask.trim()}\n`);
		return exitCodes.usage;
	}

	const question = interpolateQuestion(step.question, prepared.vars);
	const verdict = judgeAnswer(question, answer);
	const verdictLine = verdict.correct ? 'Right.' : 'Not quite.';
	const feedback = verdict.feedback.trim();
	// Without an `explain`, the judge's feedback for a right answer is just "Right." again.
	const lines = feedback === '' || feedback === verdictLine ? [verdictLine] : [verdictLine, '', feedback];
	// Only after a right answer: for a reference question, the normalized form of a wrong one is often the answer.
	if (verdict.correct && verdict.normalized && verdict.normalized !== answer.trim()) lines.push('', `Docker reads the image reference as ${verdict.normalized}`);
	io.stdout(`${lines.join('\n')}\n`);

	const note = await recordAnswer(lab.id, env, step.id, answer, verdict.correct);
	if (note) printNotes(io, [note]);
	return verdict.correct ? exitCodes.ok : exitCodes.problems;
}

export const answerCommand: Command = {
	name: 'answer',
	summary: 'answer a question step of a lab and get feedback',
	usage: answerUsage,
	run: runAnswerCommand,
};
