// Fitting text into columns. The step pane scrolls by lines, so every line must already fit its
// width when it reaches Ink: these helpers wrap (keeping ANSI colours intact) and measure.
import { stripVTControlCharacters } from 'node:util';

const escapeSequence = /\u001b\[[0-9;]*[A-Za-z]|\u001b\]8;[^\u0007\u001b]*(?:\u0007|\u001b\\)/y;
const RESET = '\u001b[0m';

/** Columns the text takes on screen (escape sequences take none). */
export function visibleWidth(text: string): number {
	return [...stripVTControlCharacters(text)].length;
}

interface Cell {
	/** Escape sequences that come just before this character. */
	codes: string;
	char: string;
}

function toCells(line: string): { cells: Cell[]; tail: string } {
	const cells: Cell[] = [];
	let codes = '';
	let index = 0;
	while (index < line.length) {
		escapeSequence.lastIndex = index;
		const match = escapeSequence.exec(line);
		if (match) {
			codes += match[0];
			index += match[0].length;
			continue;
		}
		const char = String.fromCodePoint(line.codePointAt(index) ?? 32);
		cells.push({ codes, char });
		codes = '';
		index += char.length;
	}
	return { cells, tail: codes };
}

/** The styles still open before cell `index`, to reopen them on a continuation line. */
function openCodes(cells: Cell[], index: number): string {
	let open = '';
	for (const cell of cells.slice(0, index)) {
		for (const code of cell.codes.match(/\u001b\[[0-9;]*m/g) ?? []) {
			open = code === RESET || code === '\u001b[m' ? '' : open + code;
		}
	}
	return open;
}

function joinCells(cells: Cell[]): string {
	return cells.map((cell) => cell.codes + cell.char).join('');
}

/** How far continuation lines are indented: under the text of a list item, or as the line itself. */
function hangingIndent(plain: string, width: number): number {
	const bullet = /^(\s*)(?:[*\-•]|\d+[.)])\s+/.exec(plain);
	const indent = bullet ? bullet[0].length : (/^\s*/.exec(plain)?.[0].length ?? 0);
	return Math.min(indent, Math.floor(width / 2));
}

/**
 * Wraps one line to `width` columns at spaces (or anywhere, for a word longer than the line),
 * indenting continuation lines under the first line's text and carrying colours across.
 */
export function wrapLine(line: string, width: number): string[] {
	const limit = Math.max(width, 1);
	if (visibleWidth(line) <= limit) return [line];
	const { cells, tail } = toCells(line);
	const indent = hangingIndent(cells.map((cell) => cell.char).join(''), limit);
	const lines: string[] = [];
	let start = 0;
	let isFirst = true;
	while (start < cells.length) {
		const room = isFirst ? limit : limit - indent;
		const prefix = isFirst ? '' : ' '.repeat(indent) + openCodes(cells, start);
		if (cells.length - start <= room) {
			lines.push(prefix + joinCells(cells.slice(start)) + tail);
			break;
		}
		let end = start + room;
		// Break at the last space that fits, but never inside the leading indentation or bullet.
		const floor = isFirst ? indent : start;
		let space = end;
		while (space > floor && cells[space]?.char !== ' ') space--;
		if (space > floor) end = space;
		const piece = joinCells(cells.slice(start, end)).replace(/ +$/, '');
		lines.push(prefix + piece + (openCodes(cells, end) ? RESET : ''));
		start = end;
		while (cells[start]?.char === ' ') start++;
		isFirst = false;
	}
	return lines;
}

/** Splits text into lines and wraps each to `width`. */
export function wrapText(text: string, width: number): string[] {
	return text.split('\n').flatMap((line) => wrapLine(line, width));
}

/** Cuts a plain string to `width` columns, ending with … when cut. */
export function truncate(text: string, width: number): string {
	const chars = [...text];
	if (chars.length <= width) return text;
	if (width <= 1) return chars.slice(0, width).join('');
	return `${chars.slice(0, width - 1).join('')}…`;
}
