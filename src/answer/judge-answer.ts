// Judges a learner's answer to a quiz question and says what exactly is wrong. Pure: the same
// question and answer always give the same verdict.
import type { Question } from '../lab/schema.js';
import { parseNormalizedReference, splitDockerDomain } from '../registry/reference.js';
import { commandProblemText, messages, referenceIssueText } from './feedback-messages.js';
import { judgeChoice, judgeText } from './judge-text-and-choice.js';
import { labFeedbackFor } from './lab-feedback.js';
import { looksLikeCommand, parsePullCommand, type PullCommand } from './parse-pull-command.js';
import { compareReference, type ReferenceJudgement } from './reference-feedback.js';

export interface Verdict {
	correct: boolean;
	/** What exactly is wrong; or, when right, the question's `explain` text (and any notes). */
	feedback: string;
	/** The answer as Docker reads it: the full reference for reference and command questions. */
	normalized?: string;
}

/** Judges one answer. Never throws for any answer text. */
export function judgeAnswer(question: Question, answer: string): Verdict {
	if (answer.trim() === '') return { correct: false, feedback: messages.empty };
	switch (question.kind) {
		case 'reference':
			return judgeReferenceAnswer(question, answer);
		case 'command':
			return judgeCommandAnswer(question, answer);
		case 'text': {
			const judged = judgeText(question, answer);
			return finish(question, answer, judged.isCorrect, [], [], judged.normalized);
		}
		case 'choice': {
			const judged = judgeChoice(question, answer);
			return finish(question, answer, judged.isCorrect, judged.problem ? [judged.problem] : [], [], judged.normalized);
		}
	}
}

/** Builds the verdict: right gets the explanation, wrong gets the reasons, then the lab's own words. */
function finish(
	question: Question,
	answer: string,
	isCorrect: boolean,
	problems: readonly string[],
	notes: readonly string[],
	normalized: string | undefined,
): Verdict {
	const base = normalized === undefined ? {} : { normalized };
	if (isCorrect) {
		return { correct: true, feedback: [question.explain ?? messages.right, ...notes].join('\n\n'), ...base };
	}
	const said = [...problems, ...labFeedbackFor(question.feedback, answer)];
	return { correct: false, feedback: said.length > 0 ? said.join('\n\n') : messages.wrongFallback, ...base };
}

// People paste answers from markdown or a terminal: `code`, ```code```, "quotes", a `$ ` prompt.
function unwrap(answer: string, options: { stripQuotes: boolean }): string {
	let text = answer.trim();
	const fenced = /^```[a-z]*\s*([\s\S]*?)\s*```$/.exec(text) ?? /^`([^`]*)`$/.exec(text);
	if (fenced) text = (fenced[1] ?? '').trim();
	if (options.stripQuotes) {
		const quoted = /^"([^"]*)"$/.exec(text) ?? /^'([^']*)'$/.exec(text);
		if (quoted) text = (quoted[1] ?? '').trim();
	}
	return text.replace(/^\$\s+/, '');
}

/** Compares against every accepted answer and keeps the closest: right, or the fewest issues. */
function closest<T extends { judgement: ReferenceJudgement; extra: string[] }>(candidates: T[]): T | undefined {
	const size = (candidate: T): number => candidate.judgement.issues.length + candidate.extra.length;
	return candidates.reduce<T | undefined>((best, candidate) => (!best || size(candidate) < size(best) ? candidate : best), undefined);
}

function tryCompare(answer: string, expected: string, requireExplicit: boolean): ReferenceJudgement | undefined {
	try {
		return compareReference(answer, expected, { requireExplicit });
	} catch {
		return undefined; // the lab's accepted reference is invalid; the lab linter reports it
	}
}

function judgeReferenceAnswer(question: Question, answer: string): Verdict {
	let text = unwrap(answer, { stripQuotes: true });
	const before: string[] = [];
	if (looksLikeCommand(text)) {
		before.push(messages.referenceNotCommand);
		const parsed = parsePullCommand(text);
		if (!parsed.ok) return finish(question, answer, false, before, [], undefined);
		text = parsed.command.reference;
	}
	const candidates = question.accept.flatMap((expected) => {
		const judgement = tryCompare(text, expected, true);
		return judgement ? [{ judgement, extra: [] as string[] }] : [];
	});
	const best = closest(candidates);
	if (!best) return { correct: false, feedback: messages.noValidAccept };
	const { judgement } = best;
	return finish(
		question,
		answer,
		judgement.isCorrect && before.length === 0,
		[...before, ...judgement.issues.map(referenceIssueText)],
		judgement.notes.map(messages.legacyNote),
		judgement.normalized,
	);
}

function tagOf(reference: string): string | undefined {
	try {
		return parseNormalizedReference(reference).tag;
	} catch {
		return undefined;
	}
}

/** Problems with the options of a pull, compared with an accepted pull command. */
function flagProblems(answer: PullCommand, expected: PullCommand, judgement: ReferenceJudgement): string[] {
	const problems: string[] = [];
	const expectedTag = tagOf(expected.reference);
	if (answer.flags.allTags && tagOf(answer.reference) !== undefined) {
		problems.push(messages.allTagsWithTag);
	} else if (answer.flags.allTags && !expected.flags.allTags) {
		problems.push(messages.allTagsInsteadOfTag(expectedTag ?? 'latest'));
	} else if (!answer.flags.allTags && expected.flags.allTags) {
		problems.push(messages.missingAllTags);
	}
	if (expected.flags.platform !== undefined && answer.flags.platform !== expected.flags.platform) {
		problems.push(messages.wrongPlatform(answer.flags.platform, expected.flags.platform));
	}
	if (answer.program === 'podman' && judgement.issues.length === 0 && !splitDockerDomain(answer.reference).isDomainExplicit) {
		problems.push(messages.podmanShortName);
	}
	return problems;
}

function judgeCommandAnswer(question: Question, answer: string): Verdict {
	const text = unwrap(answer, { stripQuotes: false });
	const accepted = question.accept.flatMap((expected) => {
		const parsed = parsePullCommand(expected);
		return parsed.ok ? [parsed.command] : [];
	});
	const parsed = parsePullCommand(text);
	if (!parsed.ok) {
		if (accepted.length === 0) return { correct: false, feedback: messages.noValidAccept };
		return finish(question, answer, false, [commandProblemText(parsed.problem)], [], undefined);
	}
	const command = parsed.command;
	const candidates = accepted.flatMap((expected) => {
		const judgement = tryCompare(command.reference, expected.reference, false);
		if (!judgement) return [];
		// With --all-tags there is no tag to name, so a missing tag is covered by the -a message.
		const issues = command.flags.allTags
			? judgement.issues.filter((issue) => issue.kind !== 'missing-tag' && issue.kind !== 'missing-default-tag')
			: judgement.issues;
		return [
			{
				judgement: { ...judgement, issues, isCorrect: issues.length === 0 },
				extra: flagProblems(command, expected, judgement),
			},
		];
	});
	const best = closest(candidates);
	if (!best) return { correct: false, feedback: messages.noValidAccept };
	const { judgement, extra } = best;
	return finish(
		question,
		answer,
		judgement.isCorrect && extra.length === 0,
		[...judgement.issues.map(referenceIssueText), ...extra],
		judgement.notes.map(messages.legacyNote),
		judgement.normalized,
	);
}
