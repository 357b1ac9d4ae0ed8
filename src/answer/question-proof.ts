// How `registry-lab test` proves a question step: every accepted answer is judged right, and an
// answer that is clearly wrong is judged wrong with something to say about it. Pure.
import { judgeAnswer } from './judge-answer.js';
import { interpolate } from '../lab/interpolate.js';
import type { Question } from '../lab/schema.js';

/** The question with `{{name}}` filled in wherever the learner reads or types it. */
export function interpolateQuestion(question: Question, vars: Readonly<Record<string, string>>): Question {
	const fill = (text: string) => interpolate(text, vars);
	return {
		...question,
		ask: fill(question.ask),
		accept: question.accept.map(fill),
		...(question.choices ? { choices: question.choices.map(fill) } : {}),
		...(question.feedback ? { feedback: question.feedback.map((rule) => ({ when: rule.when, say: fill(rule.say) })) } : {}),
		...(question.explain ? { explain: fill(question.explain) } : {}),
	};
}

/** An answer no sensible question accepts, of the kind the question asks for; undefined when every choice is right. */
export function clearlyWrongAnswer(question: Question): string | undefined {
	switch (question.kind) {
		case 'reference':
			return 'registry-lab.invalid/clearly/wrong:answer';
		case 'command':
			return 'docker pull registry-lab.invalid/clearly/wrong:answer';
		case 'text':
			return 'registry-lab test: a clearly wrong answer';
		case 'choice': {
			const accepted = new Set(question.accept.map((answer) => answer.trim().toLowerCase()));
			return question.choices?.find((choice) => !accepted.has(choice.trim().toLowerCase()));
		}
	}
}

export interface QuestionProof {
	ok: boolean;
	/** What is wrong with the question, for the lab's author; empty when ok. */
	problems: string[];
	/** What was proven, for the report. */
	notes: string[];
}

export function proveQuestion(question: Question): QuestionProof {
	const problems: string[] = [];
	const notes: string[] = [];
	// A `text` question's accepted answers are patterns, not answers a learner would type.
	const accepted = question.kind === 'text' ? [] : question.accept;
	for (const answer of accepted) {
		const verdict = judgeAnswer(question, answer);
		if (!verdict.correct) problems.push(`The accepted answer "${answer}" is judged wrong: ${verdict.feedback}`);
	}
	if (question.kind === 'text') notes.push('Its accepted answers are patterns, so they are not tried as answers.');
	else if (problems.length === 0)
		notes.push(
			`${question.accept.length === 1 ? 'The accepted answer is' : `All ${question.accept.length} accepted answers are`} judged right.`,
		);
	const wrong = clearlyWrongAnswer(question);
	if (wrong === undefined) {
		notes.push('Every choice is accepted, so no wrong answer could be tried.');
	} else {
		const verdict = judgeAnswer(question, wrong);
		if (verdict.correct) problems.push(`The clearly wrong answer "${wrong}" is judged right: the question accepts too much.`);
		else if (verdict.feedback.trim() === '')
			problems.push(`The wrong answer "${wrong}" is judged wrong, but with no feedback for the learner.`);
		else notes.push(`A wrong answer is judged wrong, with feedback.`);
	}
	return { ok: problems.length === 0, problems, notes };
}
