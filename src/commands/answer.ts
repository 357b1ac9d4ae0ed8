// `registry-lab answer [lab] <step> <answer...>`: judges an answer to a question step, says what is
// wrong with a wrong one, and saves a right one with the learner's progress (so `check` counts it).
import { judgeAnswer } from '../answer/judge-answer.js';
import type { Lab } from '../lab/schema.js';
import { exitForPrepareError, labArgFor, printNotes } from './command-support.js';
import { prepareLab, PrepareLabError, type PreparedLab } from '../runtime/prepare-lab.js';
import { recordAnswer } from '../runtime/progress-records.js';
import { interpolateQuestion } from '../answer/question-proof.js';
import { exitCodes, type Command, type CommandIo } from './command.js';

export const answerUsage = `Usage: registry-lab answer [lab] <step> <answer...>

Judges your answer to a question step and says what is wrong with a wrong one. The words after the
step are the answer, options included (docker pull --platform ... works without quotes). A right
answer is saved with your progress, so registry-lab check counts the step as done.

Options (anywhere before the step, also between the lab and the step):
  --set <name=value>   give a variable a value (repeatable); after the answer it is an option too
  -h, --help           show this help
  --                   the rest is the answer, word for word (for an answer that contains --set)

Examples:
  registry-lab answer reference-defaults docker.io/kiamol/ch05-pi:latest
  registry-lab answer registries --set dockerId=learner1 pull-from-mcr docker pull mcr.microsoft.com/dotnet/runtime:5.0
  registry-lab answer reference-defaults docker.io/kiamol/ch05-pi:latest --set dockerId=learner1

Exit codes: 0 right, 1 wrong, 2 not a question step, an unknown step, or wrong usage.
`;

export interface AnswerArgs {
	help: boolean;
	setFlags: string[];
	/** The words before the answer: the step, or the lab and the step. */
	names: string[];
	/** The answer's words, with the `--set` options taken out. */
	answer: string[];
	problem?: string;
}

/**
 * Reads `answer`'s arguments when `leading` words (1: the step; 2: the lab and the step) come before
 * the answer. Before the answer every option is ours; in the answer only `--set name=value` is, so
 * an answer's own flags (`docker pull --platform ...`) stay in it. `--` makes the rest verbatim. Pure.
 */
export function parseAnswerArgs(args: readonly string[], leading: 1 | 2 = 1): AnswerArgs {
	const parsed: AnswerArgs = { help: false, setFlags: [], names: [], answer: [] };
	let isVerbatim = false;
	for (let index = 0; index < args.length; index++) {
		const arg = args[index] ?? '';
		const isInAnswer = parsed.names.length >= leading;
		if (!isVerbatim && arg === '--') {
			isVerbatim = true;
			continue;
		}
		if (!isVerbatim && arg === '--set') {
			const value = args[index + 1];
			if (value === undefined) return { ...parsed, problem: '--set needs a value, e.g. --set dockerId=learner1' };
			parsed.setFlags.push(value);
			index++;
			continue;
		}
		if (!isVerbatim && arg.startsWith('--set=')) {
			parsed.setFlags.push(arg.slice('--set='.length));
			continue;
		}
		if (!isVerbatim && !isInAnswer && (arg === '-h' || arg === '--help')) {
			parsed.help = true;
			continue;
		}
		if (!isVerbatim && !isInAnswer && arg.startsWith('-') && arg !== '-') return { ...parsed, problem: `unknown option ${arg}` };
		(isInAnswer ? parsed.answer : parsed.names).push(arg);
	}
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
	const usageProblem = (problem: string): number => {
		io.stderr(`registry-lab answer: ${problem}\n\n${answerUsage}`);
		return exitCodes.usage;
	};
	// First read as `<step> <answer...>`; the bundled lab decides whether the first word is its step.
	let parsed = parseAnswerArgs(args);
	if (parsed.problem) return usageProblem(parsed.problem);
	if (parsed.help) {
		io.stdout(answerUsage);
		return exitCodes.ok;
	}
	const [first] = parsed.names;
	if (first === undefined) return usageProblem('name the question step and give your answer');
	const env = io.env;
	const prepare = (labArg: string | undefined, setFlags: readonly string[]) =>
		prepareLab({
			labArg,
			setFlags,
			env,
			cwd: io.cwd,
			signal: io.signal,
			chooseFreePorts: false,
			prepareWorkspace: false,
			allowMissing: true,
			useProgress: true,
		});

	let prepared: PreparedLab;
	let labArg: string | undefined;
	try {
		// A --set meant for another lab (`answer mylab step --set theirs=1`) does not fit the bundled one:
		// that is said only when the first word turns out not to be a lab.
		let bundled: PreparedLab | undefined;
		let bundledProblem: PrepareLabError | undefined;
		try {
			bundled = await prepare(undefined, parsed.setFlags);
		} catch (error) {
			if (!(error instanceof PrepareLabError) || error.kind !== 'invalid-variables') throw error;
			bundledProblem = error;
		}
		if (bundled?.lab.steps.some((step) => step.id === first)) {
			prepared = bundled;
		} else {
			// `<lab> <step> <answer...>`: options may also stand between the lab and the step.
			parsed = parseAnswerArgs(args, 2);
			if (parsed.help) {
				io.stdout(answerUsage);
				return exitCodes.ok;
			}
			try {
				prepared = await prepare(first, parsed.setFlags);
				labArg = first;
			} catch (error) {
				if (!(error instanceof PrepareLabError) || error.kind !== 'lab-not-found') throw error;
				// Not a lab either: say what did not fit the bundled lab.
				if (!bundled) throw bundledProblem ?? error;
				io.stderr(`registry-lab answer: the lab ${bundled.lab.id} has no step "${first}". ${listQuestions(bundled.lab)}\n`);
				return exitCodes.usage;
			}
			if (parsed.problem) return usageProblem(parsed.problem);
		}
	} catch (error) {
		return exitForPrepareError(io, 'answer', error);
	}
	printNotes(io, prepared.notes);

	const lab = prepared.lab;
	const stepId = parsed.names[labArg === undefined ? 0 : 1];
	const answerWords = parsed.answer;
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
		io.stderr(
			`registry-lab answer: ${stepId} is not a question; it is checked on your machine (registry-lab check ${labArgFor(labArg)}--step ${stepId}). ${listQuestions(lab)}\n`,
		);
		return exitCodes.usage;
	}
	const answer = answerWords.join(' ');
	if (answer.trim() === '') {
		io.stderr(
			`registry-lab answer: type your answer after the step: registry-lab answer ${labArgFor(labArg)}${stepId} <your answer>\n\nThe question: ${step.question.ask.trim()}\n`,
		);
		return exitCodes.usage;
	}

	const question = interpolateQuestion(step.question, prepared.vars);
	const verdict = judgeAnswer(question, answer);
	const verdictLine = verdict.correct ? 'Right.' : 'Not quite.';
	const feedback = verdict.feedback.trim();
	// Without an `explain`, the judge's feedback for a right answer is just "Right." again.
	const lines = feedback === '' || feedback === verdictLine ? [verdictLine] : [verdictLine, '', feedback];
	// Only after a right answer: for a reference question, the normalized form of a wrong one is often the answer.
	if (verdict.correct && verdict.normalized && verdict.normalized !== answer.trim())
		lines.push('', `Docker reads the image reference as ${verdict.normalized}`);
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
