// What of the session is worth keeping between runs, in the progress file's shape.
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';
import { variablesToSave } from './ask-variables.js';
import { stepProgress, type SessionState } from './session-reducer.js';

/**
 * The session as saved progress. A regressed step counts as done: the learner did it, and the next
 * start re-checks it (and shows it regressed again if it still fails).
 */
export function toProgress(state: SessionState, lab: Lab): ProgressState {
	const hintsShown: Record<string, number> = {};
	const answers: ProgressState['answers'] = {};
	const done: string[] = [];
	const solutionsShown: string[] = [];
	for (const step of state.steps) {
		const progress = stepProgress(state, step.id);
		if (progress.status === 'done' || progress.status === 'regressed') done.push(step.id);
		if (progress.hintsShown > 0) hintsShown[step.id] = progress.hintsShown;
		if (progress.solutionShown) solutionsShown.push(step.id);
		if (step.isQuestion && (progress.answer !== '' || progress.verdict)) {
			answers[step.id] = { text: progress.answer, correct: progress.verdict?.correct === true };
		}
	}
	return {
		version: 1,
		labId: state.labId,
		vars: variablesToSave(lab, state.vars),
		done,
		hintsShown,
		solutionsShown,
		answers,
		selected: state.steps[state.selected]?.id,
		startedAt: new Date(state.startedAt).toISOString(),
		...(state.finishedAt === undefined ? {} : { finishedAt: new Date(state.finishedAt).toISOString() }),
	};
}
