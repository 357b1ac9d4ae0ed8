import { describe, expect, it } from 'vitest';
import { computeLayout, listWindow } from '../../src/ui/layout.js';
import { formatDuration, text } from '../../src/ui/messages.js';

describe('computeLayout', () => {
	it.each<[number, number, { listWidth: number; paneWidth: number; bodyHeight: number; height: number }]>([
		[80, 24, { listWidth: 26, paneWidth: 52, bodyHeight: 20, height: 23 }],
		[120, 40, { listWidth: 36, paneWidth: 82, bodyHeight: 36, height: 39 }],
		[30, 10, { listWidth: 20, paneWidth: 18, bodyHeight: 9, height: 12 }],
	])('at %ix%i', (columns, rows, expected) => {
		expect(computeLayout(columns, rows)).toMatchObject(expected);
	});
});

describe('the smallest terminal the layout works at', () => {
	it.each<[number, number, boolean]>([
		[80, 24, false],
		[60, 15, false],
		[59, 15, true],
		[60, 14, true],
		[40, 12, true],
		[200, 10, true],
	])('at %ix%i, too small: %s', (columns, rows, isTooSmall) => {
		expect(computeLayout(columns, rows).isTooSmall).toBe(isTooSmall);
	});

	it.each<[number, number, string]>([
		[59, 30, 'Make the terminal at least 60×15 (now 59×30). q quits.'],
		[50, 20, 'Make the terminal at least 60×15 (now 50×20)'],
		[40, 12, 'Make it at least 60×15 (now 40×12)'],
		[20, 5, '60×15 needed'],
	])('at %ix%i asks on one line: %s', (columns, rows, line) => {
		expect(text.tooSmall(60, 15, columns, rows)).toBe(line);
		expect([...line].length).toBeLessThanOrEqual(columns);
	});
});

describe('listWindow', () => {
	it.each<[number, number, number, { start: number; end: number }]>([
		[5, 4, 10, { start: 0, end: 5 }],
		[20, 0, 10, { start: 0, end: 10 }],
		[20, 12, 10, { start: 7, end: 17 }],
		[20, 19, 10, { start: 10, end: 20 }],
	])('shows %i steps with step %i selected in %i rows', (count, selected, height, expected) => {
		expect(listWindow(count, selected, height)).toEqual(expected);
	});
});

describe('formatDuration', () => {
	it.each<[number, string]>([
		[12_400, '12 s'],
		[60_000 * 12, '12 min'],
		[60_000 * 60, '1 h'],
		[60_000 * 65, '1 h 5 min'],
	])('%i ms reads as %s', (ms, expected) => {
		expect(formatDuration(ms)).toBe(expected);
	});
});
