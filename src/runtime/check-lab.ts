// `check`: which steps of the lab are done, and which does this machine show right now? Done is
// for good (saved progress): a step done once stays done when a later step removes what it made.
// Steps run as soon as the steps they need are done (now or before), several at a time; a step
// whose needs are not done is skipped, not run. Questions have no checks: they count as done when
// answered right (`registry-lab answer`).
import { checkKindOf } from '../lab/check-kind.js';
import type { Lab, Step } from '../lab/schema.js';
import { createSharedCheckRunner, runChecks } from '../checks/run-check.js';
import type { CheckContext, CheckResult } from '../checks/types.js';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepCheckOutcome {
	id: string;
	title: string;
	/** What the machine shows now: `passed` when every check passes (a question: answered right). */
	status: StepStatus;
	/** Done for good: done before (saved progress) or passing now. */
	done: boolean;
	/** For the learner: why it failed or was skipped; empty when passed. */
	message: string;
	durationMs: number;
	/** The checks that ran, in order (none for questions and skipped steps). */
	results: CheckResult[];
}

export interface CheckLabResult {
	lab: string;
	steps: StepCheckOutcome[];
}

export interface CheckLabOptions {
	/** Check this step only (after the steps it needs). */
	stepId?: string;
	signal?: AbortSignal;
	/** Question steps answered right, from saved progress. */
	answered?: ReadonlySet<string>;
	/**
	 * Steps the learner did before (saved progress): they stay done, the steps that need them may
	 * run, and the cleanup step is judged once there is something to clean.
	 */
	done?: ReadonlySet<string>;
	/** How many steps check at the same time. Default 4. */
	concurrency?: number;
	/** How the learner answers a question, for the hint on an unanswered one. */
	answerHint?: (stepId: string) => string;
}

/** A step whose checks only ask for a variable: an input the learner gives, not something they do. */
export function isInputStep(step: Step): boolean {
	return (step.check ?? []).length > 0 && (step.check ?? []).every((check) => checkKindOf(check) === 'variable');
}

/** Whether the lab touches Docker at all; a lab that does not is checked and tested without it. Pure. */
export function usesDocker(lab: Pick<Lab, 'requires' | 'services' | 'images' | 'containers'>): boolean {
	return (
		(lab.requires ?? []).includes('docker') ||
		Object.keys(lab.services ?? {}).length > 0 ||
		(lab.images ?? []).length > 0 ||
		(lab.containers ?? []).length > 0
	);
}

/** The step and every step it needs, directly or not, in lab order. Pure. */
export function withNeeds(lab: Pick<Lab, 'steps'>, stepId: string): Step[] {
	const byId = new Map(lab.steps.map((step) => [step.id, step]));
	const wanted = new Set<string>();
	const visit = (id: string) => {
		if (wanted.has(id) || !byId.has(id)) return;
		wanted.add(id);
		for (const need of byId.get(id)?.needs ?? []) visit(need);
	};
	visit(stepId);
	return lab.steps.filter((step) => wanted.has(step.id));
}

/** Runs `task`s with at most `limit` at once. */
function limiter(limit: number) {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
		running++;
		try {
			return await task();
		} finally {
			running--;
			waiting.shift()?.();
		}
	};
}

export async function checkLab(
	prepared: { lab: Lab; checkContext(signal?: AbortSignal): CheckContext },
	options: CheckLabOptions = {},
): Promise<CheckLabResult> {
	const { lab } = prepared;
	if (options.stepId !== undefined && !lab.steps.some((step) => step.id === options.stepId)) {
		throw new Error(`The lab ${lab.id} has no step "${options.stepId}". Its steps: ${lab.steps.map((step) => step.id).join(', ')}`);
	}
	const steps = options.stepId === undefined ? lab.steps : withNeeds(lab, options.stepId);
	const byId = new Map(steps.map((step) => [step.id, step]));
	const limit = limiter(options.concurrency ?? 4);
	const answerHint = options.answerHint ?? ((id: string) => `registry-lab answer ${id} <your answer>`);
	const outcomes = new Map<string, Promise<StepCheckOutcome>>();
	const runShared = createSharedCheckRunner();
	const wasDone = (id: string): boolean => options.done?.has(id) === true || options.answered?.has(id) === true;
	const outcome = (step: Step, status: StepStatus, message: string, durationMs = 0, results: CheckResult[] = []): StepCheckOutcome => ({
		id: step.id,
		title: step.title,
		status,
		done: status === 'passed' || wasDone(step.id),
		message,
		durationMs,
		results,
	});

	const evaluate = (step: Step): Promise<StepCheckOutcome> =>
		limit(async () => {
			const started = performance.now();
			const { status, results } = await runChecks(step.check ?? [], prepared.checkContext(options.signal), runShared);
			const durationMs = Math.round(performance.now() - started);
			if (status === 'passed') return outcome(step, 'passed', '', durationMs, results);
			const failed = results.find((result) => result.status !== 'passed');
			return outcome(step, 'failed', failed?.message || 'A check did not pass.', durationMs, results);
		});

	const judge = async (step: Step): Promise<StepCheckOutcome> => {
		const needs = await Promise.all((step.needs ?? []).filter((id) => byId.has(id)).map((id) => outcomeOf(id)));
		const notDone = needs.filter((need) => !need.done).map((need) => need.id);
		if (notDone.length > 0) return outcome(step, 'skipped', `Do ${notDone.join(' and ')} first.`);
		if (step.question) {
			return options.answered?.has(step.id)
				? outcome(step, 'passed', '')
				: outcome(step, 'failed', `Not answered yet. Answer with: ${answerHint(step.id)}`);
		}
		if ((step.check ?? []).length === 0) return outcome(step, 'skipped', 'This step has nothing to check.');
		// Cleanup undoes the other steps, so "nothing there" only means something once there was.
		if (step.cleanup && options.stepId !== step.id) {
			const others = await Promise.all(
				steps.filter((other) => !other.cleanup && !(other.needs ?? []).includes(step.id)).map((other) => outcomeOf(other.id)),
			);
			const didWork = steps.some(
				(other) =>
					!other.cleanup &&
					!other.question &&
					!isInputStep(other) &&
					(options.done?.has(other.id) || others.some((result) => result.id === other.id && result.status === 'passed')),
			);
			if (!didWork) return outcome(step, 'skipped', 'Nothing to clean up yet: this step counts once you have done some of the others.');
		}
		return evaluate(step);
	};

	const outcomeOf = (id: string): Promise<StepCheckOutcome> => {
		let pending = outcomes.get(id);
		if (!pending) {
			const step = byId.get(id);
			if (!step) throw new Error(`unknown step ${id}`);
			// Set before judging, so a step reached twice (through needs) runs once.
			pending = Promise.resolve().then(() => judge(step));
			outcomes.set(id, pending);
		}
		return pending;
	};

	const results = await Promise.all(steps.map((step) => outcomeOf(step.id)));
	const shown = options.stepId === undefined ? results : results.filter((result) => result.id === options.stepId);
	return { lab: lab.id, steps: shown };
}
