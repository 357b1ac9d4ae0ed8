// The learner's session as one pure reducer: which step is selected, how each step stands, hints and
// solutions shown, answers, overlays, and the requests the UI's hooks carry out (check rounds,
// judging an answer, quitting). Nothing here does I/O; every effect is a field a hook reacts to.
import type { CheckResult } from '../checks/types.js';
import type { Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';
import { editField, emptyField, fieldWith, type AnswerField, type FieldEdit } from './answer-field.js';
import { missingVariables } from './ask-variables.js';
import { stepInfos, type StepInfo } from './lab-steps.js';
import { finishProof, startPhase, type ProofRun } from './dev-state.js';
import type { DoctorItem, EnvironmentStatus, StepCheck, Verdict, WatchReason } from './lab-port.js';

/**
 * How a step stands. Done is for good: once a step's checks pass (or its question is answered
 * right) it stays done, even when a later step undoes what it made (removing an image, cleanup).
 * A later check of a done step that fails is kept as `lost`, not as a status: it matters only to
 * a step that needs it. `checking` is not a status of its own: see `displayStatus`.
 */
export type StepStatus = 'not-yet' | 'done' | 'failed';
export type DisplayStatus = StepStatus | 'checking';

export interface StepProgress {
	status: StepStatus;
	/** The id of the check in flight; a late result with another id (an aborted check) is ignored. */
	checkingId?: number;
	/** Results of the last finished check. */
	results: CheckResult[];
	/** When the step was first done (ms since the epoch); kept with the progress. */
	doneAt?: number;
	/**
	 * A done step whose last re-check failed: what the machine shows now (e.g. the registry stopped).
	 * The step stays done; a step that needs it says what to redo.
	 */
	lost?: CheckResult[];
	hintsShown: number;
	solutionShown: boolean;
	/** `d`: the last failed check's evidence (command, why, output) shows under the lab's words. */
	isDetailsShown?: boolean;
	/**
	 * The last answer submitted and judged (question steps): what is saved and what `check` reads.
	 * A right one stays until another right one replaces it: a wrong attempt after it is judged and
	 * shown, but the right answer stays saved (and the step done).
	 */
	answer?: SavedAnswer;
	/**
	 * What the learner is typing and has not submitted (only Enter submits). Unset while the field
	 * shows the saved answer; over a right answer it is a new attempt, which Esc drops.
	 */
	draft?: AnswerField;
	/** The verdict on the last answer judged; an edit hides it, so it never sits under text it was not about. */
	verdict?: Verdict;
}

export interface SavedAnswer {
	text: string;
	correct: boolean;
}

/** What sits over the main view and takes the keys. */
export type Overlay = 'help' | 'confirm-solution' | 'confirm-quit' | 'doctor';
export type View = 'variables' | 'welcome' | 'lab' | 'summary';
/** On a question step keys type into the answer field (`answer`) until Tab or Esc gives them back. */
export type Focus = 'answer' | 'keys';
export type QuitCause = 'key' | 'ctrl-c' | 'signal';

/**
 * A request to check these steps, the selected one first. A round planned on a change supersedes
 * (aborts) every check in flight: they may have looked before the change. Other rounds (a move, a
 * step that a tick made checkable) add to the checks in flight.
 */
export interface CheckRound {
	id: number;
	stepIds: string[];
	/** Manual checks start at once; rounds caused by moving or by a change wait for things to settle. */
	isImmediate: boolean;
	/** True when the checks in flight are stale and must be aborted. */
	supersedes: boolean;
	/** Set when the hook has taken the round; until then a newer round is merged into it, not lost. */
	isStarted?: boolean;
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
	/** The author's mode (`registry-lab dev`): p proves the selected step, and the lab reloads on save. */
	isDev?: boolean;
	/** The lab file no longer loads: its problems as `lab.yaml:LINE:COL: message`, shown over the lab until it is fixed. */
	labProblems?: string[];
	/** The last proof run (dev), shown in its step's pane. */
	proof?: ProofRun;
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
	| { type: 'toggle-details' }
	| { type: 'toggle-auto-check' }
	| { type: 'focus'; focus: Focus }
	| { type: 'type-answer'; text: string }
	| { type: 'edit-answer'; edit: FieldEdit }
	/** Esc in the answer field: drops a new attempt over a right answer, and gives the keys back. */
	| { type: 'cancel-answer' }
	| { type: 'submit-answer' }
	| { type: 'answer-judged'; judgingId: number; verdict: Verdict; at: number }
	| { type: 'check-started'; stepId: string; checkId: number }
	| { type: 'check-finished'; stepId: string; checkId: number; check: StepCheck; at: number }
	| { type: 'round-started'; roundId: number }
	| { type: 'changed'; reason: WatchReason }
	| { type: 'environment'; status: EnvironmentStatus }
	| { type: 'doctor'; items: DoctorItem[] }
	| { type: 'variables-set'; vars: Record<string, string> }
	| { type: 'start' }
	| { type: 'show-summary' }
	| { type: 'close-summary' }
	| { type: 'notice'; notice: Notice | undefined }
	| { type: 'request-quit'; by: QuitCause }
	| { type: 'confirm-quit'; stopRegistry: boolean }
	/** dev: the lab file was saved and loads; the session goes on with the new lab (see `reloadLab`). */
	| { type: 'lab-reloaded'; lab: Lab; vars: Record<string, string> }
	/** dev: the lab file was saved and does not load. */
	| { type: 'lab-problems'; problems: string[] }
	| { type: 'request-proof' }
	| { type: 'proof-phase'; proofId: number; phase: string }
	| { type: 'proof-finished'; proofId: number; status: 'passed' | 'failed' | 'skipped' | 'canceled'; message: string };

export interface SessionInit {
	lab: Lab;
	vars: Record<string, string>;
	saved?: ProgressState;
	now: number;
	canStopRegistry: boolean;
	/** A message for the learner from loading their progress (e.g. the file was damaged and backed up). */
	notice?: string;
	/** The author's mode (`registry-lab dev`). */
	isDev?: boolean;
}

function emptyProgress(): StepProgress {
	return { status: 'not-yet', results: [], hintsShown: 0, solutionShown: false };
}

/** The session as the learner left it (from saved progress), or a fresh one. */
export function initSession({ lab, vars, saved, now, canStopRegistry, notice, isDev }: SessionInit): SessionState {
	const steps = stepInfos(lab);
	const progress: Record<string, StepProgress> = {};
	for (const step of steps) {
		const answer = saved?.answers[step.id];
		const isDone = saved?.done.includes(step.id) === true || (step.isQuestion && answer?.correct === true);
		const doneAt = isDone ? Date.parse(saved?.doneAt?.[step.id] ?? '') : Number.NaN;
		progress[step.id] = {
			...emptyProgress(),
			status: isDone ? 'done' : 'not-yet',
			...(Number.isFinite(doneAt) ? { doneAt } : {}),
			hintsShown: Math.min(saved?.hintsShown[step.id] ?? 0, step.hintCount),
			solutionShown: saved?.solutionsShown.includes(step.id) === true && step.hasSolution,
			...(step.isQuestion && answer ? { answer: { text: answer.text, correct: answer.correct } } : {}),
			...(step.isQuestion && saved?.drafts?.[step.id] ? { draft: fieldWith(saved.drafts[step.id] ?? '') } : {}),
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
		...(isDev ? { isDev } : {}),
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

/** The answer field as it stands: the draft, else the saved answer (a wrong one is edited from its end). */
export function answerField(progress: StepProgress): AnswerField {
	return progress.draft ?? fieldWith(progress.answer?.text ?? '');
}

/** True while the learner types a new answer over a saved right one. */
export function isNewAttempt(progress: StepProgress): boolean {
	return progress.answer?.correct === true && progress.draft !== undefined;
}

/**
 * An edit of the answer field. Over a saved right answer the first typed text starts a new attempt
 * in an empty field (other keys there have nothing to edit); elsewhere edits go on from what the field
 * shows. Changing the text hides the last verdict; moving the cursor does not.
 */
function editAnswer(progress: StepProgress, edit: FieldEdit): Partial<StepProgress> | undefined {
	const isRightShown = progress.answer?.correct === true && progress.draft === undefined;
	if (isRightShown && (edit.kind !== 'insert' || edit.text === '')) return undefined;
	const from = isRightShown ? emptyField : answerField(progress);
	const draft = editField(from, edit);
	return { draft, verdict: draft.text === from.text ? progress.verdict : undefined };
}

/**
 * What the step list shows. `checking` only on the selected step and only while it is not done:
 * the steps checked in the background on every change would otherwise flicker.
 */
export function displayStatus(progress: StepProgress, isSelected = true): DisplayStatus {
	if (isSelected && progress.checkingId !== undefined && progress.status !== 'done') return 'checking';
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
 * Cleanup undoes the other steps, so "nothing there" only means something once the learner made
 * something: before that the cleanup step is not checked (it would pass on an empty machine).
 */
export function hasWorkToClean(state: SessionState): boolean {
	return state.steps.some((step) => !step.isCleanup && !step.isQuestion && !step.isInput && stepProgress(state, step.id).status === 'done');
}

export const noDetailsYet = 'Nothing to show yet: d shows what a failed check of this step saw.';

export const nothingToCleanYet = 'Nothing to clean up yet: this step counts once you have done some of the others.';

function isDone(state: SessionState, stepId: string): boolean {
	return stepProgress(state, stepId).status === 'done';
}

/** A done step whose work the machine no longer shows, as the step that needs it reports it. */
export interface LostNeed {
	id: string;
	title: string;
	results: CheckResult[];
}

/** The done steps the given step builds on whose last re-check failed: what to redo first. Pure. */
export function lostNeeds(state: SessionState, step: StepInfo): LostNeed[] {
	return doneNeeds(state, step).flatMap((id) => {
		const { lost } = stepProgress(state, id);
		const title = state.steps.find((candidate) => candidate.id === id)?.title ?? id;
		return lost ? [{ id, title, results: lost }] : [];
	});
}

/** Whether every step this one needs is done. Pure. */
export function areNeedsDone(state: SessionState, step: StepInfo): boolean {
	return step.needs.every((id) => isDone(state, id));
}

/**
 * The done steps this one needs, directly or through others, in lab order: the ones whose work the
 * selected step builds on, so the only done steps worth looking at again. Pure.
 */
export function doneNeeds(state: SessionState, step: StepInfo): string[] {
	const byId = new Map(state.steps.map((candidate) => [candidate.id, candidate]));
	const wanted = new Set<string>();
	const visit = (id: string): void => {
		for (const need of byId.get(id)?.needs ?? []) {
			if (wanted.has(need)) continue;
			wanted.add(need);
			visit(need);
		}
	};
	visit(step.id);
	return state.steps
		.filter((candidate) => wanted.has(candidate.id) && !candidate.isQuestion && isDone(state, candidate.id))
		.map((candidate) => candidate.id);
}

/**
 * Steps that could tick on their own now: not done, all their needs done, with checks (questions
 * are answered, not checked), and not the cleanup step (it is judged only once the learner is on
 * it: undoing the lab is the last thing to do, not something to notice along the way). Pure.
 */
export function openSteps(state: SessionState): string[] {
	return state.steps
		.filter((step) => !step.isQuestion && !step.isCleanup && !isDone(state, step.id) && areNeedsDone(state, step))
		.map((step) => step.id);
}

/**
 * Which steps to check, the selected step first. A manual check or a move checks the selected step
 * and the done steps it builds on (so it can say what to redo). A change on the machine (or the
 * start) also checks every open step, wherever the cursor is: learners skip ahead and do two steps
 * before looking back. Done steps that nothing selected builds on are not checked again: done is
 * for good.
 */
export function stepsToCheck(state: SessionState, trigger: RoundTrigger, reason?: WatchReason): string[] {
	const current = selectedStep(state);
	const ids: string[] = [];
	if (current && !current.isQuestion && (!current.isCleanup || hasWorkToClean(state))) ids.push(current.id);
	if (current) ids.push(...doneNeeds(state, current));
	if (trigger === 'manual' || trigger === 'select') return ids;
	// A change only a poll saw (an HTTP answer, a log line) can tick only steps with such checks;
	// docker events can change anything a command looks at.
	const byId = new Map(state.steps.map((step) => [step.id, step]));
	for (const id of openSteps(state)) {
		if (!ids.includes(id) && (reason !== 'http' || byId.get(id)?.isPolled)) ids.push(id);
	}
	return ids;
}

/** The steps a change seen by the watcher would re-check now: the only ones worth polling for. Pure. */
export function watchedSteps(state: SessionState): string[] {
	if (!state.isAutoCheck || (state.view !== 'lab' && state.view !== 'summary')) return [];
	return stepsToCheck(state, 'change');
}

function planRound(state: SessionState, trigger: RoundTrigger, reason?: WatchReason): SessionState {
	if (trigger !== 'manual' && !state.isAutoCheck) return state;
	// A proof changes the machine on purpose: ticking its step off mid-proof would move the cursor away from it.
	if (trigger === 'change' && state.proof?.isRunning) return state;
	if (state.view !== 'lab' && state.view !== 'summary') return state;
	if (trigger === 'manual' && selectedStep(state)?.isCleanup && !hasWorkToClean(state))
		return { ...state, notice: info(nothingToCleanYet) };
	const supersedes = trigger === 'change' || trigger === 'start' || trigger === 'manual';
	// A round that adds to the checks in flight leaves out the steps already being checked.
	const stepIds = stepsToCheck(state, trigger, reason).filter((id) => supersedes || stepProgress(state, id).checkingId === undefined);
	return withRound(state, stepIds, trigger === 'manual', supersedes);
}

function withRound(state: SessionState, stepIds: string[], isImmediate: boolean, supersedes: boolean): SessionState {
	if (stepIds.length === 0) return state;
	const id = state.roundSeq + 1;
	const waiting = state.round && !state.round.isStarted ? state.round : undefined;
	// Two rounds planned before the hook took the first: one round that does both.
	const merged: CheckRound = waiting
		? {
				id,
				stepIds: [...stepIds, ...waiting.stepIds.filter((stepId) => !stepIds.includes(stepId))],
				isImmediate: isImmediate || waiting.isImmediate,
				supersedes: supersedes || waiting.supersedes,
			}
		: { id, stepIds, isImmediate, supersedes };
	return { ...state, roundSeq: id, round: merged };
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

function finishCheck(state: SessionState, action: Extract<SessionAction, { type: 'check-finished' }>): SessionState {
	const before = stepProgress(state, action.stepId);
	if (before.checkingId !== action.checkId) return state;
	if (action.check.status === 'canceled') return updateStep(state, action.stepId, { checkingId: undefined });
	const isPassed = action.check.status === 'passed';
	const wasDone = before.status === 'done';
	const results = action.check.results;
	const wasOpen = new Set(openSteps(state));
	let next: SessionState;
	if (isPassed)
		next = updateStep(state, action.stepId, {
			checkingId: undefined,
			status: 'done',
			doneAt: before.doneAt ?? action.at,
			results,
			lost: undefined,
		});
	// Done is for good: what the machine shows now is kept aside for the steps that build on it.
	else if (wasDone) next = updateStep(state, action.stepId, { checkingId: undefined, lost: results });
	else next = updateStep(state, action.stepId, { checkingId: undefined, status: 'failed', results });
	if (!isPassed || wasDone) return next;

	// The learner just did what the selected step asks: move on to the next step not yet done, so the
	// lab keeps up with them without a key press. A step done out of order leaves the cursor alone.
	const current = selectedStep(next);
	if (current?.id === action.stepId && next.view === 'lab' && next.overlay === undefined) {
		const target = nextNotDone(next, next.selected);
		if (target !== undefined) next = select(next, target);
	}
	// Steps this tick opened up may be done already (the learner ran ahead): check them now.
	const opened = openSteps(next).filter((id) => !wasOpen.has(id) && stepProgress(next, id).checkingId === undefined);
	if (next.isAutoCheck) next = withRound(next, opened, false, false);
	return celebrateIfFinished(next, action.at);
}

/**
 * The lab file was saved and loads (dev): the session goes on with the new lab. The same step stays
 * selected (by id; by place when it is gone), and every step whose id survives keeps its progress
 * (hints and solution only as far as the new step has them). Checks in flight looked at the old
 * checks, so every step is checked again. Pure.
 */
export function reloadLab(state: SessionState, lab: Lab, vars: Record<string, string>): SessionState {
	const steps = stepInfos(lab);
	const progress: Record<string, StepProgress> = {};
	for (const step of steps) {
		const before = state.progress[step.id];
		progress[step.id] = before
			? {
					...before,
					checkingId: undefined,
					hintsShown: Math.min(before.hintsShown, step.hintCount),
					solutionShown: before.solutionShown && step.hasSolution,
				}
			: emptyProgress();
	}
	const selectedId = selectedStep(state)?.id;
	const kept = steps.findIndex((step) => step.id === selectedId);
	const selected = kept >= 0 ? kept : Math.max(Math.min(state.selected, steps.length - 1), 0);
	const isMissing = missingVariables(lab, vars).length > 0;
	const view: View = isMissing ? 'variables' : state.view === 'variables' ? 'lab' : state.view;
	const proof = state.proof && steps.some((step) => step.id === state.proof?.stepId) ? state.proof : undefined;
	const reloaded: SessionState = {
		...state,
		steps,
		progress,
		selected,
		view,
		focus: steps[selected]?.isQuestion ? state.focus : 'keys',
		scroll: selected === state.selected ? state.scroll : 0,
		vars,
		labProblems: undefined,
		proof,
	};
	return planRound(reloaded, 'start');
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
		case 'toggle-details': {
			if (!step) return state;
			const { results, isDetailsShown } = stepProgress(state, step.id);
			if (!isDetailsShown && !results.some((result) => result.status !== 'passed')) return { ...state, notice: info(noDetailsYet) };
			return updateStep(state, step.id, { isDetailsShown: !isDetailsShown });
		}
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
		case 'type-answer':
		case 'edit-answer': {
			if (!step?.isQuestion) return state;
			const edit: FieldEdit = action.type === 'type-answer' ? { kind: 'insert', text: action.text } : action.edit;
			const change = editAnswer(stepProgress(state, step.id), edit);
			return change ? updateStep(state, step.id, change) : state;
		}
		case 'cancel-answer': {
			if (!step?.isQuestion) return state;
			const progress = stepProgress(state, step.id);
			// Only a new attempt over a right answer is dropped: elsewhere the draft is all there is.
			const kept = isNewAttempt(progress) ? updateStep(state, step.id, { draft: undefined, verdict: undefined }) : state;
			return { ...kept, focus: 'keys' };
		}
		case 'submit-answer': {
			if (!step?.isQuestion) return state;
			const answer = answerField(stepProgress(state, step.id)).text.trim();
			if (answer === '') return { ...state, notice: info('Type your answer first, then press Enter.') };
			return { ...state, judging: { id: (state.judging?.id ?? 0) + 1, stepId: step.id, answer } };
		}
		case 'answer-judged': {
			const judging = state.judging;
			if (!judging || judging.id !== action.judgingId) return state;
			const before = stepProgress(state, judging.stepId);
			// A wrong answer after a right one does not undo what the learner already showed they know.
			const status: StepStatus = action.verdict.correct || before.status === 'done' ? 'done' : 'failed';
			const doneAt = status === 'done' ? (before.doneAt ?? action.at) : undefined;
			// The saved answer is the last one judged, except that a right one stays until another is right.
			const keepsRight = !action.verdict.correct && before.answer?.correct === true;
			const answer = keepsRight ? before.answer : { text: judging.answer, correct: action.verdict.correct };
			// The judged text leaves the field's draft (it is the saved answer now), unless the learner
			// typed on meanwhile, or it is a wrong new attempt over a right answer, kept to be fixed.
			const isJudgedDraft = (before.draft?.text.trim() ?? judging.answer) === judging.answer;
			const draft = isJudgedDraft && !keepsRight ? undefined : before.draft;
			const judged = updateStep({ ...state, judging: undefined }, judging.stepId, {
				verdict: action.verdict,
				status,
				doneAt,
				answer,
				draft,
			});
			return celebrateIfFinished(judged, action.at);
		}
		case 'check-started': {
			if (!state.progress[action.stepId]) return state;
			return updateStep(state, action.stepId, { checkingId: action.checkId });
		}
		case 'check-finished':
			return finishCheck(state, action);
		case 'round-started':
			return state.round?.id === action.roundId ? { ...state, round: { ...state.round, isStarted: true } } : state;
		case 'changed':
			return planRound({ ...state, changeCount: state.changeCount + 1 }, 'change', action.reason);
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
		case 'lab-reloaded':
			return reloadLab(state, action.lab, action.vars);
		case 'lab-problems':
			return { ...state, labProblems: action.problems };
		case 'request-proof': {
			if (!state.isDev || !step) return state;
			if (state.labProblems) return { ...state, notice: info('Fix the problems in the lab file first: p proves the lab as it loads.') };
			if (state.proof?.isRunning) return { ...state, notice: info('A proof is running; its phases show as they finish.') };
			if (step.isQuestion) return { ...state, notice: info('This step is a question: registry-lab test proves its answers.') };
			const proof: ProofRun = { id: (state.proof?.id ?? 0) + 1, stepId: step.id, phases: [], isRunning: true };
			return { ...state, proof, scroll: 'end' };
		}
		case 'proof-phase':
			if (state.proof?.id !== action.proofId || !state.proof.isRunning) return state;
			return { ...state, proof: startPhase(state.proof, action.phase) };
		case 'proof-finished':
			if (state.proof?.id !== action.proofId || !state.proof.isRunning) return state;
			return { ...state, proof: finishProof(state.proof, { status: action.status, message: action.message }) };
	}
}
