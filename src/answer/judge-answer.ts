// Judges a learner's answer to a quiz question and says what exactly is wrong. Pure: the same
// question and answer always give the same verdict.
import type { Question } from '../lab/schema.js';
import { OFFICIAL_REPO_PREFIX, parseNormalizedReference, splitDockerDomain } from '../registry/reference.js';
import { commandProblemText, issueParts, messages, referenceIssueText } from './feedback-messages.js';
import { composeFeedback, type FeedbackPoint, type Repairs } from './feedback-points.js';
import { judgeChoice, judgeText } from './judge-text-and-choice.js';
import { labFeedbackFor } from './lab-feedback.js';
import { looksLikeCommand, parsePullCommand, type PullCommand } from './parse-pull-command.js';
import { compareReference, repairReference, type ReferenceIssue, type ReferenceJudgement } from './reference-feedback.js';

export interface Verdict {
	correct: boolean;
	/**
	 * Markdown (inline code). When wrong: what exactly is wrong, at most two short paragraphs, the
	 * most specific first, never the whole right answer. When right: the question's `explain` text
	 * (and any notes).
	 */
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
			return finish(question, answer, { isCorrect: judged.isCorrect, normalized: judged.normalized });
		}
		case 'choice': {
			const judged = judgeChoice(question, answer);
			const points: FeedbackPoint[] = judged.problem ? [{ text: judged.problem, about: ['answer'] }] : [];
			return finish(question, answer, { isCorrect: judged.isCorrect, points, normalized: judged.normalized });
		}
	}
}

interface Judged {
	isCorrect: boolean;
	/** What is wrong, the most specific first. */
	points?: readonly FeedbackPoint[];
	/** Said after a right answer's explanation. */
	notes?: readonly string[];
	normalized?: string;
	/** The answer with one part made right, to tell what the lab's rules are about. */
	repairs?: Repairs;
}

/** Builds the verdict: right gets the explanation, wrong gets the points, in the lab's words where it has some. */
function finish(question: Question, answer: string, { isCorrect, points = [], notes = [], normalized, repairs = {} }: Judged): Verdict {
	const base = normalized === undefined ? {} : { normalized };
	if (isCorrect) {
		return { correct: true, feedback: [question.explain ?? messages.right, ...notes].join('\n\n'), ...base };
	}
	const said = composeFeedback(points, labFeedbackFor(question.feedback, answer, repairs));
	return { correct: false, feedback: said.length > 0 ? said.join('\n\n') : messages.wrongFallback, ...base };
}

const issuePoint = (issue: ReferenceIssue): FeedbackPoint => ({ text: referenceIssueText(issue), about: issueParts(issue) });

/** The answer as typed with the reference in it repaired one part at a time (when the reference can be found in it). */
function referenceRepairs(answer: string, typedReference: string, expected: string): Repairs {
	const typed = answer.trim();
	if (typedReference === '' || !typed.includes(typedReference)) return {};
	const repaired = repairReference(typedReference, expected);
	const inAnswer = (text: string): string => typed.replace(typedReference, text);
	return {
		registry: inAnswer(repaired.registry),
		repository: inAnswer(repaired.repository),
		tag: inAnswer(repaired.tag),
		digest: inAnswer(repaired.digest),
	};
}

/** The image a reference question is about, as people write it (`kiamol/ch05-pi`, `alpine`). */
function imageName(expected: string): string {
	try {
		const path = parseNormalizedReference(expected.trim()).path;
		return path.startsWith(OFFICIAL_REPO_PREFIX) ? path.slice(OFFICIAL_REPO_PREFIX.length) : path;
	} catch {
		return expected.trim();
	}
}

/**
 * "docker.io and latest", "docker.io:latest", "latest": the registry and tag the question asks
 * about, given without the image. Compared as a reference, Docker would read `docker.io` as an image
 * of that name; say instead that the answer is the whole reference, and which parts are right.
 */
function namesNoImage(text: string, expected: string): FeedbackPoint | undefined {
	const image = imageName(expected);
	const lower = text.toLowerCase();
	const lastPart = image.split('/').at(-1) ?? image;
	if (text.includes('/') || lower.includes(lastPart)) return undefined;
	let domain: string | undefined;
	let tag: string | undefined;
	try {
		const parsed = parseNormalizedReference(expected.trim());
		domain = splitDockerDomain(expected.trim()).isDomainExplicit ? parsed.domain : undefined;
		tag = parsed.tag;
	} catch {
		return undefined;
	}
	const words = lower.split(/[^a-z0-9._-]+/).filter((word) => word !== '');
	const named = {
		...(domain !== undefined && words.includes(domain) ? { registry: domain } : {}),
		...(tag !== undefined && words.includes(tag) ? { tag } : {}),
	};
	if (Object.keys(named).length === 0 && !/[\s,]/.test(text)) return undefined;
	return { text: messages.notAReference(image, named), about: ['answer'] };
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
function closest<T extends { judgement: ReferenceJudgement; extra: FeedbackPoint[] }>(candidates: T[]): T | undefined {
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
	const before: FeedbackPoint[] = [];
	const commandRepair: Repairs = {};
	if (looksLikeCommand(text)) {
		before.push({ text: messages.referenceNotCommand, about: ['command'] });
		const parsed = parsePullCommand(text);
		if (!parsed.ok) return finish(question, answer, { isCorrect: false, points: before });
		text = parsed.command.reference;
		commandRepair.command = text;
	}
	const candidates = question.accept.flatMap((expected) => {
		const judgement = tryCompare(text, expected, true);
		return judgement ? [{ judgement, expected, extra: [] as FeedbackPoint[] }] : [];
	});
	const best = closest(candidates);
	if (!best) return { correct: false, feedback: messages.noValidAccept };
	const { judgement, expected } = best;
	const noImage = judgement.isCorrect ? undefined : namesNoImage(text, expected);
	return finish(question, answer, {
		isCorrect: judgement.isCorrect && before.length === 0,
		points: [...before, ...(noImage ? [noImage] : judgement.issues.map(issuePoint))],
		notes: judgement.notes.map(messages.legacyNote),
		normalized: judgement.normalized,
		repairs: noImage ? {} : { ...referenceRepairs(answer, text, expected), ...commandRepair },
	});
}

function tagOf(reference: string): string | undefined {
	try {
		return parseNormalizedReference(reference).tag;
	} catch {
		return undefined;
	}
}

/** Problems with the options of a pull, compared with an accepted pull command. */
function flagProblems(answer: PullCommand, expected: PullCommand, judgement: ReferenceJudgement): FeedbackPoint[] {
	const problems: FeedbackPoint[] = [];
	const expectedTag = tagOf(expected.reference);
	if (answer.flags.allTags && tagOf(answer.reference) !== undefined) {
		problems.push({ text: messages.allTagsWithTag, about: ['command', 'tag'] });
	} else if (answer.flags.allTags && !expected.flags.allTags) {
		problems.push({ text: messages.allTagsInsteadOfTag(expectedTag ?? 'latest'), about: ['command', 'tag'] });
	} else if (!answer.flags.allTags && expected.flags.allTags) {
		problems.push({ text: messages.missingAllTags, about: ['command'] });
	}
	if (expected.flags.platform !== undefined && answer.flags.platform !== expected.flags.platform) {
		problems.push({ text: messages.wrongPlatform(answer.flags.platform, expected.flags.platform), about: ['command'] });
	}
	if (answer.program === 'podman' && judgement.issues.length === 0 && !splitDockerDomain(answer.reference).isDomainExplicit) {
		problems.push({ text: messages.podmanShortName, about: ['registry'] });
	}
	return problems;
}

function judgeCommandAnswer(question: Question, answer: string): Verdict {
	const text = unwrap(answer, { stripQuotes: false });
	const accepted = question.accept.flatMap((expected) => {
		const parsed = parsePullCommand(expected);
		return parsed.ok ? [{ ...parsed.command, text: expected.trim() }] : [];
	});
	const parsed = parsePullCommand(text);
	if (!parsed.ok) {
		const first = accepted[0];
		if (!first) return { correct: false, feedback: messages.noValidAccept };
		// Nothing of the command can be read, so a lab rule is about the command as a whole.
		return finish(question, answer, {
			isCorrect: false,
			points: [{ text: commandProblemText(parsed.problem), about: ['command'] }],
			repairs: { command: first.text },
		});
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
				expected,
				extra: flagProblems(command, expected, judgement),
			},
		];
	});
	const best = closest(candidates);
	if (!best) return { correct: false, feedback: messages.noValidAccept };
	const { judgement, expected, extra } = best;
	return finish(question, answer, {
		isCorrect: judgement.isCorrect && extra.length === 0,
		points: [...judgement.issues.map(issuePoint), ...extra],
		notes: judgement.notes.map(messages.legacyNote),
		normalized: judgement.normalized,
		repairs: {
			...referenceRepairs(answer, command.reference, expected.reference),
			// The accepted command around the learner's image: everything but the image made right.
			command: expected.text.replace(expected.reference, command.reference),
		},
	});
}
