import { describe, expect, it } from 'vitest';
import { truncate, visibleWidth, wrapLine, wrapText } from '../../src/ui/text-layout.js';

const red = (text: string): string => `\u001b[31m${text}\u001b[39m`;

describe('wrapLine', () => {
	it.each<[string, string, number, string[]]>([
		['a line that fits', 'short line', 20, ['short line']],
		['at the last space that fits', 'one two three four', 9, ['one two', 'three', 'four']],
		['a word longer than the line', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
		['under its own indentation', '    indented words here', 14, ['    indented', '    words here']],
		['under a list item’s text', '  * two items with more words', 16, ['  * two items', '    with more', '    words']],
		['under a numbered item’s text', '  1. first second third', 12, ['  1. first', '     second', '     third']],
	])('wraps %s', (_name, line, width, expected) => {
		expect(wrapLine(line, width)).toEqual(expected);
	});

	it('never leaves a line wider than the width', () => {
		const text = 'docker run -d -p 5000:5000 --name registry registry:2 and-a-very-long-word-that-never-ends-anywhere';
		for (const width of [5, 12, 20, 33]) {
			for (const line of wrapLine(text, width)) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
		}
	});

	it('carries a colour over to the continuation line and closes it at the break', () => {
		const [first, second] = wrapLine(red('one two three'), 8);
		expect(first).toBe('\u001b[31mone two\u001b[0m');
		expect(second).toBe('\u001b[31mthree\u001b[39m');
	});

	it('measures without escape sequences', () => {
		expect(wrapLine(red('fits'), 4)).toEqual([red('fits')]);
		expect(visibleWidth(red('abc'))).toBe(3);
	});
});

describe('wrapText', () => {
	it('keeps blank lines between paragraphs', () => {
		expect(wrapText('one two\n\nthree', 5)).toEqual(['one', 'two', '', 'three']);
	});
});

describe('truncate', () => {
	it.each<[string, number, string]>([
		['Build an image', 20, 'Build an image'],
		['Build an image', 8, 'Build a…'],
		['Build', 1, 'B'],
	])('cuts %j to %i columns as %j', (text, width, expected) => {
		expect(truncate(text, width)).toBe(expected);
	});
});
