// The progress a learner publishes to the classroom registry, and the instructor's rows made from
// what was published. Pure: the document is built from the saved progress and the lab alone, so it
// holds only what the learner agreed to share (steps, times, hint and answer counts), never the
// answers' text, the variables they gave, or anything else from their machine.
import { z } from 'zod';
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';

/** The media type of the document itself (the artifact's one layer). */
export const PROGRESS_MEDIA_TYPE = 'application/vnd.registry-lab.progress.v1+json';
/** The manifest's `artifactType`, so registries and tools can tell a progress artifact from an image. */
export const PROGRESS_ARTIFACT_TYPE = 'application/vnd.registry-lab.progress.v1';

/** The repository of a lab in the classroom registry: one per lab, one tag per learner. */
export function classRepository(labId: string): string {
	return `registry-lab/${labId}`;
}

const learnerNamePattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** Why a learner name cannot be used (it becomes a tag), or undefined when it can. */
export function learnerNameProblem(name: string): string | undefined {
	if (learnerNamePattern.test(name)) return undefined;
	return `"${name}" cannot be your name in the class: it becomes a tag in the registry, so use up to 128 letters, digits, dots, dashes and underscores, starting with a letter, digit or underscore (e.g. ana-lopez)`;
}

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date and time');

export const progressDocumentSchema = z.object({
	version: z.literal(1),
	/** The name the learner published as (also the tag). */
	learner: z.string().regex(learnerNamePattern),
	lab: z.object({ id: z.string(), title: z.string(), steps: z.number().int().min(0) }),
	/** When this document was made. */
	publishedAt: isoTime,
	startedAt: isoTime,
	finishedAt: isoTime.optional(),
	/** Steps done, in the lab's order, with when each was first done where known. */
	done: z.array(z.object({ step: z.string(), at: isoTime.optional() })),
	/** The step the learner is on (absent when every step is done) and since when. */
	current: z.object({ step: z.string(), title: z.string(), since: isoTime }).optional(),
	/** Hints shown, per step. */
	hints: z.record(z.string(), z.number().int().min(0)),
	/** Steps whose solution was shown. */
	solutions: z.array(z.string()),
	/** Question steps whose last answer was right, and whose last answer was wrong. Never the text. */
	answers: z.object({ right: z.number().int().min(0), wrong: z.number().int().min(0) }),
});

export type ProgressDocument = z.infer<typeof progressDocumentSchema>;

/**
 * The document for a learner's saved progress. The current step is the one selected if it is not
 * done, else the first step not done; it has been current since the learner moved to it (saved by
 * the TUI), else since the last step was done (or the start).
 */
export function progressDocument(lab: Lab, saved: ProgressState | undefined, learnerName: string, now: Date): ProgressDocument {
	const stepIds = new Set(lab.steps.map((step) => step.id));
	const doneIds = new Set((saved?.done ?? []).filter((id) => stepIds.has(id)));
	const doneAt = saved?.doneAt ?? {};
	const done = lab.steps
		.filter((step) => doneIds.has(step.id))
		.map((step) => (doneAt[step.id] === undefined ? { step: step.id } : { step: step.id, at: doneAt[step.id] }));
	const startedAt = saved?.startedAt ?? now.toISOString();
	const selected = lab.steps.find((step) => step.id === saved?.selected && !doneIds.has(step.id));
	const currentStep = selected ?? lab.steps.find((step) => !doneIds.has(step.id));
	// When the learner moved to it, if the TUI saved that; else since the last step was done (or the start).
	const since =
		selected && saved?.selectedAt !== undefined && !Number.isNaN(Date.parse(saved.selectedAt))
			? saved.selectedAt
			: [startedAt, ...done.flatMap((entry) => (entry.at ? [entry.at] : []))].reduce((latest, time) =>
					Date.parse(time) > Date.parse(latest) ? time : latest,
				);
	const hints = Object.fromEntries(Object.entries(saved?.hintsShown ?? {}).filter(([id, count]) => stepIds.has(id) && count > 0));
	const answers = Object.entries(saved?.answers ?? {}).filter(([id]) => stepIds.has(id));
	return {
		version: 1,
		learner: learnerName,
		lab: { id: lab.id, title: lab.title, steps: lab.steps.length },
		publishedAt: now.toISOString(),
		startedAt,
		...(saved?.finishedAt === undefined ? {} : { finishedAt: saved.finishedAt }),
		done,
		...(currentStep ? { current: { step: currentStep.id, title: currentStep.title, since } } : {}),
		hints,
		solutions: (saved?.solutionsShown ?? []).filter((id) => stepIds.has(id)),
		answers: {
			right: answers.filter(([, answer]) => answer.correct).length,
			wrong: answers.filter(([, answer]) => !answer.correct).length,
		},
	};
}

/** The exact bytes published: `publish` prints this text and pushes it unchanged. */
export function serializeProgressDocument(document: ProgressDocument): string {
	return `${JSON.stringify(document, null, 2)}\n`;
}

/** A document read back from the registry, or why it is not one of ours. */
export function parseProgressDocument(json: string): { document: ProgressDocument } | { problem: string } {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { problem: 'it is not JSON' };
	}
	const result = progressDocumentSchema.safeParse(value);
	if (result.success) return { document: result.data };
	const issue = result.error.issues[0];
	const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
	return { problem: `it is not a registry-lab progress document (${issue?.message ?? 'invalid'}${where})` };
}

/** One learner in the instructor's report. Times in ms since the epoch, durations in ms. */
export interface ClassRow {
	name: string;
	done: number;
	total: number;
	/** The step the learner is on; absent when they have done every step. */
	currentStep?: string;
	currentTitle?: string;
	/** How long they have been on it, up to `now`. */
	onCurrentMs?: number;
	hints: number;
	solutions: number;
	answersRight: number;
	answersWrong: number;
	/** When they last published. */
	lastSeen: number;
}

export function classRows(documents: readonly ProgressDocument[], now: Date): ClassRow[] {
	return documents.map((document) => ({
		name: document.learner,
		done: document.done.length,
		total: document.lab.steps,
		...(document.current
			? {
					currentStep: document.current.step,
					currentTitle: document.current.title,
					onCurrentMs: Math.max(0, now.getTime() - Date.parse(document.current.since)),
				}
			: {}),
		hints: Object.values(document.hints).reduce((sum, count) => sum + count, 0),
		solutions: document.solutions.length,
		answersRight: document.answers.right,
		answersWrong: document.answers.wrong,
		lastSeen: Date.parse(document.publishedAt),
	}));
}

export type RowOrder = 'stuck' | 'name' | 'progress';

const byName = (a: ClassRow, b: ClassRow): number => a.name.localeCompare(b.name, 'en') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * `stuck`: on their step longest first, learners who are finished last; `name`: A to Z;
 * `progress`: most steps done first. Ties go by name, so the order never depends on the registry's.
 */
export function sortRows(rows: readonly ClassRow[], by: RowOrder = 'stuck'): ClassRow[] {
	const compare: Record<RowOrder, (a: ClassRow, b: ClassRow) => number> = {
		stuck: (a, b) => (b.onCurrentMs ?? -1) - (a.onCurrentMs ?? -1) || byName(a, b),
		name: byName,
		progress: (a, b) => b.done - a.done || byName(a, b),
	};
	return [...rows].sort(compare[by]);
}
