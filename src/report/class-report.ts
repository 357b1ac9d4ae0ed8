// The instructor's report of a class, as a table for people, JSON for scripts and CSV for a
// spreadsheet. Pure: rows in, text out.
import type { ClassRow } from '../classroom/progress-document.js';

/** A duration a person reads at a glance: 45s, 12m, 1h 05m, 2d 3h. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m`;
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
	return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const headings = ['NAME', 'DONE', 'CURRENT STEP', 'ON IT', 'HINTS', 'SOLUTIONS', 'ANSWERS', 'LAST SEEN'] as const;

/** The table, one learner a line, columns padded to fit. */
export function formatClassTable(rows: readonly ClassRow[], now: Date): string {
	const cells = rows.map((row) => [
		row.name,
		`${row.done}/${row.total}`,
		row.currentStep ?? '(finished)',
		row.onCurrentMs === undefined ? '' : formatDuration(row.onCurrentMs),
		String(row.hints),
		String(row.solutions),
		`${row.answersRight} right, ${row.answersWrong} wrong`,
		`${formatDuration(now.getTime() - row.lastSeen)} ago`,
	]);
	const widths = headings.map((heading, column) => Math.max(heading.length, ...cells.map((line) => line[column]!.length)));
	const line = (values: readonly string[]) =>
		values
			.map((value, column) => value.padEnd(widths[column]!))
			.join('  ')
			.trimEnd();
	return `${[line(headings), ...cells.map(line)].join('\n')}\n`;
}

/** One object per learner, for scripts: times as ISO 8601, durations in whole seconds. */
export function classJson(rows: readonly ClassRow[]): object[] {
	return rows.map((row) => ({
		name: row.name,
		done: row.done,
		total: row.total,
		currentStep: row.currentStep ?? null,
		currentTitle: row.currentTitle ?? null,
		onCurrentSeconds: row.onCurrentMs === undefined ? null : Math.floor(row.onCurrentMs / 1000),
		hints: row.hints,
		solutions: row.solutions,
		answersRight: row.answersRight,
		answersWrong: row.answersWrong,
		lastSeen: new Date(row.lastSeen).toISOString(),
	}));
}

function csvField(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header line, the same fields as the JSON. */
export function formatClassCsv(rows: readonly ClassRow[]): string {
	const objects = classJson(rows) as Record<string, string | number | null>[];
	const fields = [
		'name',
		'done',
		'total',
		'currentStep',
		'currentTitle',
		'onCurrentSeconds',
		'hints',
		'solutions',
		'answersRight',
		'answersWrong',
		'lastSeen',
	];
	const lines = [fields.join(','), ...objects.map((object) => fields.map((field) => csvField(object[field] ?? null)).join(','))];
	return `${lines.join('\r\n')}\r\n`;
}
