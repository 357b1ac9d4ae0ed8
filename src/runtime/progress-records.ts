// What the non-interactive commands read from and add to the learner's saved progress (the same
// file the TUI keeps): variables given earlier, questions answered right, steps done. A progress
// file that cannot be read or written never stops a command; it is said in a note instead.
import { loadProgress, saveProgress, stateDir, type ProgressState } from '../progress/progress-store.js';

export interface ProgressRecords {
	/** Variables saved by an earlier session. */
	vars: Record<string, string>;
	/** Question steps answered right. */
	answered: Set<string>;
	/** Steps the learner has done (a check passed, or a right answer). Done is for good. */
	done: Set<string>;
	/** When each done step was first done (ISO 8601), where known. */
	doneAt: Record<string, string>;
	/** For the learner, when the file could not be read. */
	notice?: string;
}

function optionsFor(env: Readonly<Record<string, string | undefined>>) {
	return { dir: stateDir(env as NodeJS.ProcessEnv) };
}

function emptyState(labId: string): ProgressState {
	return { version: 1, labId, vars: {}, done: [], hintsShown: {}, solutionsShown: [], answers: {}, startedAt: new Date().toISOString() };
}

export async function readProgressRecords(labId: string, env: Readonly<Record<string, string | undefined>>): Promise<ProgressRecords> {
	try {
		const loaded = await loadProgress(labId, optionsFor(env));
		const state = loaded.state;
		const answered = new Set(
			Object.entries(state?.answers ?? {})
				.filter(([, answer]) => answer.correct)
				.map(([id]) => id),
		);
		return {
			vars: { ...(state?.vars ?? {}) },
			answered,
			done: new Set(state?.done ?? []),
			doneAt: { ...(state?.doneAt ?? {}) },
			notice: loaded.notice,
		};
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return {
			vars: {},
			answered: new Set(),
			done: new Set(),
			doneAt: {},
			notice: `Your saved progress could not be read (${why}); carrying on without it.`,
		};
	}
}

/** Applies `change` to the saved progress and saves it. Returns a note when that failed. */
async function updateProgress(
	labId: string,
	env: Readonly<Record<string, string | undefined>>,
	change: (state: ProgressState) => ProgressState | undefined,
): Promise<string | undefined> {
	try {
		const options = optionsFor(env);
		const loaded = await loadProgress(labId, options);
		const next = change(loaded.state ?? emptyState(labId));
		if (next) await saveProgress(next, options);
		return undefined;
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		return `Your progress could not be saved (${why}).`;
	}
}

/** Saves an answer to a question step; a right one also marks the step done. */
export function recordAnswer(
	labId: string,
	env: Readonly<Record<string, string | undefined>>,
	stepId: string,
	text: string,
	correct: boolean,
): Promise<string | undefined> {
	return updateProgress(labId, env, (state) => {
		// A wrong answer after a right one does not undo the step: the learner knew it once.
		if (!correct && state.answers[stepId]?.correct) return undefined;
		const isNew = correct && !state.done.includes(stepId);
		const done = isNew ? [...state.done, stepId] : state.done;
		const doneAt = isNew ? { ...state.doneAt, [stepId]: new Date().toISOString() } : state.doneAt;
		return { ...state, answers: { ...state.answers, [stepId]: { text, correct } }, done, ...(doneAt ? { doneAt } : {}) };
	});
}

/** Adds steps whose checks passed to the steps done; saves only when something is new. */
export function recordDone(
	labId: string,
	env: Readonly<Record<string, string | undefined>>,
	stepIds: readonly string[],
): Promise<string | undefined> {
	return updateProgress(labId, env, (state) => {
		const added = stepIds.filter((id) => !state.done.includes(id));
		if (added.length === 0) return undefined;
		const at = new Date().toISOString();
		return { ...state, done: [...state.done, ...added], doneAt: { ...state.doneAt, ...Object.fromEntries(added.map((id) => [id, at])) } };
	});
}
