// `text` questions (the lab's regular expressions) and `choice` questions (a number or the text).
import type { Question } from '../lab/schema.js';
import { messages } from './feedback-messages.js';
import { compileLabPattern } from './lab-feedback.js';

export interface PlainJudgement {
	isCorrect: boolean;
	/** Why it is wrong, when the question kind can tell (choice out of range, unknown choice). */
	problem?: string;
	normalized?: string;
}

/** Each `accept` entry is a case-insensitive regular expression for the whole trimmed answer. */
export function judgeText(question: Question, answer: string): PlainJudgement {
	const typed = answer.trim();
	const isCorrect = question.accept.some((pattern) => {
		const regexp = compileLabPattern(`^(?:${pattern})$`);
		// A pattern that is not a valid regular expression is taken as plain text.
		return regexp ? regexp.test(typed) : pattern.trim().toLowerCase() === typed.toLowerCase();
	});
	return { isCorrect, normalized: typed };
}

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The answer is a choice's number (1-based, `2`, `2.` or `2)`) or its text, case-insensitive. */
export function judgeChoice(question: Question, answer: string): PlainJudgement {
	const typed = answer.trim();
	const choices = question.choices ?? question.accept;
	const number = /^(\d+)[.)]?$/.exec(typed);
	let chosen: string | undefined;
	if (number) {
		chosen = choices[Number(number[1]) - 1];
		// A choice may itself be a number ("5000"): then the text wins over the position.
		const byText = choices.find((choice) => sameText(choice, typed));
		if (byText !== undefined) chosen = byText;
		if (chosen === undefined) return { isCorrect: false, problem: messages.choiceOutOfRange(choices.length) };
	} else {
		chosen = choices.find((choice) => sameText(choice, typed));
		if (chosen === undefined) return { isCorrect: false, problem: messages.choiceUnknown(choices.length) };
	}
	const isCorrect = question.accept.some((accepted) => sameText(accepted, chosen));
	return { isCorrect, normalized: chosen };
}
