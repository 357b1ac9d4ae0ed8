// The instructor's live table (`registry-lab class watch`) as lines of text: one row per learner, the
// columns cut to the terminal's width. Pure, so the table is tested without a terminal.
import type { ClassRow, RowOrder } from '../classroom/progress-document.js';
import { formatDuration } from '../report/class-report.js';

/** What each order is called on screen. */
export const orderNames: Record<RowOrder, string> = {
	stuck: 'stuck longest first',
	name: 'by name',
	progress: 'most done first',
};

/** The order the sort key moves to next: stuck → name → progress → stuck. Pure. */
export function nextOrder(order: RowOrder): RowOrder {
	return order === 'stuck' ? 'name' : order === 'name' ? 'progress' : 'stuck';
}

interface Column {
	title: string;
	/** The narrowest it gets; the current step's column takes what is left. */
	width: number;
	cell: (row: ClassRow, now: number) => string;
	alignRight?: boolean;
}

const columns: Column[] = [
	{ title: 'Learner', width: 14, cell: (row) => row.name },
	{ title: 'Done', width: 7, cell: (row) => `${row.done}/${row.total}`, alignRight: true },
	{ title: 'On it', width: 7, cell: (row) => (row.onCurrentMs === undefined ? '' : formatDuration(row.onCurrentMs)), alignRight: true },
	{ title: 'Current step', width: 16, cell: (row) => (row.currentStep === undefined ? 'finished' : (row.currentTitle ?? row.currentStep)) },
	{ title: 'Hints', width: 5, cell: (row) => String(row.hints), alignRight: true },
	{ title: 'Solut.', width: 6, cell: (row) => String(row.solutions), alignRight: true },
	{ title: 'Answers', width: 7, cell: (row) => `${row.answersRight}✓ ${row.answersWrong}✗`, alignRight: true },
	{ title: 'Seen', width: 8, cell: (row, now) => `${formatDuration(now - row.lastSeen)} ago`, alignRight: true },
];

function fit(text: string, width: number, alignRight = false): string {
	const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
	return alignRight ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * The table's heading and its rows, in the order given, each at most `width` characters. The
 * learner's name is never cut below its column; the current step's title takes the room left over.
 */
export function classTableLines(rows: readonly ClassRow[], width: number, now: number): string[] {
	const gap = 2;
	const fixed = columns.filter((column) => column.title !== 'Current step').reduce((sum, column) => sum + column.width + gap, 0);
	const nameWidth = Math.max(columns[0]!.width, ...rows.map((row) => Math.min(row.name.length, 24)));
	const stepWidth = Math.max(columns[3]!.width, width - fixed - (nameWidth - columns[0]!.width));
	const widthOf = (column: Column): number =>
		column.title === 'Learner' ? nameWidth : column.title === 'Current step' ? stepWidth : column.width;
	const line = (cells: (column: Column) => string): string =>
		columns
			.map((column) => fit(cells(column), widthOf(column), column.alignRight))
			.join(' '.repeat(gap))
			.trimEnd()
			.slice(0, width);
	return [line((column) => column.title), ...rows.map((row) => line((column) => column.cell(row, now)))];
}
