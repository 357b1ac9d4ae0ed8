// What of the session is worth keeping between runs, in the progress file's shape.
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';
import { variablesToSave } from './ask-variables.js';
import { stepProgress, type SessionState } from './session-reducer.js';

/** The session as saved progress. Done is for good: a done step is saved done, with when it was first done. */
export function toProgress(state: SessionState, lab: Lab): ProgressState {
	const hintsShown: Record<string, number> = {};
	const answers: ProgressState['answers'] = {};
	const drafts: Record<string, string> = {};
	const done: string[] = [];
	const doneAt: Record<string, string> = {};
	const solutionsShown: string[] = [];
	for (const step of state.steps) {
		const progress = stepProgress(state, step.id);
		if (progress.status === 'done') {
			done.push(step.id);
			if (progress.doneAt !== undefined) doneAt[step.id] = new Date(progress.doneAt).toISOString();
		}
		if (progress.hintsShown > 0) hintsShown[step.id] = progress.hintsShown;
		if (progress.solutionShown) solutionsShown.push(step.id);
		// The saved answer is the last one judged; what is typed and not submitted is only a draft.
		if (step.isQuestion && progress.answer) answers[step.id] = { text: progress.answer.text, correct: progress.answer.correct };
		const draft = progress.draft?.text ?? '';
		if (step.isQuestion && draft.trim() !== '' && draft !== progress.answer?.text) drafts[step.id] = draft;
	}
	return {
		version: 1,
		labId: state.labId,
		vars: variablesToSave(lab, state.vars),
		done,
		...(Object.keys(doneAt).length === 0 ? {} : { doneAt }),
		hintsShown,
		solutionsShown,
		answers,
		...(Object.keys(drafts).length === 0 ? {} : { drafts }),
		selected: state.steps[state.selected]?.id,
		startedAt: new Date(state.startedAt).toISOString(),
		...(state.finishedAt === undefined ? {} : { finishedAt: new Date(state.finishedAt).toISOString() }),
	};
}

/**
 * The snapshot with when its selected step was selected: kept from the previous snapshot (or the
 * loaded file) while the selection is the same, else now. Pure: the caller passes the time.
 */
export function withSelectedSince(
	snapshot: ProgressState,
	previous: Pick<ProgressState, 'selected' | 'selectedAt'> | undefined,
	now: number,
): ProgressState {
	if (snapshot.selected === undefined) return snapshot;
	const selectedAt =
		previous?.selected === snapshot.selected && previous.selectedAt !== undefined ? previous.selectedAt : new Date(now).toISOString();
	return { ...snapshot, selectedAt };
}
