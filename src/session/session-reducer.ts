// The learner's session as one pure reducer: which step is selected, how each step stands, hints and
// solutions shown, answers, overlays, and the requests the UI's hooks carry out (check rounds,
// judging an answer, quitting). Nothing here does I/O; every effect is a field a hook reacts to.
import type { CheckResult } from '../checks/types.js';
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';
import { missingVariables } from './ask-variables.js';
import { stepInfos, type StepInfo } from './lab-steps.js';
import type { DoctorItem, EnvironmentStatus, StepCheck, Verdict, WatchReason } from './runtime.js';

/**
 * How a step stands. `regressed`: it was done and a later check failed (e.g. the registry
 * container stopped). `checking` is not a status of its own: see `displayStatus`.
 */
export type StepStatus = 'not-yet' | 'done' | 'failed' | 'regressed';
export type DisplayStatus = StepStatus | 'checking';

export interface StepProgress {
	status: StepStatus;
	/** The id of the check in flight; a late result with another id (an aborted check) is ignored. */
	checkingId?: number;
	/** Results of the last finished check. */
	results: CheckResult[];
	hintsShown: number;
	solutionShown: boolean;
	/** What is typed in the answer field (question steps). */
	answer: string;
	verdict?: Verdict;
}

/** What sits over the main view and takes the keys. */
export type Overlay = 'help' | 'confirm-solution' | 'confirm-quit' | 'doctor';
export type View = 'variables' | 'welcome' | 'lab' | 'summary';
/** On a question step keys type into the answer field (`answer`) until Tab or Esc gives them back. */
export type Focus = 'answer' | 'keys';
export type QuitCause = 'key' | 'ctrl-c' | 'signal';

/** A request to check these steps, in order. A new round supersedes (aborts) the running one. */
export interface CheckRound {
	id: number;
	stepIds: string[];
	/** Manual checks start at once; rounds caused by moving or by a change wait for things to settle. */
	isImmediate: boolean;
}

export interface Notice {
	text: string;
	tone: 'info' | 'warning';
}

export interface SessionState {
	labId: string;
	steps: StepInfo[];
	progress: Record<string, StepProgress>;
	selected: number;
	view: View;
	overlay?: Overlay;
	focus: Focus;
	/** Lines scrolled in the step text; `end` follows the bottom (after a hint or the solution appears). */
	scroll: number | 'end';
	isAutoCheck: boolean;
	round?: CheckRound;
	roundSeq: number;
	/** An answer waiting to be judged; `id` changes on every submit so the same answer can be judged again. */
	judging?: { id: number; stepId: string; answer: string };
	environment?: EnvironmentStatus;
	/** Doctor findings; `undefined` while the doctor has not answered. */
	doctor?: DoctorItem[];
	/** Counts watch events, so hooks that refresh on changes have something to depend on. */
	changeCount: number;
	canStopRegistry: boolean;
	isFirstRun: boolean;
	notice?: Notice;
	/** Set once the learner has decided to quit; the root component then saves, stops and exits. */
	quit?: { stopRegistry: boolean; by: QuitCause };
	vars: Record<string, string>;
	startedAt: number;
	finishedAt?: number;
}

export type SessionAction =
	| { type: 'move'; delta: number }
	| { type: 'select'; index: number }
	| { type: 'scroll'; by: number; max: number }
	| { type: 'request-check' }
	| { type: 'show-hint' }
	| { type: 'ask-solution' }
	| { type: 'confirm-solution' }
	| { type: 'close-overlay' }
	| { type: 'toggle-help' }
	| { type: 'toggle-auto-check' }
	| { type: 'focus'; focus: Focus }
	| { type: 'type-answer'; text: string }
	| { type: 'erase-answer' }
	| { type: 'submit-answer' }
	| { type: 'answer-judged'; judgingId: number; verdict: Verdict; at: number }
	| { type: 'check-started'; stepId: string; checkId: number }
	| { type: 'check-finished'; stepId: string; checkId: number; check: StepCheck; at: number }
	| { type: 'changed'; reason: WatchReason }
	| { type: 'environment'; status: EnvironmentStatus }
	| { type: 'doctor'; items: DoctorItem[] }
	| { type: 'variables-set'; vars: Record<string, string> }
	| { type: 'start' }
	| { type: 'show-summary' }
	| { type: 'close-summary' }
	| { type: 'notice'; notice: Notice | undefined }
	| { type: 'request-quit'; by: QuitCause }
	| { type: 'confirm-quit'; stopRegistry: boolean };

export interface SessionInit {
	lab: Lab;
	vars: Record<string, string>;
	saved?: ProgressState;
	now: number;
	canStopRegistry: boolean;
	/** A message for the learner from loading their progress (e.g. the file was damaged and backed up). */
	notice?: string;
}

function emptyProgress(): StepProgress {
	return { status: 'not-yet', results: [], hintsShown: 0, solutionShown: false, answer: '' };
}

/** The session as the learner left it (from saved progress), or a fresh one. */
export function initSession({ lab, vars, saved, now, canStopRegistry, notice }: SessionInit): SessionState {
	const steps = stepInfos(lab);
	const progress: Record<string, StepProgress> = {};
	for (const step of steps) {
		const answer = saved?.answers[step.id];
		const isDone = saved?.done.includes(step.id) === true || (step.isQuestion && answer?.correct === true);
		progress[step.id] = {
			...emptyProgress(),
			status: isDone ? 'done' : 'not-yet',
			hintsShown: Math.min(saved?.hintsShown[step.id] ?? 0, step.hintCount),
			solutionShown: saved?.solutionsShown.includes(step.id) === true && step.hasSolution,
			answer: answer?.text ?? '',
			verdict: answer?.correct ? { correct: true, feedback: '' } : undefined,
		};
	}
	const savedIndex = saved?.selected === undefined ? -1 : steps.findIndex((step) => step.id === saved.selected);
	const firstNotDone = steps.findIndex((step) => progress[step.id]?.status !== 'done');
	const selected = savedIndex >= 0 ? savedIndex : Math.max(firstNotDone, 0);
	const isFirstRun = saved === undefined;
	const startedAt = saved ? Date.parse(saved.startedAt) : Number.NaN;
	const finishedAt = saved?.finishedAt ? Date.parse(saved.finishedAt) : Number.NaN;
	const state: SessionState = {
		labId: lab.id,
		steps,
		progress,
		selected,
		view: missingVariables(lab, vars).length > 0 ? 'variables' : isFirstRun ? 'welcome' : 'lab',
		focus: steps[selected]?.isQuestion ? 'answer' : 'keys',
		scroll: 0,
		isAutoCheck: true,
		roundSeq: 0,
		changeCount: 0,
		canStopRegistry,
		isFirstRun,
		notice: notice ? { text: notice, tone: 'warning' } : undefined,
		vars,
		startedAt: Number.isFinite(startedAt) ? startedAt : now,
		finishedAt: Number.isFinite(finishedAt) ? finishedAt : undefined,
	};
	return state.view === 'lab' ? planRound(state, 'start') : state;
}

// ---------------------------------------------------------------------------------------------
// Derived values: computed from state, never stored.

export function selectedStep(state: SessionState): StepInfo | undefined {
	return state.steps[state.selected];
}

export function stepProgress(state: SessionState, stepId: string): StepProgress {
	return state.progress[stepId] ?? emptyProgress();
}

/** What the step list shows: `checking` only for steps not already done (re-checks of done steps stay quiet). */
export function displayStatus(progress: StepProgress): DisplayStatus {
	if (progress.checkingId !== undefined && (progress.status === 'not-yet' || progress.status === 'failed')) {
		return 'checking';
	}
	return progress.status;
}

export function progressCount(state: SessionState): { done: number; total: number } {
	const done = state.steps.filter((step) => stepProgress(state, step.id).status === 'done').length;
	return { done, total: state.steps.length };
}

export function isFinished(state: SessionState): boolean {
	const { done, total } = progressCount(state);
	return done === total;
}

export function isChecking(state: SessionState): boolean {
	return state.steps.some((step) => stepProgress(state, step.id).checkingId !== undefined);
}

export function hintsUsed(state: SessionState): number {
	return state.steps.reduce((sum, step) => sum + stepProgress(state, step.id).hintsShown, 0);
}

export function solutionsViewed(state: SessionState): number {
	return state.steps.filter((step) => stepProgress(state, step.id).solutionShown).length;
}

// ---------------------------------------------------------------------------------------------
// Check rounds.

export type RoundTrigger = 'manual' | 'select' | 'change' | 'start';

/**
 * Which steps to check, current step first. A manual check or a move checks the current step only.
 * A change on the machine (or the start) also re-checks every done step to catch regressions, except
 * once the cleanup step is reached: cleanup is meant to undo earlier steps. Questions have no checks.
 */
/**
 * Cleanup undoes the other steps, so "nothing there" only means something once the learner made
 * something: before that the cleanup step is not checked (it would pass on an empty machine).
 */
export function hasWorkToClean(state: SessionState): boolean {
	return state.steps.some(
		(step) => !step.isCleanup && !step.isQuestion && !step.isInput && ['done', 'regressed'].includes(stepProgress(state, step.id).status),
	);
}

export const nothingToCleanYet = 'Nothing to clean up yet: this step counts once you have done some of the others.';

export function stepsToCheck(state: SessionState, trigger: RoundTrigger): string[] {
	const current = selectedStep(state);
	const isCheckable = current && !current.isQuestion && (!current.isCleanup || hasWorkToClean(state));
	const ids = current && isCheckable ? [current.id] : [];
	if (trigger === 'manual' || trigger === 'select') return ids;
	const isCleanupReached =
		current?.isCleanup === true ||
		state.steps.some((step) => step.isCleanup && stepProgress(state, step.id).status === 'done');
	if (isCleanupReached) return ids;
	for (const step of state.steps) {
		const { status } = stepProgress(state, step.id);
		if (!step.isQuestion && step.id !== current?.id && (status === 'done' || status === 'regressed')) ids.push(step.id);
	}
	return ids;
}

/** The steps a change seen by the watcher would re-check now: the only ones worth polling for. Pure. */
export function watchedSteps(state: SessionState): string[] {
	if (!state.isAutoCheck || (state.view !== 'lab' && state.view !== 'summary')) return [];
	return stepsToCheck(state, 'change');
}

function planRound(state: SessionState, trigger: RoundTrigger): SessionState {
	if (trigger !== 'manual' && !state.isAutoCheck) return state;
	if (state.view !== 'lab' && state.view !== 'summary') return state;
	const stepIds = stepsToCheck(state, trigger);
	if (trigger === 'manual' && selectedStep(state)?.isCleanup && !hasWorkToClean(state)) return { ...state, notice: info(nothingToCleanYet) };
	if (stepIds.length === 0) return state;
	const id = state.roundSeq + 1;
	return { ...state, roundSeq: id, round: { id, stepIds, isImmediate: trigger === 'manual' } };
}

// ---------------------------------------------------------------------------------------------
// The reducer.

function updateStep(state: SessionState, stepId: string, change: Partial<StepProgress>): SessionState {
	return { ...state, progress: { ...state.progress, [stepId]: { ...stepProgress(state, stepId), ...change } } };
}

function select(state: SessionState, index: number): SessionState {
	const clamped = Math.min(Math.max(index, 0), state.steps.length - 1);
	if (clamped === state.selected) return state;
	const moved: SessionState = {
		...state,
		selected: clamped,
		scroll: 0,
		focus: state.steps[clamped]?.isQuestion ? 'answer' : 'keys',
	};
	return planRound(moved, 'select');
}

function info(text: string): Notice {
	return { text, tone: 'info' };
}

/** When the last step gets done for the first time, note the time and show the summary. */
function celebrateIfFinished(state: SessionState, at: number): SessionState {
	if (state.finishedAt !== undefined || !isFinished(state)) return state;
	return { ...state, finishedAt: at, view: 'summary', overlay: undefined };
}

function nextNotDone(state: SessionState, after: number): number | undefined {
	for (let index = after + 1; index < state.steps.length; index++) {
		const step = state.steps[index];
		if (step && stepProgress(state, step.id).status !== 'done') return index;
	}
	return undefined;
}

function finishCheck(
	state: SessionState,
	action: Extract<SessionAction, { type: 'check-finished' }>,
): SessionState {
	const before = stepProgress(state, action.stepId);
	if (before.checkingId !== action.checkId) return state;
	if (action.check.status === 'canceled') return updateStep(state, action.stepId, { checkingId: undefined });
	const isPassed = action.check.status === 'passed';
	const wasDone = before.status === 'done' || before.status === 'regressed';
	const status: StepStatus = isPassed ? 'done' : wasDone ? 'regressed' : 'failed';
	let next = updateStep(state, action.stepId, { checkingId: undefined, status, results: action.check.results });
	const current = selectedStep(next);
	// The learner just did what the current step asks: move on to the next step not yet done, so the
	// lab keeps up with them without a key press (and checks that step too, in case it is done).
	if (isPassed && !wasDone && current?.id === action.stepId && next.view === 'lab' && next.overlay === undefined) {
		const target = nextNotDone(next, next.selected);
		if (target !== undefined) next = select(next, target);
	}
	return celebrateIfFinished(next, action.at);
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
	if (state.quit && action.type !== 'check-finished' && action.type !== 'environment') return state;
	const step = selectedStep(state);
	switch (action.type) {
		case 'move':
			return select(state, state.selected + action.delta);
		case 'select':
			return select(state, action.index);
		case 'scroll': {
			const max = Math.max(action.max, 0);
			const from = state.scroll === 'end' ? max : Math.min(state.scroll, max);
			return { ...state, scroll: Math.min(Math.max(from + action.by, 0), max) };
		}
		case 'request-check': {
			if (!step) return state;
			if (step.isQuestion) return { ...state, notice: info('This step is a question: type your answer and press Enter.') };
			return planRound(state, 'manual');
		}
		case 'show-hint': {
			if (!step) return state;
			const { hintsShown } = stepProgress(state, step.id);
			if (step.hintCount === 0) return { ...state, notice: info('This step has no hints.') };
			if (hintsShown >= step.hintCount) return { ...state, notice: info('That was the last hint for this step.') };
			return { ...updateStep(state, step.id, { hintsShown: hintsShown + 1 }), scroll: 'end' };
		}
		case 'ask-solution': {
			if (!step) return state;
			if (!step.hasSolution) return { ...state, notice: info('This step has no solution to show.') };
			if (stepProgress(state, step.id).solutionShown) return { ...state, scroll: 'end' };
			return { ...state, overlay: 'confirm-solution' };
		}
		case 'confirm-solution': {
			if (!step || state.overlay !== 'confirm-solution') return state;
			return { ...updateStep(state, step.id, { solutionShown: true }), overlay: undefined, scroll: 'end' };
		}
		case 'close-overlay':
			return { ...state, overlay: undefined };
		case 'toggle-help':
			return { ...state, overlay: state.overlay === 'help' ? undefined : 'help' };
		case 'toggle-auto-check': {
			const isAutoCheck = !state.isAutoCheck;
			const toggled: SessionState = {
				...state,
				isAutoCheck,
				notice: info(isAutoCheck ? 'Auto-check is on: steps are checked as you work.' : 'Auto-check is off: press c to check.'),
			};
			return isAutoCheck ? planRound(toggled, 'change') : toggled;
		}
		case 'focus':
			return { ...state, focus: step?.isQuestion ? action.focus : 'keys' };
		case 'type-answer': {
			if (!step?.isQuestion) return state;
			// Typing again hides the old verdict, so it never sits under an answer it was not about.
			const text = stepProgress(state, step.id).answer + action.text.replace(/[\r\n\t]/g, ' ');
			return updateStep(state, step.id, { answer: text, verdict: undefined });
		}
		case 'erase-answer': {
			if (!step?.isQuestion) return state;
			const answer = [...stepProgress(state, step.id).answer].slice(0, -1).join('');
			return updateStep(state, step.id, { answer, verdict: undefined });
		}
		case 'submit-answer': {
			if (!step?.isQuestion) return state;
			const answer = stepProgress(state, step.id).answer.trim();
			if (answer === '') return { ...state, notice: info('Type your answer first, then press Enter.') };
			return { ...state, judging: { id: (state.judging?.id ?? 0) + 1, stepId: step.id, answer } };
		}
		case 'answer-judged': {
			const judging = state.judging;
			if (!judging || judging.id !== action.judgingId) return state;
			const before = stepProgress(state, judging.stepId);
			// A wrong answer after a right one does not undo what the learner already showed they know.
			const status: StepStatus = action.verdict.correct || before.status === 'done' ? 'done' : 'failed';
			const judged = updateStep({ ...state, judging: undefined }, judging.stepId, { verdict: action.verdict, status });
			return celebrateIfFinished(judged, action.at);
		}
		case 'check-started': {
			if (!state.progress[action.stepId]) return state;
			return updateStep(state, action.stepId, { checkingId: action.checkId });
		}
		case 'check-finished':
			return finishCheck(state, action);
		case 'changed':
			return planRound({ ...state, changeCount: state.changeCount + 1 }, 'change');
		case 'environment':
			return { ...state, environment: action.status };
		case 'doctor': {
			const hasProblem = action.items.some((item) => item.status === 'fail');
			// On a resumed lab there is no welcome screen: show what blocks the steps over them instead.
			const overlay = hasProblem && state.view === 'lab' && state.overlay === undefined ? 'doctor' : state.overlay;
			return { ...state, doctor: action.items, overlay };
		}
		case 'variables-set': {
			const withVars: SessionState = { ...state, vars: action.vars };
			if (state.view !== 'variables') return withVars;
			return state.isFirstRun ? { ...withVars, view: 'welcome' } : planRound({ ...withVars, view: 'lab' }, 'start');
		}
		case 'start':
			if (state.view !== 'welcome') return state;
			return planRound({ ...state, view: 'lab', notice: undefined, scroll: 0 }, 'start');
		case 'show-summary':
			return state.finishedAt === undefined ? state : { ...state, view: 'summary', overlay: undefined };
		case 'close-summary':
			return state.view === 'summary' ? { ...state, view: 'lab' } : state;
		case 'notice':
			return { ...state, notice: action.notice };
		case 'request-quit': {
			const isAsking = action.by !== 'signal' && state.canStopRegistry && state.environment?.registry.startedByLab === true;
			if (state.overlay === 'confirm-quit' || !isAsking) {
				// Ctrl+C at the question, or a signal, quits without touching the container.
				return { ...state, overlay: undefined, quit: { stopRegistry: false, by: action.by } };
			}
			return { ...state, overlay: 'confirm-quit' };
		}
		case 'confirm-quit':
			if (state.overlay !== 'confirm-quit') return state;
			return { ...state, overlay: undefined, quit: { stopRegistry: action.stopRegistry, by: 'key' } };
	}
}
