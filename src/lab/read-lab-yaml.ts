// The fast way to read a lab file: js-yaml turns the text straight into values, where the yaml
// package builds a whole Document (nodes, ranges, comments) that `validate` then throws away; for a
// folder of labs that was most of the time spent. The yaml package stays the reference: load-lab
// reads with it whatever this gives up on, and every lab with a problem, to place each problem at
// its line and column.
//
// Both follow the YAML 1.2 core schema, but they differ at the edges: js-yaml reads `0b11` as 3,
// `1e400` as text, `~:` as the key "null" and `[a]:` as "a", ignores `%YAML 1.1` (which makes `yes`
// true for the yaml package), takes `"q"#c` and lines of spaces and tabs in block scalars that the
// yaml package rejects, and has no limit on aliases or on the length of a key. So this gives up
// (undefined) on text that has any of those, found by a look at the text that errs on the side of
// giving up, and on what js-yaml reads into anything but a mapping, or into an object that appears
// twice (an alias to a collection: the yaml package counts those against a limit). A property test
// (test/lab/read-lab-yaml.test.ts) checks that whatever this returns, the yaml package reads the
// same text without an error or a warning, to the same value. js-yaml 4, not 5: 5's parser took
// four times as long on the bundled lab, which put `validate` of 200 labs over its second.
import { CORE_SCHEMA, load } from 'js-yaml';

/** Where a value starts: a line's indentation, `key: `, `- `, `? `, inside `[`/`{` or after `,`, and any anchor before it. */
const valueStart = String.raw`(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)(?:&\S+[ \t]+)?`;

/**
 * YAML the two packages read differently, or that only one of them rejects. A pattern may find more
 * than it is after (a `!` in a command, a `:` after a space in prose): that text only goes the
 * slower way. `unless` is a character without which the pattern cannot match, looked for first
 * because a search for one character is much cheaper than a regular expression.
 */
const differs: { unless?: string; pattern: RegExp }[] = [
	// A directive.
	{ unless: '%', pattern: /^%/m },
	// A tab in a line's indentation.
	{ unless: '\t', pattern: /^ *\t/m },
	// A tag (`!!str`, `!local`).
	{ unless: '!', pattern: /!!|[:,[{]!/ },
	// An anchor, then `key: value` on the same line (js-yaml takes it as a mapping, the yaml package not).
	{ unless: '&', pattern: /&\S+[ \t][^\n#]*:(?:[ \t]|$)/m },
	// The `\U` escape, which js-yaml also takes past the last code point.
	{ unless: '\\U', pattern: /\\U/ },
	// A block scalar with an indentation indicator (`|2`), that keeps its trailing lines (`|+`), or
	// whose first lines are only spaces (the yaml package wants an indicator then).
	{ pattern: /[|>](?:[-+]?[0-9]|[0-9]?\+|-?[ \t]*(?:#.*)?\r?\n(?:\r?\n)* +\r?\n)/ },
	// An explicit key (`? a`); the other keys that are not text are found by hasKeyNotTextOrTightComment.
	{ unless: '?', pattern: /(?:^|[\s[{,])\?(?:[ \t]|$)/m },
	// Where a value starts: a tag, a mapping whose first key is a sequence (`{[a]}`), a quoted value
	// that goes on over several lines (js-yaml takes its lines at any indentation), `-0` (js-yaml
	// reads it as 0), `+.5` (js-yaml keeps it as text), an anchor named with more than letters, digits, `_` and `-`.
	{
		pattern: new RegExp(
			String.raw`${valueStart}(?:&\S*[^\w\s-]|!|\{[ \t]*\[|'(?:[^'\n]|'')*$|"(?:[^"\\\n]|\\.)*$|-0[ \t]*(?:$|[,\]}#])|[-+]\.)`,
			'm',
		),
	},
	// A binary number, and numbers too large for JS (js-yaml keeps them as text).
	{ unless: '0b', pattern: /0b[01]/ },
	{ pattern: /0x[0-9a-fA-F]{250}|[0-9]{300}|[eE][-+]?[0-9]{3}/ },
	// A dash with only spaces after it, or a sequence started on its parent's line with an empty
	// item (`- -`): js-yaml may take the next item into the wrong sequence.
	{ pattern: /-[ \t]+(?:-[ \t]*)?$/m },
	// A document marker that does not start the line: js-yaml takes ` ---` as one.
	{ pattern: /^[ \t]+(?:---|\.\.\.)/m },
];

/** Characters after which a `:` ends an empty key (`: x`), and after which `~:` or `null:` is a whole key. */
const keyBoundary = new Set([' ', '\t', '\n', '\r', '[', '{', ',']);

/**
 * A key that is null (`~:`, `null:`, `: x`) or a collection (`[a]:`, `{a: b}:`), and a comment right
 * after a quoted value or a flow collection (`"a"#c`): found by looking at what is before each `:`
 * and `#`, which is much cheaper than a regular expression that tries every position.
 */
function hasKeyNotTextOrTightComment(text: string): boolean {
	for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
		const next = text[at + 1];
		// A `:` that ends a key: before a space, the end of a line, or (in flow) `{ [ , ] }`.
		if (next !== undefined && !' \t\n\r{[,]}'.includes(next)) continue;
		let before = at;
		while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
		const previous = text[before - 1];
		if (previous === undefined || before < at || keyBoundary.has(previous)) return true;
		// `}}:{{tag}}` is plain text in a lab (a template); `{a: b}: c` is a key.
		if ((previous === ']' || previous === '}') && !'{[,]}'.includes(next ?? '')) return true;
		for (const name of ['~', 'null', 'Null', 'NULL']) {
			const start = at - name.length;
			if (text.startsWith(name, start) && (start === 0 || keyBoundary.has(text[start - 1]!))) return true;
		}
	}
	for (let at = text.indexOf('#'); at > 0; at = text.indexOf('#', at + 1)) if (']}"\''.includes(text[at - 1]!)) return true;
	return false;
}

/** The yaml package limits an implicit key to 1024 characters; a line this long is left to it. */
const maxLineLength = 1000;

function hasLongLine(text: string): boolean {
	for (let start = 0; ;) {
		const end = text.indexOf('\n', start);
		if ((end < 0 ? text.length : end) - start >= maxLineLength) return true;
		if (end < 0) return false;
		start = end + 1;
	}
}

/** The yaml package stops at 1000 uses of anchors; there can be no more aliases than `*`s. */
const maxAliases = 1000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether an object or array appears twice in the value (an alias to a collection), or a key was a
 * mapping (js-yaml names it "[object Object]", the yaml package writes it out).
 */
function hasAliasOrMappingKey(value: unknown, seen = new Set<object>()): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (seen.has(value)) return true;
	seen.add(value);
	if (Array.isArray(value)) return value.some((item) => hasAliasOrMappingKey(item, seen));
	return Object.entries(value).some(([key, item]) => key === '[object Object]' || hasAliasOrMappingKey(item, seen));
}

function countOf(text: string, char: string): number {
	let count = 0;
	for (let index = text.indexOf(char); index >= 0; index = text.indexOf(char, index + 1)) count++;
	return count;
}

/**
 * The JS value of a lab file, as `parseDocument(text).toJS()` gives it; undefined when the text may
 * be YAML the two packages read differently, or is not a mapping, or js-yaml finds it wrong: the
 * yaml package decides then.
 */
export function readLabYaml(text: string): { value: Record<string, unknown> } | undefined {
	if (differs.some(({ unless, pattern }) => (unless === undefined || text.includes(unless)) && pattern.test(text))) return undefined;
	if (hasKeyNotTextOrTightComment(text) || hasLongLine(text) || countOf(text, '*') >= maxAliases) return undefined;
	let value: unknown;
	try {
		value = load(text, { schema: CORE_SCHEMA });
	} catch {
		// A YAMLException, or the stack running out on deep nesting: the yaml package decides what that is.
		return undefined;
	}
	return isPlainObject(value) && !hasAliasOrMappingKey(value) ? { value } : undefined;
}
