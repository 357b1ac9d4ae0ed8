// Pure facts about a lab's steps that the session and the UI need: is it a question, what is its
// solution, and the text to show with the learner's own values filled in.
import { isPolledCheck } from '../lab/check-kind.js';
import { interpolate } from '../lab/interpolate.js';
import type { Lab, Question, Step } from '../lab/schema.js';

/** The step's question, when it is a quiz step. */
export function questionOf(step: Step): Question | undefined {
	return step.question;
}

/** What the reducer keeps about each step: just what deciding keys and checks needs. */
export interface StepInfo {
	id: string;
	title: string;
	isQuestion: boolean;
	hintCount: number;
	hasSolution: boolean;
	/** The step that removes what the lab made: after it, earlier steps are expected to "regress". */
	isCleanup: boolean;
	/** Only asks the learner for a value (all its checks are `variable` checks): it shows no work done. */
	isInput: boolean;
	/** The steps that must be done before this one can tick. */
	needs: string[];
	/** Has a check only polling sees change (HTTP, tag lists, container logs): the only steps a poll's change can tick. */
	isPolled: boolean;
}

export function stepInfos(lab: Lab): StepInfo[] {
	return lab.steps.map((step) => ({
		id: step.id,
		title: step.title,
		isQuestion: questionOf(step) !== undefined,
		hintCount: step.hints?.length ?? 0,
		hasSolution: solutionLines(step).length > 0,
		isCleanup: step.cleanup === true,
		isInput: (step.check ?? []).length > 0 && (step.check ?? []).every((check) => 'variable' in check),
		needs: step.needs ?? [],
		isPolled: (step.check ?? []).some(isPolledCheck),
	}));
}

/**
 * The solution as lines to show: the step's commands, or for a question the first accepted answer
 * (a `text` question accepts regular expressions, which are no answer to show).
 */
export function solutionLines(step: Step): string[] {
	if (step.solution && step.solution.length > 0) return step.solution;
	const question = questionOf(step);
	if (question && question.kind !== 'text' && question.accept[0] !== undefined) return [question.accept[0]];
	return [];
}

/** The values text is filled with: the lab's variables plus `{{workspace}}`. */
export function displayValues(vars: Readonly<Record<string, string>>, workspace: string): Record<string, string> {
	return { workspace, ...vars };
}

/** Everything a step shows, with `{{name}}` filled in; unknown names stay visible as written. */
export interface StepText {
	prompt: string;
	hints: string[];
	solution: string[];
	/** The solution on Podman, where it differs (shown under the solution). */
	podmanSolution: string[];
	question?: { ask: string; choices: string[]; explain?: string };
}

export function stepText(step: Step, values: Readonly<Record<string, string>>): StepText {
	const fill = (text: string): string => interpolate(text, values);
	const question = questionOf(step);
	return {
		prompt: fill(step.prompt),
		hints: (step.hints ?? []).map(fill),
		solution: solutionLines(step).map(fill),
		podmanSolution: (step.podman?.solution ?? []).map(fill),
		question: question
			? {
					ask: fill(question.ask),
					choices: (question.choices ?? []).map(fill),
					explain: question.explain === undefined ? undefined : fill(question.explain),
				}
			: undefined,
	};
}
