// Text that js-yaml and the yaml package may read differently (see read-lab-yaml.ts). Each rule
// looks for a character it needs (`indexOf`, which is fast) and then only at what is around it; a
// regular expression per rule, trying every position of a 30 KB lab, took as long as js-yaml's
// reading itself. It errs on the side of finding too much: that text only goes the slower way. The
// same rules written as regular expressions are in test/lab/yaml-differences.test.ts, which checks
// that this finds whatever they find.

const tab = 9;
const lineFeed = 10;
const carriageReturn = 13;
const space = 32;

function isBlank(code: number): boolean {
	return code === space || code === tab;
}

/** The end of a line, as a regular expression's `$` sees it (a lone `\r` is found as a problem of its own). */
function isLineEnd(code: number): boolean {
	return code === lineFeed || code === carriageReturn || Number.isNaN(code);
}

/** JavaScript's `\s`. */
function isSpace(code: number): boolean {
	return (
		(code >= 9 && code <= 13) ||
		code === space ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

/** A character of an anchor's name both packages read alike: a letter, a digit, `_` or `-`. */
function isNameChar(code: number): boolean {
	return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

function skipBlanks(text: string, at: number): number {
	while (isBlank(text.charCodeAt(at))) at++;
	return at;
}

/** Whether `word` is in `text` at `at` (`startsWith` with a position is many times slower on V8). */
function hasAt(text: string, at: number, word: string): boolean {
	if (at < 0) return false;
	for (let index = 0; index < word.length; index++) if (text.charCodeAt(at + index) !== word.charCodeAt(index)) return false;
	return true;
}

/** Whether `test` holds at some occurrence of `search` in `text`. */
function anyOccurrence(text: string, search: string, test: (at: number) => boolean): boolean {
	for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + 1)) if (test(at)) return true;
	return false;
}

/** The yaml package limits an implicit key to 1024 characters; a line this long is left to it. */
const maxLineLength = 1000;

/** The yaml package stops at 1000 uses of anchors; there can be no more aliases than `*`s. */
const maxAliases = 1000;

/** Shorter lines cannot hold a number too large for JS (js-yaml keeps those as text). */
const longNumber = /0x[0-9a-fA-F]{250}|[0-9]{300}/;

/**
 * Whether a value may start at `at`: after a line's indentation, `key: `, `- `, `? `, inside `[`/`{`
 * or after `,`; or after an anchor (`&a `) that starts at such a place.
 */
function startsValue(text: string, at: number, afterAnchor = false): boolean {
	const before = text.charCodeAt(at - 1);
	let start = at;
	while (start > 0 && isBlank(text.charCodeAt(start - 1))) start--;
	if (start === 0) return true;
	const previous = text.charCodeAt(start - 1);
	// `[`, `{` and `,` need no space after them; `:`, `?` and `-` do.
	if (previous === lineFeed || previous === carriageReturn || previous === 91 || previous === 123 || previous === 44) return true;
	if (!isBlank(before)) return false;
	if (previous === 58 || previous === 63 || previous === 45) return true;
	if (afterAnchor) return false;
	// An anchor before the value: `&` somewhere in the word before the spaces, at a place a value starts.
	for (let index = start - 2; index >= 0 && !isSpace(text.charCodeAt(index)); index--)
		if (text.charCodeAt(index) === 38 && startsValue(text, index, true)) return true;
	return false;
}

/** Whether a quoted value opened at `at` goes on past its line (js-yaml takes its lines at any indentation). */
function quoteRunsOn(text: string, at: number): boolean {
	const quote = text.charCodeAt(at);
	for (let index = at + 1; ; index++) {
		const code = text.charCodeAt(index);
		if (isLineEnd(code)) return true;
		if (quote === 39 /* ' */) {
			if (code !== 39) continue;
			if (text.charCodeAt(index + 1) === 39) index++;
			else return false;
		} else if (code === 92 /* \ */) {
			if (isLineEnd(text.charCodeAt(index + 1))) return true;
			index++;
		} else if (code === 34 /* " */) return false;
	}
}

/** Per line: its length, a directive, a tab in its indentation, a document marker not at its start, how it ends. */
function hasOddLine(text: string): boolean {
	for (let start = 0; start <= text.length;) {
		const found = text.indexOf('\n', start);
		const next = found < 0 ? text.length : found;
		if (next - start >= maxLineLength) return true;
		if (next - start >= 250 && longNumber.test(text.slice(start, next))) return true;
		let end = next;
		if (found >= 0 && end > start && text.charCodeAt(end - 1) === carriageReturn) end--;
		const indent = skipBlanks(text, start);
		if (text.charCodeAt(start) === 37 /* % */) return true;
		if (indent > start && (hasAt(text, indent, '---') || hasAt(text, indent, '...'))) return true;
		for (let index = start; index < indent; index++) if (text.charCodeAt(index) === tab) return true;
		// A dash with only spaces after it, or a sequence started on its parent's line with an empty
		// item (`- -`): js-yaml may take the next item into the wrong sequence.
		let last = end;
		while (last > start && isBlank(text.charCodeAt(last - 1))) last--;
		if (last > start && text.charCodeAt(last - 1) === 45 /* - */) {
			if (last < end) return true;
			let before = last - 1;
			while (before > start && isBlank(text.charCodeAt(before - 1))) before--;
			if (before < last - 1 && before > start && text.charCodeAt(before - 1) === 45) return true;
		}
		if (found < 0) return false;
		start = found + 1;
	}
	return false;
}

/**
 * A block scalar header (`|`, `>`) with an indentation indicator or that keeps its trailing lines, or
 * whose first lines are only spaces (the yaml package wants an indicator then).
 */
function oddBlockHeader(text: string, at: number): boolean {
	let index = at + 1;
	let code = text.charCodeAt(index);
	if (code === 43 /* + */ || isDigit(code)) return true;
	if (code === 45 /* - */) {
		if (isDigit(text.charCodeAt(index + 1))) return true;
		index++;
	}
	index = skipBlanks(text, index);
	code = text.charCodeAt(index);
	if (code === 35 /* # */) while (!isLineEnd(text.charCodeAt(index))) index++;
	else if (!isLineEnd(text.charCodeAt(index))) return false;
	// Past the header's line break, and the empty lines after it, to a line of only spaces.
	for (;;) {
		if (text.charCodeAt(index) === carriageReturn) index++;
		if (text.charCodeAt(index) !== lineFeed) return false;
		index++;
		const first = index;
		while (text.charCodeAt(index) === space) index++;
		if (index > first) return isLineEnd(text.charCodeAt(index));
	}
}

/** What may not start a value: a tag, `{[a]: b}`, an anchor named with more than letters, digits, `_` and `-`. */
function oddValueStart(text: string): boolean {
	return (
		anyOccurrence(text, '!', (at) => startsValue(text, at)) ||
		anyOccurrence(text, '{', (at) => text.charCodeAt(skipBlanks(text, at + 1)) === 91 && startsValue(text, at)) ||
		anyOccurrence(text, '&', (at) => {
			let index = at + 1;
			while (!isBlank(text.charCodeAt(index)) && !isLineEnd(text.charCodeAt(index)) && isNameChar(text.charCodeAt(index))) index++;
			return !isBlank(text.charCodeAt(index)) && !isLineEnd(text.charCodeAt(index)) && startsValue(text, at);
		}) ||
		// A quoted value that goes on over several lines (js-yaml takes its lines at any indentation).
		anyOccurrence(text, "'", (at) => startsValue(text, at) && quoteRunsOn(text, at)) ||
		anyOccurrence(text, '"', (at) => startsValue(text, at) && quoteRunsOn(text, at)) ||
		// `-0` (js-yaml reads it as 0), `+.5` and `-.5` (js-yaml keeps them as text).
		anyOccurrence(text, '-0', (at) => {
			const code = text.charCodeAt(skipBlanks(text, at + 2));
			return (isLineEnd(code) || code === 44 || code === 93 || code === 125 || code === 35) && startsValue(text, at);
		}) ||
		anyOccurrence(text, '-.', (at) => startsValue(text, at)) ||
		anyOccurrence(text, '+.', (at) => startsValue(text, at))
	);
}

/** Whether a `:` ends an empty key after this (`: x`), and `~:` or `null:` is a whole key. */
function isKeyBoundary(code: number): boolean {
	return isBlank(code) || code === lineFeed || code === carriageReturn || code === 91 || code === 123 || code === 44;
}

/** `{ [ , ] }` */
function isFlowIndicator(code: number): boolean {
	return code === 123 || code === 91 || code === 44 || code === 93 || code === 125;
}

/**
 * A key that is null (`~:`, `null:`, `: x`) or a collection (`[a]:`, `{a: b}:`), and a comment right
 * after a quoted value or a flow collection (`"a"#c`).
 */
function hasKeyNotTextOrTightComment(text: string): boolean {
	const colon = (at: number): boolean => {
		const next = text.charCodeAt(at + 1);
		// A `:` that ends a key: before a space, the end of a line, or (in flow) `{ [ , ] }`.
		if (!Number.isNaN(next) && !isKeyBoundary(next) && next !== 93 && next !== 125) return false;
		let before = at;
		while (before > 0 && isBlank(text.charCodeAt(before - 1))) before--;
		if (before === 0 || before < at) return true;
		const previous = text.charCodeAt(before - 1);
		if (isKeyBoundary(previous)) return true;
		// `}}:{{tag}}` is plain text in a lab (a template); `{a: b}: c` is a key.
		if ((previous === 93 || previous === 125) && !Number.isNaN(next) && !isFlowIndicator(next)) return true;
		for (const name of ['~', 'null', 'Null', 'NULL']) {
			const start = at - name.length;
			if (hasAt(text, start, name) && (start === 0 || isKeyBoundary(text.charCodeAt(start - 1)))) return true;
		}
		return false;
	};
	return (
		anyOccurrence(text, ':', colon) ||
		// From the first `#`, even at the very start (the schema line): stopping there let `"a"#c` through.
		anyOccurrence(text, '#', (at) => {
			const previous = text.charCodeAt(at - 1);
			return previous === 93 || previous === 125 || previous === 34 || previous === 39;
		})
	);
}

/** Whether js-yaml and the yaml package may read `text` differently, or only one of them reject it. */
export function mayReadDifferently(text: string): boolean {
	let aliases = 0;
	return (
		// Line breaks other than `\n` and `\r\n` (a `\r` alone).
		text.includes('\u2028') ||
		text.includes('\u2029') ||
		anyOccurrence(text, '\r', (at) => text.charCodeAt(at + 1) !== lineFeed) ||
		anyOccurrence(text, '*', () => ++aliases >= maxAliases) ||
		hasOddLine(text) ||
		// A tag (`!!str`, `!local`).
		anyOccurrence(text, '!', (at) => {
			const previous = text.charCodeAt(at - 1);
			return previous === 33 || previous === 58 || previous === 44 || previous === 91 || previous === 123 || text.charCodeAt(at + 1) === 33;
		}) ||
		// The `\U` escape, which js-yaml also takes past the last code point; a binary number.
		text.includes('\\U') ||
		text.includes('0b0') ||
		text.includes('0b1') ||
		// An exponent too large for JS (js-yaml keeps the number as text).
		/[eE][-+]?[0-9]{3}/.test(text) ||
		// An anchor, then `key: value` on the same line (js-yaml takes it as a mapping, the yaml package not).
		anyOccurrence(text, '&', (at) => {
			if (isSpace(text.charCodeAt(at + 1)) || Number.isNaN(text.charCodeAt(at + 1))) return false;
			let index = at + 1;
			while (!isBlank(text.charCodeAt(index)) && !isLineEnd(text.charCodeAt(index))) index++;
			if (!isBlank(text.charCodeAt(index))) return false;
			for (; !isLineEnd(text.charCodeAt(index)) && text.charCodeAt(index) !== 35; index++)
				if (text.charCodeAt(index) === 58 && (isBlank(text.charCodeAt(index + 1)) || isLineEnd(text.charCodeAt(index + 1)))) return true;
			return false;
		}) ||
		anyOccurrence(text, '|', (at) => oddBlockHeader(text, at)) ||
		anyOccurrence(text, '>', (at) => oddBlockHeader(text, at)) ||
		// An explicit key (`? a`).
		anyOccurrence(text, '?', (at) => {
			const previous = text.charCodeAt(at - 1);
			const next = text.charCodeAt(at + 1);
			return (
				(at === 0 || isSpace(previous) || previous === 91 || previous === 123 || previous === 44) && (isBlank(next) || isLineEnd(next))
			);
		}) ||
		oddValueStart(text) ||
		hasKeyNotTextOrTightComment(text)
	);
}
