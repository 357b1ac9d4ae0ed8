// What the author's mode (`registry-lab dev`) adds to the session, as data: the problems of a lab
// file that no longer loads, and the live proof of one step. Pure: the reducer keeps these, the
// hooks fill them in from the file watcher and the runtime's proof.
import { formatProblem, type Problem } from '../lab/problem.js';

/** How one phase of a proof stands: running now, or finished. */
export type ProofPhaseStatus = 'running' | 'passed' | 'failed';

export interface ProofPhase {
	/** The phase as `test` names it: setup, before-solution, solution, after-solution, and any newer one. */
	phase: string;
	status: ProofPhaseStatus;
	/** Why it failed. */
	message?: string;
}

/** One run of a step's proof (the p key), from its first phase to its verdict. */
export interface ProofRun {
	/** Changes on every run, so a late report from an earlier run is ignored. */
	id: number;
	stepId: string;
	phases: ProofPhase[];
	isRunning: boolean;
	/** The verdict once it ended: what was proven, or what failed. */
	outcome?: { status: 'passed' | 'failed' | 'skipped' | 'canceled'; message: string };
}

/**
 * The lab file's problems as an author's editor and terminal read them: `lab.yaml:LINE:COL: message`,
 * the file named as the author named the lab (`shownFile`), in file order. Pure.
 */
export function problemLines(problems: readonly Problem[], shownFile: string): string[] {
	return [...problems]
		.sort((a, b) => a.line - b.line || a.column - b.column)
		.map((problem) => formatProblem({ ...problem, file: shownFile }));
}

/** A phase started: the one before it passed (phases run in order and stop at the first failure). Pure. */
export function startPhase(run: ProofRun, phase: string): ProofRun {
	const phases = run.phases.map((item): ProofPhase => (item.status === 'running' ? { ...item, status: 'passed' } : item));
	return { ...run, phases: [...phases, { phase, status: 'running' }] };
}

/** The proof ended: the running phase takes the verdict (a failure names its phase). Pure. */
export function finishProof(run: ProofRun, outcome: { status: 'passed' | 'failed' | 'skipped' | 'canceled'; message: string }): ProofRun {
	const isFailed = outcome.status === 'failed' || outcome.status === 'canceled';
	const phases = run.phases.map((item): ProofPhase =>
		item.status !== 'running' ? item : isFailed ? { ...item, status: 'failed', message: outcome.message } : { ...item, status: 'passed' },
	);
	return { ...run, phases, isRunning: false, outcome };
}
