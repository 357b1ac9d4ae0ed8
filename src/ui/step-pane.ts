// The step pane as lines that fit its width: a scrolling document (prompt, question, hints shown,
// solution) and a block pinned under it (last check result, answer field, confirmation) that must
// stay in view. Pure, so the scrolling arithmetic is tested without a terminal.
import type { CheckResult } from '../checks/types.js';
import type { StepText } from '../session/lab-steps.js';
import { showField } from '../session/answer-field.js';
import { answerField, isNewAttempt, type Focus, type LostNeed, type Overlay, type StepProgress } from '../session/session-reducer.js';
import { text } from './messages.js';
import { wrapCommand, renderMarkdown } from './render-markdown.js';
import { wrapText } from './text-layout.js';

export interface Line {
	text: string;
	color?: string;
	isDim?: boolean;
	isBold?: boolean;
}

const plain = (lines: string[], style: Omit<Line, 'text'> = {}): Line[] => lines.map((line) => ({ text: line, ...style }));
const indent = (lines: string[], by = 2): string[] => lines.map((line) => (line === '' ? '' : ' '.repeat(by) + line));
const blank: Line = { text: '' };

/** Output lines shown with the details: the end is where a command says what went wrong. Few, so the pinned block fits 24 rows. */
const OUTPUT_TAIL_LINES = 3;

export interface StepPaneInput {
	text: StepText;
	progress: StepProgress;
	/** Done steps this one builds on whose work the machine no longer shows: what to redo first. */
	lostNeeds?: LostNeed[];
	hintCount: number;
	isQuestion: boolean;
	focus: Focus;
	overlay?: Overlay;
	width: number;
}

/** The scrolling part: what the step asks, then hints and the solution as they are revealed. */
export function stepDocument({ text: step, progress, hintCount, width }: StepPaneInput): Line[] {
	const lines: Line[] = plain(renderMarkdown(step.prompt, width));
	if (step.question) {
		lines.push(blank, ...plain(renderMarkdown(step.question.ask, width), { isBold: true }));
		step.question.choices.forEach((choice, index) => {
			lines.push(...plain(indent(wrapText(`${index + 1}) ${choice}`, width - 2))));
		});
	}
	step.hints.slice(0, progress.hintsShown).forEach((hint, index) => {
		lines.push(blank, { text: `Hint ${index + 1} of ${hintCount}`, color: 'yellow', isBold: true });
		lines.push(...plain(indent(renderMarkdown(hint, width - 2))));
	});
	if (progress.solutionShown && step.solution.length > 0) {
		lines.push(blank, { text: 'Solution', color: 'magenta', isBold: true });
		const commands = (list: string[]): Line[] =>
			list.flatMap((command) =>
				plain(indent(wrapCommand(command, width - 2, ' \\').flatMap((line) => wrapText(line, width - 2))), { color: 'cyan' }),
			);
		lines.push(...commands(step.solution));
		if (step.podmanSolution.length > 0) lines.push(blank, { text: 'On Podman:', isBold: true }, ...commands(step.podmanSolution));
	}
	return lines;
}

/** What a failed check says to the learner: the lab's words, else what was found, else what failed. */
export function failureSentence(result: CheckResult): string {
	return result.message || result.detail || `${result.subject} did not pass.`;
}

function lastLines(output: string, count: number): string[] {
	return output.replace(/\s+$/, '').split('\n').slice(-count);
}

/**
 * A failed check as the learner reads it: the lab's words (what is missing, what to do). The
 * evidence (the command, "expected exit code 0, got 1", its output) waits behind `d`: it is for
 * when the words are not enough, and in the way when they are.
 */
function failureLines(results: CheckResult[], width: number, isDetailsShown: boolean): Line[] {
	const failures = results.filter((result) => result.status !== 'passed');
	const first = failures[0];
	if (!first) return [];
	const lines: Line[] = [];
	const message = failureSentence(first);
	lines.push(...plain(wrapText(message, width)));
	if (failures.length > 1) lines.push({ text: text.moreFailures(failures.length - 1), isDim: true });
	const why = first.detail && first.detail !== message ? first.detail : '';
	const hasOutput = first.outputTail.trim() !== '';
	if (!why && !hasOutput) return lines;
	if (!isDetailsShown) return [...lines, { text: text.detailsHint, isDim: true }];
	lines.push({ text: text.detailsTitle, isDim: true, isBold: true });
	if (first.subject) lines.push(...plain(indent(wrapText(text.checked(first.subject), width - 2)), { isDim: true }));
	if (why) lines.push(...plain(indent(wrapText(why, width - 2)), { isDim: true }));
	if (hasOutput) {
		// Asked for, so whole: the end of a Docker error line is often the part that says what is missing.
		const tail = lastLines(first.outputTail, OUTPUT_TAIL_LINES).flatMap((line) => wrapText(line, width - 4));
		lines.push(
			...plain(
				tail.map((line) => `  │ ${line}`),
				{ isDim: true },
			),
		);
	}
	return lines;
}

/**
 * The answer field and its verdict. A saved right answer shows with ✔ and no cursor; typing over it
 * opens a new attempt, shown as such under the saved answer, which stays saved until a right one
 * replaces it (a wrong new attempt is judged and shown, and the saved answer stays).
 */
function answerLines(step: StepText, progress: StepProgress, focus: Focus, width: number): Line[] {
	const isFocused = focus === 'answer';
	const field = answerField(progress);
	const shown = isFocused ? showField(field, '▌') : field.text;
	const verdict = progress.verdict;
	// Feedback is markdown (inline code): rendered, in the normal colour so code spans stand out.
	const wrong = (feedback: string): Line[] => [{ text: text.wrong, color: 'red', isBold: true }, ...plain(renderMarkdown(feedback, width))];
	const saved = progress.answer;
	if (saved?.correct && isNewAttempt(progress)) {
		return [
			...plain(wrapText(`${text.savedAnswer}${saved.text} ✔`, width), { color: 'green' }),
			...plain(wrapText(`${text.newAttempt}${shown}`, width), { isBold: isFocused }),
			...(verdict && !verdict.correct
				? [...wrong(verdict.feedback), { text: text.savedAnswerKept, isDim: true }]
				: plain(wrapText(text.newAttemptHint, width), { isDim: true })),
		];
	}
	if (saved?.correct) {
		const lines = plain(wrapText(`${text.yourAnswer}${saved.text}`, width), { isBold: isFocused });
		lines.push({ text: verdict?.normalized ? `${text.right} ${verdict.normalized}` : text.right, color: 'green', isBold: true });
		// The judge puts the question's explanation in the feedback of a right answer; show it once.
		const explanation = verdict?.feedback || step.question?.explain;
		if (explanation) lines.push(...plain(renderMarkdown(explanation, width)));
		return lines;
	}
	const lines = plain(wrapText(`${text.yourAnswer}${shown}`, width), { isBold: isFocused });
	if (!isFocused && !verdict) lines.push({ text: text.answerHint, isDim: true });
	if (verdict && !verdict.correct) lines.push(...wrong(verdict.feedback));
	return lines;
}

/** The pinned part: the last check result, the answer field and its verdict, or a confirmation. */
export function stepPinned({ text: step, progress, lostNeeds = [], hintCount, isQuestion, focus, overlay, width }: StepPaneInput): Line[] {
	if (overlay === 'confirm-solution') {
		const hintsLeft = hintCount - progress.hintsShown;
		return [
			...plain(wrapText(text.confirmSolution(hintsLeft), width), { color: 'magenta', isBold: true }),
			{ text: '(y/n)', color: 'magenta' },
		];
	}
	if (isQuestion) return answerLines(step, progress, focus, width);
	const lines: Line[] = [];
	if (progress.status === 'done') return [{ text: text.done, color: 'green', isBold: true }];
	// What an earlier step made is gone (a later step removed it, the registry stopped): say what to
	// redo before anything about this step, whose checks cannot pass without it.
	for (const need of lostNeeds) {
		const why = need.results.find((result) => result.status !== 'passed');
		lines.push(...plain(wrapText(text.redoNeed(need.title), width), { color: 'yellow', isBold: true }));
		if (why) lines.push(...plain(indent(wrapText(failureSentence(why), width - 2)), { color: 'yellow' }));
	}
	if (progress.checkingId !== undefined) return [...lines, { text: text.checking, color: 'cyan' }];
	if (progress.status === 'failed') {
		lines.push(
			{ text: text.failedIntro, color: 'yellow', isBold: true },
			...failureLines(progress.results, width, progress.isDetailsShown === true).map((line) => ({ color: 'yellow', ...line })),
		);
	}
	return lines;
}

export interface PaneView {
	/** Every line to draw, top to bottom: the document's window, a "more" line when it does not fit, then the pinned block. */
	lines: Line[];
	/** Lines per page scroll and the furthest scroll, for PgUp/PgDn and space. */
	page: number;
	maxScroll: number;
}

/**
 * Cuts the document to the rows left after the pinned block. The pinned block may take up to half
 * the rows; beyond that it is cut, ending with "…".
 */
/** Rows the pinned block may take: half the pane, at least one. Pure. */
export function pinnedRoom(rows: number): number {
	return Math.max(Math.floor(rows / 2), 1);
}

export function fitPane(document: Line[], pinnedLines: Line[], rows: number, scroll: number | 'end'): PaneView {
	const pinnedRows = pinnedRoom(rows);
	const pinned = pinnedLines.length > pinnedRows ? [...pinnedLines.slice(0, pinnedRows - 1), { text: '…', isDim: true }] : pinnedLines;
	const below = pinned.length > 0 ? [blank, ...pinned] : [];
	const room = Math.max(rows - below.length, 1);
	if (document.length <= room) return { lines: [...document, ...below], page: room, maxScroll: 0 };
	const window = Math.max(room - 1, 1);
	const maxScroll = document.length - window;
	const offset = scroll === 'end' ? maxScroll : Math.min(Math.max(scroll, 0), maxScroll);
	const indicator: Line = { text: offset >= maxScroll ? text.moreAbove : text.moreBelow, isDim: true };
	return {
		lines: [...document.slice(offset, offset + window), indicator, ...below],
		page: Math.max(window - 2, 1),
		maxScroll,
	};
}
