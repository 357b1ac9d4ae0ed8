// A LabRuntime for tests: checks resolve with whatever the test sets (at once, or when the test
// releases them), the watcher fires when the test says so, and every call is recorded.
import type { ProgressState, ProgressStore, LoadedProgress } from '../../src/progress/progress-store.js';
import { questionOf } from '../../src/session/lab-steps.js';
import type { DoctorItem, EnvironmentStatus, LabRuntime, StepCheck, Verdict, WatchReason } from '../../src/session/lab-port.js';
import { failedCheck, fixtureLab, fixtureVars } from '../session/fixture-lab.js';
import type { Lab } from '../../src/lab/schema.js';

interface HeldCheck {
	stepId: string;
	signal: AbortSignal;
	resolve: (check: StepCheck) => void;
}

export class FakeRuntime implements LabRuntime {
	lab: Lab;
	vars: Record<string, string>;
	workspace = '/home/learner/registry-lab';
	/** What a check of each step resolves with; unset steps fail with "not done yet". */
	results = new Map<string, StepCheck>();
	/** When true, checks wait until `release` is called. */
	isHolding = false;
	held: HeldCheck[] = [];
	checked: string[] = [];
	aborted: string[] = [];
	watchers = new Set<(reason: WatchReason) => void>();
	environmentStatus: EnvironmentStatus = { docker: 'up', registry: { up: true, port: '5000', startedByLab: false } };
	doctorItems: DoctorItem[] = [{ title: 'Docker engine', status: 'ok', message: 'The engine answers.' }];
	stopped = 0;
	given: Record<string, string>[] = [];
	stopRegistry?: () => Promise<void> = async () => {
		this.stopped++;
	};

	constructor(options: { lab?: Lab; vars?: Record<string, string> } = {}) {
		this.lab = options.lab ?? fixtureLab;
		this.vars = options.vars ?? { ...fixtureVars };
	}

	setVariables(given: Record<string, string>): Record<string, string> {
		this.given.push(given);
		const vars = { ...this.vars, ...given };
		if (vars.dockerId) vars.curlImage = `${vars.dockerId}/curl`;
		return vars;
	}

	checkStep(stepId: string, signal: AbortSignal): Promise<StepCheck> {
		this.checked.push(stepId);
		return new Promise((resolve) => {
			signal.addEventListener('abort', () => {
				this.aborted.push(stepId);
				resolve({ status: 'canceled', results: [] });
			});
			const result = this.results.get(stepId) ?? failedCheck(`${stepId} is not done yet.`);
			if (this.isHolding) this.held.push({ stepId, signal, resolve });
			else resolve(result);
		});
	}

	/** Resolves the held checks of a step (or all) with their configured results. */
	release(stepId?: string): void {
		for (const check of [...this.held]) {
			if (stepId !== undefined && check.stepId !== stepId) continue;
			this.held.splice(this.held.indexOf(check), 1);
			check.resolve(this.results.get(check.stepId) ?? failedCheck(`${check.stepId} is not done yet.`));
		}
	}

	judgeAnswer(stepId: string, answer: string): Verdict {
		const step = this.lab.steps.find((candidate) => candidate.id === stepId);
		const question = step ? questionOf(step) : undefined;
		if (question?.accept.includes(answer)) return { correct: true, feedback: '', normalized: answer };
		return { correct: false, feedback: 'Add the registry (docker.io) and the tag (latest).' };
	}

	/** What the app last said it watches: the steps a change would re-check. */
	watchedSteps: (() => readonly string[]) | undefined;

	watch(onChange: (reason: WatchReason) => void, signal: AbortSignal, watchedSteps?: () => readonly string[]): void {
		this.watchedSteps = watchedSteps;
		this.watchers.add(onChange);
		signal.addEventListener('abort', () => this.watchers.delete(onChange));
	}

	/** What the docker events watcher would do when the learner runs a command. */
	emit(reason: WatchReason = 'images'): void {
		for (const watcher of this.watchers) watcher(reason);
	}

	/** How many times the header's status was asked for. */
	environmentLooks = 0;

	async environment(): Promise<EnvironmentStatus> {
		this.environmentLooks++;
		return this.environmentStatus;
	}

	async doctor(): Promise<DoctorItem[]> {
		return this.doctorItems;
	}
}

/** A progress store in memory: what was saved, in order. */
export class FakeStore implements ProgressStore {
	saves: ProgressState[] = [];
	constructor(public loaded: LoadedProgress = {}) {}

	async load(): Promise<LoadedProgress> {
		const last = this.saves.at(-1);
		return last ? { state: last } : this.loaded;
	}

	async save(state: ProgressState): Promise<void> {
		this.saves.push(structuredClone(state));
	}

	async reset(): Promise<boolean> {
		const had = this.saves.length > 0;
		this.saves = [];
		return had;
	}

	path(labId: string): string {
		return `/state/progress/${labId}.json`;
	}

	get last(): ProgressState | undefined {
		return this.saves.at(-1);
	}
}
