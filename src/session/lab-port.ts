// What the learner's UI needs from the world, and nothing more. The UI never runs a process, reads a
// file or talks to Docker itself: it calls this interface, so tests drive it with a fake and the CLI
// wires the real check engine, answer judge and Docker watcher behind it.
import type { CheckResult, CheckStatus } from '../checks/types.js';
import type { Verdict } from '../answer/judge-answer.js';
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';

/** The outcome of checking one step: every check of the step, in order. */
export interface StepCheck {
	/**
	 * `passed` when every check passed. `canceled` when the check was aborted (the learner moved on
	 * or quit): the step then keeps the state it had. Anything else means the step does not pass.
	 */
	status: CheckStatus;
	/** One result per check, so the UI can say which check failed, why, and show its output tail. */
	results: CheckResult[];
}

/**
 * What the answer judge says about a typed answer (the shape `judgeAnswer` in src/answer returns).
 * `feedback` says what exactly is wrong; for a right answer it carries the question's explanation.
 */
export type { Verdict };

/**
 * Why the watcher thinks the machine changed: `images` and `containers` come from `docker events`,
 * `http` from polling what events cannot see (the registry API), `engine` when the Docker engine
 * went up or down.
 */
export type WatchReason = 'images' | 'containers' | 'http' | 'engine';

/** Live facts for the header. */
export interface EnvironmentStatus {
	docker: 'up' | 'down' | 'unknown';
	registry: {
		up: boolean;
		/** The host port the lab's registry uses (may differ from 5000 when that port was taken). */
		port: string;
		/** True when the runner started the container, so quitting offers to stop it. */
		startedByLab: boolean;
	};
}

/**
 * One finding of the doctor: what was checked and, when something is wrong, how to fix it. The same
 * shape as `runDoctor`'s findings in src/docker, so they pass straight through.
 */
export interface DoctorItem {
	/** What was checked, e.g. "Docker engine". */
	title: string;
	/** `fail`: steps cannot pass until it is fixed; `warn`: some steps may not pass. */
	status: 'ok' | 'warn' | 'fail';
	/** What was found, in plain words. */
	message: string;
	/** What the learner can do about it, e.g. a command to run. */
	fix?: string;
}

export interface LabRuntime {
	/** The loaded lab: titles, prompts, hints, questions and variable definitions to render. */
	lab: Lab;
	/**
	 * Every variable's value as resolved so far (`--set`, `REGISTRY_LAB_<NAME>`, saved progress,
	 * defaults, the free port chosen, computed image names). Variables the lab asks for and nobody
	 * gave are missing or empty: the UI asks the learner for them first.
	 */
	vars: Record<string, string>;
	/** The folder the learner runs the lab's commands in; shown on the first run and usable as `{{workspace}}`. */
	workspace: string;
	/**
	 * Takes the values the learner typed (already valid against each variable's pattern) and returns
	 * the full resolved set: computed variables such as `{{hub}}/{{dockerId}}/curl` depend on them,
	 * and later checks must use them.
	 */
	setVariables(given: Record<string, string>): Record<string, string>;
	/**
	 * Runs every check of a step on the learner's machine. Must stop (and kill what it started) when
	 * `signal` aborts, resolving with status `canceled` or rejecting; the UI treats both the same.
	 */
	checkStep(stepId: string, signal: AbortSignal): Promise<StepCheck>;
	/** Judges a typed answer to a question step. Pure and quick, so the UI calls it on Enter. */
	judgeAnswer(stepId: string, answer: string): Verdict;
	/**
	 * Calls `onChange` whenever something a check could see may have changed (docker events, a
	 * polled HTTP endpoint whose answer changed). Stops watching, and leaves no process behind,
	 * when `signal` aborts. The UI debounces and decides what to re-check. `watchedSteps`, asked
	 * before each poll, names the steps a change would re-check: only their checks are polled
	 * (every step's when it is absent).
	 */
	watch(onChange: (reason: WatchReason) => void, signal: AbortSignal, watchedSteps?: () => readonly string[]): void;
	/** Docker and registry status for the header; called on start, after changes and now and then. */
	environment(signal: AbortSignal): Promise<EnvironmentStatus>;
	/** Stops the registry container the runner started. Absent when the runner cannot stop it. */
	stopRegistry?(): Promise<void>;
	/** Finds problems with the learner's machine and their fixes, shown before the first step. */
	doctor?(signal: AbortSignal): Promise<DoctorItem[]>;
	/**
	 * Proves a step as `registry-lab test` does (setup, checks fail, solution, checks pass), calling
	 * `onPhase` as each phase starts. For the author's mode; stops when `signal` aborts.
	 */
	proveStep?(stepId: string, signal: AbortSignal, onPhase: (phase: string) => void): Promise<StepProof>;
	/** The classroom the learner publishes to (--classroom and --as, or as saved); saved with the progress. */
	classroom?: Classroom;
	/**
	 * Publishes the learner's progress to the classroom registry; rejects with a sentence that says
	 * why it could not. Absent without a classroom. Stops when `signal` aborts.
	 */
	publishProgress?(progress: ProgressState, signal: AbortSignal): Promise<void>;
}

/** A classroom registry and the name the learner appears under there (a tag). */
export interface Classroom {
	registry: string;
	name: string;
}

/** A step's proof as the author's mode shows it (the shape `proveStep` in src/runtime/test-lab.ts returns). */
export interface StepProof {
	status: 'passed' | 'failed' | 'skipped';
	/** The phase that failed. */
	phase?: string;
	/** What was proven, or what failed and what to do about it. */
	message: string;
}

/** What a save of the lab file gave: the lab as it now loads (and its variables), or its problems. */
export type LabReload = { kind: 'loaded'; lab: Lab; vars: Record<string, string> } | { kind: 'problems'; problems: string[] };

/** The author's mode: the lab file and the files it lists, watched. The UI subscribes, as to `watch`. */
export interface LabSource {
	/** Calls `onReload` after each save (debounced), until `signal` aborts; leaves no watcher behind. */
	watch(onReload: (reload: LabReload) => void, signal: AbortSignal): void;
}
