import { describe, expect, it } from 'vitest';
import type { ClassRow } from '../../src/classroom/progress-document.js';
import { classJson, formatClassCsv, formatClassTable, formatDuration } from '../../src/report/class-report.js';

const now = new Date('2026-12-06T12:00:00.000Z');
const row = (name: string, extra: Partial<ClassRow> = {}): ClassRow => ({
	name,
	done: 2,
	total: 13,
	currentStep: 'push-curl',
	currentTitle: 'Push, "the" image',
	onCurrentMs: 25 * 60_000,
	hints: 3,
	solutions: 1,
	answersRight: 1,
	answersWrong: 0,
	lastSeen: now.getTime() - 90_000,
	...extra,
});

describe('formatDuration', () => {
	it.each([
		[0, '0s'],
		[45_000, '45s'],
		[12 * 60_000, '12m'],
		[65 * 60_000, '1h 05m'],
		[51 * 3600_000, '2d 3h'],
		[-5, '0s'],
	])('shows %i ms as %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});

describe('the class report', () => {
	it('as a table, has a line per learner in the order given, and says who has finished', () => {
		const table = formatClassTable([row('ana'), row('ben', { done: 13, currentStep: undefined, onCurrentMs: undefined })], now);
		expect(table.split('\n')).toEqual([
			'NAME  DONE   CURRENT STEP  ON IT  HINTS  SOLUTIONS  ANSWERS           LAST SEEN',
			'ana   2/13   push-curl     25m    3      1          1 right, 0 wrong  1m ago',
			'ben   13/13  (finished)           3      1          1 right, 0 wrong  1m ago',
			'',
		]);
	});

	it('as JSON, has name and done for every learner, with times a script can read', () => {
		expect(classJson([row('ana')])).toEqual([
			{
				name: 'ana',
				done: 2,
				total: 13,
				currentStep: 'push-curl',
				currentTitle: 'Push, "the" image',
				onCurrentSeconds: 1500,
				hints: 3,
				solutions: 1,
				answersRight: 1,
				answersWrong: 0,
				lastSeen: '2026-12-06T11:58:30.000Z',
			},
		]);
	});

	it('as CSV, quotes a field holding a comma or a quote', () => {
		const lines = formatClassCsv([row('ana')]).split('\r\n');
		expect(lines[0]).toBe('name,done,total,currentStep,currentTitle,onCurrentSeconds,hints,solutions,answersRight,answersWrong,lastSeen');
		expect(lines[1]).toBe('ana,2,13,push-curl,"Push, ""the"" image",1500,3,1,1,0,2026-12-06T11:58:30.000Z');
	});
});
