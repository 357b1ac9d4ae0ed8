import { describe, expect, it } from 'vitest';
import { computeLayout, listWindow } from '../../src/ui/layout.js';
import { formatDuration } from '../../src/ui/messages.js';

describe('computeLayout', () => {
	it.each<[number, number, { listWidth: number; paneWidth: number; bodyHeight: number; height: number }]>([
		[80, 24, { listWidth: 26, paneWidth: 52, bodyHeight: 20, height: 23 }],
		[120, 40, { listWidth: 36, paneWidth: 82, bodyHeight: 36, height: 39 }],
		[30, 10, { listWidth: 20, paneWidth: 18, bodyHeight: 9, height: 12 }],
	])('at %ix%i', (columns, rows, expected) => {
		expect(computeLayout(columns, rows)).toMatchObject(expected);
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
