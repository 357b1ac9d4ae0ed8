// The lab author's own feedback rules (`feedback: [{ when, say }]`): extra words for a wrong
// answer that matches a pattern. They add to the built-in feedback; they never decide correctness.
import type { Question } from '../lab/schema.js';

type FeedbackRule = NonNullable<Question['feedback']>[number];

/** Compiles a lab-written pattern; a malformed one matches nothing (the lab linter reports it). */
export function compileLabPattern(pattern: string, flags = 'i'): RegExp | undefined {
	try {
		return new RegExp(pattern, flags);
	} catch {
		return undefined;
	}
}

/** What the lab says about this wrong answer: every rule whose `when` matches the trimmed answer. */
export function labFeedbackFor(rules: readonly FeedbackRule[] | undefined, answer: string): string[] {
	const typed = answer.trim();
	return (rules ?? []).filter((rule) => compileLabPattern(rule.when)?.test(typed) === true).map((rule) => rule.say);
}
