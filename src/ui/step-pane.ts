// The step pane as lines that fit its width: a scrolling document (prompt, question, hints shown,
// solution) and a block pinned under it (last check result, answer field, confirmation) that must
// stay in view. Pure, so the scrolling arithmetic is tested without a terminal.
import type { CheckResult } from '../checks/types.js';
import type { StepText } from '../session/lab-steps.js';
import type { Focus, Overlay, StepProgress } from '../session/session-reducer.js';
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

const OUTPUT_TAIL_LINES = 3;

export interface StepPaneInput {
	text: StepText;
	progress: StepProgress;
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
		for (const command of step.solution) {
			lines.push(...plain(indent(wrapCommand(command, width - 2, ' \\').flatMap((line) => wrapText(line, width - 2))), { color: 'cyan' }));
		}
	}
	return lines;
}

function lastLines(output: string, count: number): string[] {
	return output.replace(/\s+$/, '').split('\n').slice(-count);
}

function failureLines(results: CheckResult[], width: number): Line[] {
	const failures = results.filter((result) => result.status !== 'passed');
	const first = failures[0];
	if (!first) return [];
	const lines: Line[] = [];
	const message = first.message || first.detail || `${first.subject} did not pass.`;
	lines.push(...plain(wrapText(message, width)));
	if (first.detail && first.detail !== message) lines.push(...plain(indent(wrapText(first.detail, width - 2)), { isDim: true }));
	if (first.outputTail.trim() !== '') {
		const tail = lastLines(first.outputTail, OUTPUT_TAIL_LINES).flatMap((line) => wrapText(line, width - 4).slice(0, 1));
		lines.push(...plain(tail.map((line) => `  │ ${line}`), { isDim: true }));
	}
	if (failures.length > 1) lines.push({ text: text.moreFailures(failures.length - 1), isDim: true });
	return lines;
}

/** The pinned part: the last check result, the answer field and its verdict, or a confirmation. */
export function stepPinned({ text: step, progress, isQuestion, focus, overlay, width }: StepPaneInput): Line[] {
	if (overlay === 'confirm-solution') {
		return [...plain(wrapText(text.confirmSolution, width), { color: 'magenta', isBold: true }), { text: '(y/n)', color: 'magenta' }];
	}
	const lines: Line[] = [];
	if (isQuestion) {
		const cursor = focus === 'answer' ? '▌' : '';
		lines.push(...plain(wrapText(`${text.yourAnswer}${progress.answer}${cursor}`, width), { isBold: focus === 'answer' }));
		if (focus !== 'answer' && !progress.verdict) lines.push({ text: text.answerHint, isDim: true });
		const verdict = progress.verdict;
		if (verdict?.correct) {
			lines.push({ text: verdict.normalized ? `${text.right} ${verdict.normalized}` : text.right, color: 'green', isBold: true });
			// The judge puts the question's explanation in the feedback of a right answer; show it once.
			const explanation = verdict.feedback || step.question?.explain;
			if (explanation) lines.push(...plain(renderMarkdown(explanation, width)));
		} else if (verdict) {
			lines.push({ text: text.wrong, color: 'red', isBold: true }, ...plain(wrapText(verdict.feedback, width), { color: 'red' }));
		}
		return lines;
	}
	if (progress.checkingId !== undefined && progress.status !== 'done' && progress.status !== 'regressed') {
		return [{ text: text.checking, color: 'cyan' }];
	}
	switch (progress.status) {
		case 'done':
			return [{ text: text.done, color: 'green', isBold: true }];
		case 'regressed':
			return [{ text: text.regressedIntro, color: 'red', isBold: true }, ...failureLines(progress.results, width).map((line) => ({ color: 'red', ...line }))];
		case 'failed':
			return [{ text: text.failedIntro, color: 'yellow', isBold: true }, ...failureLines(progress.results, width).map((line) => ({ color: 'yellow', ...line }))];
		case 'not-yet':
			return [];
	}
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
export function fitPane(document: Line[], pinnedLines: Line[], rows: number, scroll: number | 'end'): PaneView {
	const pinnedRoom = Math.max(Math.floor(rows / 2), 1);
	const pinned =
		pinnedLines.length > pinnedRoom ? [...pinnedLines.slice(0, pinnedRoom - 1), { text: '…', isDim: true }] : pinnedLines;
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
