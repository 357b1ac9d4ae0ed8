// The doctor's findings as prepared lines (a tick for what is fine, each problem with its fix), so a
// screen can measure them and fit them with the rest of its text.
import type { DoctorItem } from '../session/lab-port.js';
import { text } from './messages.js';
import type { Line } from './step-pane.js';
import { wrapText } from './text-layout.js';

const looks = {
	ok: { symbol: '✔', color: 'green' },
	warn: { symbol: '!', color: 'yellow' },
	fail: { symbol: '✖', color: 'red' },
} as const;

/**
 * `compactWhenReady`: with nothing to fix, the ticks share lines (the welcome screen keeps the start
 * line in view on a 30-row terminal however many checks a lab needs).
 */
export function doctorLines(items: DoctorItem[] | undefined, width: number, { compactWhenReady = false } = {}): Line[] {
	if (items === undefined) return [{ text: text.doctorChecking, isDim: true }];
	const hasProblems = items.some((item) => item.status !== 'ok');
	const lines: Line[] = [
		{ text: hasProblems ? text.doctorProblems : text.doctorOk, isBold: true, color: hasProblems ? 'yellow' : 'green' },
	];
	if (compactWhenReady && !hasProblems) {
		const ticks = items.map((item) => `${looks.ok.symbol} ${item.title}`).join('   ');
		return [...lines, ...wrapText(ticks, width).map((line) => ({ text: line, color: looks.ok.color }))];
	}
	for (const item of items) {
		const { symbol, color } = looks[item.status];
		lines.push({ text: `${symbol} ${item.title}`, color });
		if (item.status === 'ok') continue;
		for (const line of wrapText(item.message, width - 2)) lines.push({ text: `  ${line}` });
		if (item.fix) for (const line of wrapText(`Fix: ${item.fix}`, width - 2)) lines.push({ text: `  ${line}`, color: 'cyan' });
	}
	return lines;
}
