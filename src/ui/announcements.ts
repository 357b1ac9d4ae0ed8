// What the linear mode (registry-lab --plain, for screen readers) says: each change of the session
// once, as lines appended to the terminal, never a redraw. Pure: it compares the session before and
// after a change (React may fold several actions into one render, so it reads states, not actions)
// and returns what to say, so the wording and the order are tested with a table.
import type { CheckResult } from '../checks/types.js';
import type { ClassPublishStatus } from './hooks/use-class-publisher.js';
import type { Lab } from '../lab/schema.js';
import { isDockerHub } from '../registry/docker-hub.js';
import type { AskedVariable } from '../session/ask-variables.js';
import { displayValues, stepText, type StepText } from '../session/lab-steps.js';
import {
	answerField,
	hintsUsed,
	isNewAttempt,
	lostNeeds,
	progressCount,
	selectedStep,
	solutionsViewed,
	stepProgress,
	type SessionState,
	type StepProgress,
} from '../session/session-reducer.js';
import { showField } from '../session/answer-field.js';
import { chooseScreen, keysFor } from './choose-screen.js';
import { pushRegistryFor } from './components/welcome.js';
import { doctorLines } from './doctor-lines.js';
import { formatDuration, helpLines, helpNotes, text } from './messages.js';
import { failureSentence } from './step-pane.js';

/** One thing to say: plain text (it may hold line breaks), or markdown the view renders as plain text. */
export type Announcement = { text: string } | { markdown: string };

export interface AnnounceContext {
	lab: Lab;
	workspace: string;
}

/** What the announcer remembers between changes that the session does not hold. */
export interface AnnouncerMemo {
	/** The step whose check the learner asked for (c): its result is said when that check ends. */
	askedCheck?: string;
}

export interface Announced {
	announcements: Announcement[];
	memo: AnnouncerMemo;
}

/** The variables form as the announcer reads it (see use-variables-form-state). */
export interface VariablesFormView {
	variables: AskedVariable[];
	index: number;
	value: string;
	error?: string;
	isComplete: boolean;
}

const say = (...lines: string[]): Announcement => ({ text: lines.join('\n') });
const markdown = (source: string): Announcement => ({ markdown: source });
/** Wide enough that the doctor's findings stay one line each: the terminal wraps them. */
const UNWRAPPED = 10_000;
const OUTPUT_TAIL_LINES = 3;

function progressLine(state: SessionState, lab: Lab): string {
	const { done, total } = progressCount(state);
	return `${lab.title}: ${done} of ${total} steps done.`;
}

/** "Step 3 of 13", by the step's place in the lab. */
function stepNumber(state: SessionState, stepId: string): string {
	return `Step ${state.steps.findIndex((step) => step.id === stepId) + 1} of ${state.steps.length}`;
}

function hintAnnouncements(hints: string[], from: number, to: number): Announcement[] {
	return hints.slice(from, to).flatMap((hint, offset) => [say(`Hint ${from + offset + 1} of ${hints.length}:`), markdown(hint)]);
}

function solutionAnnouncement({ solution, podmanSolution }: Pick<StepText, 'solution' | 'podmanSolution'>): Announcement {
	const onPodman = podmanSolution.length > 0 ? ['On Podman:', ...podmanSolution.map((command) => `  ${command}`)] : [];
	return say('Solution:', ...solution.map((command) => `  ${command}`), ...onPodman);
}

function failureAnnouncement(results: CheckResult[]): Announcement[] {
	const failures = results.filter((result) => result.status !== 'passed');
	const first = failures[0];
	if (!first) return [];
	const more = failures.length > 1 ? [text.moreFailures(failures.length - 1)] : [];
	return [say(`${text.failedIntro} ${failureSentence(first)}`, ...more)];
}

/** What the selected step is, as the full screen's step pane shows it, in reading order. */
function stepAnnouncements(state: SessionState, context: AnnounceContext): Announcement[] {
	const info = selectedStep(state);
	const step = context.lab.steps[state.selected];
	if (!info || !step) return [];
	const progress = stepProgress(state, info.id);
	const filled = stepText(step, displayValues(state.vars, context.workspace));
	const said: Announcement[] = [
		say(`${stepNumber(state, info.id)}: ${info.title}${progress.status === 'done' ? ' (done ✔)' : ''}`),
		markdown(filled.prompt),
	];
	if (filled.question) {
		said.push(markdown(filled.question.ask));
		if (filled.question.choices.length > 0) said.push(say(...filled.question.choices.map((choice, index) => `${index + 1}) ${choice}`)));
	}
	said.push(...hintAnnouncements(filled.hints, 0, progress.hintsShown));
	if (progress.solutionShown && filled.solution.length > 0) said.push(solutionAnnouncement(filled));
	if (info.isQuestion && progress.answer) {
		said.push(say(`${text.yourAnswer}${progress.answer.text} ${progress.answer.correct ? '✔ right' : '(not right yet)'}`));
	} else if (!info.isQuestion && progress.status === 'done') said.push(say(text.done));
	return said;
}

function welcomeAnnouncements(state: SessionState, context: AnnounceContext): Announcement[] {
	const hub = pushRegistryFor(context.lab, state.vars);
	return [
		...(context.lab.intro ? [markdown(context.lab.intro)] : []),
		say(text.workspace, `  cd ${context.workspace}`),
		...(hub === undefined ? [] : [say(isDockerHub(hub) ? text.hubIsDockerHub : text.hubPlayedBy(hub))]),
		say(text.welcomeStart),
	];
}

function summaryAnnouncements(state: SessionState, context: AnnounceContext): Announcement[] {
	const took = (state.finishedAt ?? state.startedAt) - state.startedAt;
	return [
		say(
			text.summaryTitle,
			context.lab.title,
			`Time taken: ${formatDuration(took)}`,
			`Hints used: ${hintsUsed(state)}`,
			`Solutions viewed: ${solutionsViewed(state)}`,
		),
		...(context.lab.next ? [say(text.tryNext), markdown(context.lab.next)] : []),
	];
}

function viewAnnouncements(state: SessionState, context: AnnounceContext): Announcement[] {
	switch (state.view) {
		case 'variables':
			return [say(text.variablesIntro)];
		case 'welcome':
			return welcomeAnnouncements(state, context);
		case 'lab':
			return stepAnnouncements(state, context);
		case 'summary':
			return summaryAnnouncements(state, context);
	}
}

function keysLine(state: SessionState): string | undefined {
	if (state.quit) return undefined;
	const info = selectedStep(state);
	const keys = keysFor(chooseScreen(state), state, info, stepProgress(state, info?.id ?? ''));
	// Nothing scrolls in the linear mode: the terminal's own scrollback holds everything said.
	return `Keys: ${keys
		.split('  ')
		.filter((key) => !/PgDn|PgUp/.test(key))
		.join('  ')}`;
}

function verdictAnnouncements(progress: StepProgress): Announcement[] {
	const verdict = progress.verdict;
	if (!verdict) return [];
	if (!verdict.correct) {
		const kept = progress.answer?.correct === true ? [say(text.savedAnswerKept)] : [];
		return [say(text.wrong), markdown(verdict.feedback), ...kept];
	}
	return [
		say(verdict.normalized ? `${text.right} ${verdict.normalized}` : text.right),
		...(verdict.feedback ? [markdown(verdict.feedback)] : []),
	];
}

/** The result of a check the learner asked for, once it has ended (undefined while it runs or was canceled). */
function askedCheckResult(before: StepProgress, after: StepProgress): Announcement[] | undefined {
	if (before.checkingId === undefined || after.checkingId !== undefined) return undefined;
	const isNewResult = after.results !== before.results || after.lost !== before.lost || after.status !== before.status;
	if (!isNewResult) return undefined;
	// A step that has just ticked is said by the tick.
	if (after.status === 'done' && before.status !== 'done') return [];
	if (after.status === 'done' && after.lost) {
		const why = after.lost.find((result) => result.status !== 'passed');
		return [say(`Done before, but your machine no longer shows it: ${why ? failureSentence(why) : ''}`.trim())];
	}
	if (after.status === 'done') return [say(text.done)];
	return failureAnnouncement(after.results);
}

function detailsAnnouncement(progress: StepProgress): Announcement[] {
	const first = progress.results.find((result) => result.status !== 'passed');
	if (!first) return [];
	const lines = [text.detailsTitle];
	if (first.subject) lines.push(`  ${text.checked(first.subject)}`);
	if (first.detail && first.detail !== failureSentence(first)) lines.push(`  ${first.detail}`);
	const tail = first.outputTail.replace(/\s+$/, '');
	if (tail !== '')
		lines.push(
			...tail
				.split('\n')
				.slice(-OUTPUT_TAIL_LINES)
				.map((line) => `  | ${line}`),
		);
	return [say(...lines)];
}

function doctorAnnouncement(state: SessionState): Announcement[] {
	if (state.doctor === undefined) return [];
	return [say(...doctorLines(state.doctor, UNWRAPPED).map((line) => line.text))];
}

function overlayAnnouncements(state: SessionState): Announcement[] {
	const info = selectedStep(state);
	switch (state.overlay) {
		case 'help':
			return [say('Keys', ...helpLines.map(([keys, meaning]) => `  ${keys}: ${meaning}`), ...helpNotes)];
		case 'confirm-solution': {
			const hintsLeft = (info?.hintCount ?? 0) - stepProgress(state, info?.id ?? '').hintsShown;
			return [say(`${text.confirmSolution(hintsLeft)} (y/n)`)];
		}
		case 'confirm-quit':
			return [say(`${text.confirmQuit} (y/n)`)];
		case 'doctor':
		case undefined:
			return [];
	}
}

/**
 * What to say after the session changed from `previous` to `next` (`previous` undefined: the lab has
 * just opened). In reading order: what the learner's key did (a verdict, a check they asked for, a
 * hint, an overlay), steps that ticked, then where they are now (the step moved to), what the
 * machine says (doctor, Docker), a notice, and last the keys that work now when they changed.
 */
export function announce(previous: SessionState | undefined, next: SessionState, context: AnnounceContext, memo: AnnouncerMemo): Announced {
	const said: Announcement[] = [];
	if (!previous) {
		said.push(say(progressLine(next, context.lab)));
		if (next.notice) said.push(say(next.notice.text));
		said.push(...viewAnnouncements(next, context));
		const keys = keysLine(next);
		if (keys) said.push(say(keys));
		return { announcements: said, memo: {} };
	}
	// After quitting, only the quit sequence speaks.
	if (previous.quit) return { announcements: [], memo };
	if (next.quit) {
		const stopping = next.quit.stopRegistry ? [text.stoppingRegistry] : [];
		return { announcements: [say(text.quitting, ...stopping)], memo: {} };
	}

	let asked = memo.askedCheck;
	const current = selectedStep(next);
	const isSameStep = current !== undefined && selectedStep(previous)?.id === current.id;

	// The answer the learner submitted, judged.
	if (previous.judging && !next.judging) {
		const judged = stepProgress(next, previous.judging.stepId);
		if (judged.verdict !== stepProgress(previous, previous.judging.stepId).verdict) said.push(...verdictAnnouncements(judged));
	}
	// A check the learner asked for (c): its result once it ends. A check that starts on its own (a
	// change on the machine, a move) is not said: it would speak at every docker event.
	if (next.round && next.round !== previous.round && next.round.isImmediate && current && next.round.stepIds[0] === current.id)
		asked = current.id;
	if (asked !== undefined) {
		const result = askedCheckResult(stepProgress(previous, asked), stepProgress(next, asked));
		if (result) {
			said.push(...result);
			asked = undefined;
		}
	}
	// What the learner revealed on the step they are on.
	if (current && isSameStep) {
		const before = stepProgress(previous, current.id);
		const after = stepProgress(next, current.id);
		const step = context.lab.steps[next.selected];
		const filled = step ? stepText(step, displayValues(next.vars, context.workspace)) : undefined;
		if (filled && after.hintsShown > before.hintsShown) said.push(...hintAnnouncements(filled.hints, before.hintsShown, after.hintsShown));
		if (filled && after.solutionShown && !before.solutionShown) said.push(solutionAnnouncement(filled));
		if (after.isDetailsShown && !before.isDetailsShown) said.push(...detailsAnnouncement(after));
	}
	if (next.overlay !== previous.overlay) said.push(...overlayAnnouncements(next));

	// Steps done, in the lab's order.
	for (const step of next.steps) {
		if (stepProgress(next, step.id).status === 'done' && stepProgress(previous, step.id).status !== 'done')
			said.push(say(`✔ ${stepNumber(next, step.id)} done: ${step.title}`));
	}

	// Where the learner is now.
	if (next.view !== previous.view) said.push(...viewAnnouncements(next, context));
	else if (next.view === 'lab' && !isSameStep) said.push(...stepAnnouncements(next, context));
	else if (current && next.view === 'lab') {
		const lostBefore = new Set(lostNeeds(previous, current).map((need) => need.id));
		for (const need of lostNeeds(next, current)) {
			if (lostBefore.has(need.id)) continue;
			const why = need.results.find((result) => result.status !== 'passed');
			said.push(say(text.redoNeed(need.title), ...(why ? [`  ${failureSentence(why)}`] : [])));
		}
	}

	// What the machine says.
	if (next.doctor !== previous.doctor) said.push(...doctorAnnouncement(next));
	const docker = next.environment?.docker;
	if (docker !== previous.environment?.docker) {
		if (docker === 'down') said.push(say('Docker is not running: steps cannot tick until it is started.'));
		else if (docker === 'up' && previous.environment?.docker === 'down') said.push(say('Docker is running again.'));
	}
	if (next.notice && next.notice !== previous.notice) said.push(say(next.notice.text));
	const keys = keysLine(next);
	if (keys && keys !== keysLine(previous)) said.push(say(keys));
	return { announcements: said, memo: asked === undefined ? {} : { askedCheck: asked } };
}

/** What to say as the variables form moves on: each question once, and each refusal. Pure. */
export function announceVariables(previous: VariablesFormView | undefined, next: VariablesFormView): Announcement[] {
	const said: Announcement[] = [];
	const variable = next.variables[next.index];
	if (variable && !next.isComplete && (previous === undefined || previous.index !== next.index)) {
		const count = next.variables.length > 1 ? [`(${next.index + 1} of ${next.variables.length})`] : [];
		said.push(say(variable.ask, ...(variable.describe ? [variable.describe] : []), ...count));
	}
	if (next.error && next.error !== previous?.error) said.push(say(next.error));
	return said;
}

/**
 * The one line that changes in place: what is being typed (a variable's value, an answer). Undefined
 * when nothing is typed; the terminal's cursor stands at its end. Pure.
 */
export function liveLine(state: SessionState, form: VariablesFormView | undefined): string | undefined {
	if (state.quit || state.overlay !== undefined) return undefined;
	if (state.view === 'variables') return form && !form.isComplete ? `> ${form.value}` : undefined;
	const info = selectedStep(state);
	if (state.view !== 'lab' || !info?.isQuestion || state.focus !== 'answer') return undefined;
	const progress = stepProgress(state, info.id);
	const field = answerField(progress);
	// At the end the terminal's own cursor shows where typing goes; inside the text a mark does.
	const shown = field.cursor >= [...field.text].length ? field.text : showField(field, '▌');
	return `${isNewAttempt(progress) ? text.newAttempt : text.yourAnswer}${shown}`;
}

/**
 * What the linear mode says about the classroom: a publish that failed (once per reason) and the
 * first one that got through after it; a publish that simply worked is not news. Pure.
 */
export function announceClassroom(previous: ClassPublishStatus | undefined, next: ClassPublishStatus): Announcement[] {
	if (next.kind === 'failed') {
		return previous?.kind === 'failed' && previous.reason === next.reason
			? []
			: [say(`Class registry: progress not sent (${next.reason}). The lab carries on; the next change tries again.`)];
	}
	if (next.kind === 'published' && previous?.kind === 'failed') return [say('Class registry: progress sent again.')];
	return [];
}
