// Feedback for a wrong answer is a few points, each about one part of the answer (the command,
// the registry, the repository, the tag). The judge finds them; the lab's own `feedback` rules may
// say the same in the author's words. What the learner reads is at most two short paragraphs, the
// most specific first, and never the same point twice. Pure.

/** The parts of an answer a point can be about. `answer`: its shape as a whole (not a reference at all, a choice that does not exist). */
export type AnswerPart = 'command' | 'registry' | 'repository' | 'tag' | 'digest' | 'answer';

/** One thing the judge found wrong. */
export interface FeedbackPoint {
	/** Markdown: inline code and bold at most. */
	text: string;
	about: readonly AnswerPart[];
}

/** A lab `feedback` rule that matched, with the parts it is about (empty when that is not known). */
export interface LabPoint {
	text: string;
	about: readonly AnswerPart[];
}

/** A learner reads two short paragraphs; a third is a wall. The rest comes with the next try. */
export const MAX_FEEDBACK_PARAGRAPHS = 2;

/** The answer with one part made right, for telling what a lab rule is about. */
export type Repairs = Partial<Record<AnswerPart, string>>;

/**
 * The parts a lab rule is about: those whose repair makes it stop matching. `mcr/` in front of a
 * repository is about the registry when the rule no longer matches once the registry is right.
 */
export function partsAbout(matches: (text: string) => boolean, repairs: Repairs): AnswerPart[] {
	return (Object.keys(repairs) as AnswerPart[]).filter((part) => {
		const repaired = repairs[part];
		return repaired !== undefined && !matches(repaired);
	});
}

const sameParts = (a: readonly AnswerPart[], b: readonly AnswerPart[]): boolean =>
	a.length === b.length && a.every((part) => b.includes(part));

/**
 * The paragraphs to show, in the judge's order (it lists the mistake that decides first). Where a
 * lab rule is about exactly the parts of a judge's point, the lab's words replace the judge's: the
 * author wrote them for this question. A point about parts already covered says nothing new and is
 * dropped. Lab rules about parts the judge found nothing wrong with follow; rules whose subject is
 * unknown only speak when the judge has nothing to say (text and choice questions).
 */
export function composeFeedback(judged: readonly FeedbackPoint[], lab: readonly LabPoint[]): string[] {
	const covered = new Set<AnswerPart>();
	const used = new Set<LabPoint>();
	const said: string[] = [];
	const isCovered = (parts: readonly AnswerPart[]): boolean => parts.length > 0 && parts.every((part) => covered.has(part));
	for (const point of judged) {
		if (isCovered(point.about)) continue;
		// A point about the answer's shape as a whole is the judge's to make: a rule cannot be more exact.
		const labWords = point.about.includes('answer') ? undefined : lab.find((rule) => !used.has(rule) && sameParts(rule.about, point.about));
		if (labWords) used.add(labWords);
		said.push(labWords?.text ?? point.text);
		for (const part of point.about) covered.add(part);
	}
	for (const rule of lab) {
		if (used.has(rule) || said.includes(rule.text)) continue;
		if (rule.about.length === 0 ? judged.length > 0 : isCovered(rule.about)) continue;
		said.push(rule.text);
		for (const part of rule.about) covered.add(part);
	}
	return said.slice(0, MAX_FEEDBACK_PARAGRAPHS);
}
