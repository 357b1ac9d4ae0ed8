// The lab author's own feedback rules (`feedback: [{ when, say }]`): words for a wrong answer that
// matches a pattern. They never decide correctness. Where a rule is about the same part of the
// answer as a point the judge found, the rule's words take that point's place (feedback-points.ts).
import type { Question } from '../lab/schema.js';
import { partsAbout, type LabPoint, type Repairs } from './feedback-points.js';

type FeedbackRule = NonNullable<Question['feedback']>[number];

/** Compiles a lab-written pattern; a malformed one matches nothing (the lab linter reports it). */
export function compileLabPattern(pattern: string, flags = 'i'): RegExp | undefined {
	try {
		return new RegExp(pattern, flags);
	} catch {
		return undefined;
	}
}

/**
 * What the lab says about this wrong answer: every rule whose `when` matches the trimmed answer,
 * with the parts it is about (found by repairing one part at a time; none without repairs).
 */
export function labFeedbackFor(rules: readonly FeedbackRule[] | undefined, answer: string, repairs: Repairs = {}): LabPoint[] {
	const typed = answer.trim();
	return (rules ?? []).flatMap((rule) => {
		const pattern = compileLabPattern(rule.when);
		if (pattern?.test(typed) !== true) return [];
		return [{ text: rule.say, about: partsAbout((text) => pattern.test(text.trim()), repairs) }];
	});
}
