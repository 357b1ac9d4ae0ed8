// mayReadDifferently is one pass over a lab's lines; these regular expressions are the rules it
// stands for, written the readable way (they were the implementation until they took longer than
// js-yaml's reading itself). Whatever a rule finds, the scanner must find too: it may find more
// (that text only goes the slower way), never less. Checked on a table, on the bundled lab and its
// mutations, and on random text made of the characters the rules look at.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { mayReadDifferently } from '../../src/lab/yaml-differences.js';

const runs = Number(process.env.REGISTRY_LAB_FUZZ_RUNS ?? '') || 0;
const numRuns = (standard: number) => (runs > 0 ? runs : standard);

/** Where a value starts: a line's indentation, `key: `, `- `, `? `, inside `[`/`{` or after `,`, and any anchor before it. */
const valueStart = String.raw`(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)(?:&\S+[ \t]+)?`;

const rules: { name: string; pattern: RegExp }[] = [
	{ name: 'a directive', pattern: /^%/m },
	{ name: 'a tab in the indentation', pattern: /^ *\t/m },
	{ name: 'a tag', pattern: /!!|[:,[{]!/ },
	{ name: 'an anchor, then key: value on its line', pattern: /&\S+[ \t][^\n#]*:(?:[ \t]|$)/m },
	{ name: 'the \\U escape', pattern: /\\U/ },
	{
		name: 'a block scalar with an indicator, or a first line of spaces',
		pattern: /[|>](?:[-+]?[0-9]|[0-9]?\+|-?[ \t]*(?:#.*)?\r?\n(?:\r?\n)* +\r?\n)/,
	},
	{ name: 'an explicit key', pattern: /(?:^|[\s[{,])\?(?:[ \t]|$)/m },
	{
		name: 'an odd start of a value',
		pattern: new RegExp(
			String.raw`${valueStart}(?:&\S*[^\w\s-]|!|\{[ \t]*\[|'(?:[^'\n]|'')*$|"(?:[^"\\\n]|\\.)*$|-0[ \t]*(?:$|[,\]}#])|[-+]\.)`,
			'm',
		),
	},
	{ name: 'a binary number', pattern: /0b[01]/ },
	{ name: 'a number too large for JS', pattern: /0x[0-9a-fA-F]{250}|[0-9]{300}|[eE][-+]?[0-9]{3}/ },
	{ name: 'a dash with only spaces after it, or - -', pattern: /-[ \t]+(?:-[ \t]*)?$/m },
	{ name: 'a document marker that does not start its line', pattern: /^[ \t]+(?:---|\.\.\.)/m },
	{
		name: 'a null or collection key, or a comment right after a quote',
		pattern: /(?:^|[ \t\n\r[{,])(?:~|null|Null|NULL)?[ \t]*:(?:[ \t\n\r{[,\]}]|$)|[\]}]:[ \t\n\r]|[\]}"']#/,
	},
	{ name: 'a line of 1000 characters', pattern: /^[^\n]{1000}/m },
	{ name: 'a line break that is not \\n or \\r\\n', pattern: /\r(?!\n)|[\u2028\u2029]/ },
];

/** The rules that find something in `text`. */
function rulesFinding(text: string): string[] {
	const found = rules.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);
	if ((text.match(/\*/g)?.length ?? 0) >= 1000) found.push('1000 possible aliases');
	return found;
}

const registriesText = readFileSync(path.join(bundledLabsDir(), 'registries', 'lab.yaml'), 'utf8');

describe('finding YAML the two readers may read differently', () => {
	it('finds nothing in the bundled lab, which goes the fast way', () => {
		expect(rulesFinding(registriesText)).toEqual([]);
		expect(mayReadDifferently(registriesText)).toBe(false);
	});

	it.each([
		['%YAML 1.1\na: yes\n'],
		['a:\n \tb: c\n'],
		['a: !!str 1\n'],
		['a: [x,!t y]\n'],
		['a: &x b: c\n'],
		['a: "\\U0001F433"\n'],
		['a: |2\n   x\n'],
		['a: >+\n  x\n'],
		['a: |-\n\n   \n  x\n'],
		['? a\n: b\n'],
		['a: {? b}\n'],
		['a: &x.y b\n'],
		['a: &x !t b\n'],
		['a: {[b]: c}\n'],
		["a: 'b\n  c'\n"],
		['a: "b\n  c"\n'],
		['a: [x, "y\n z"]\n'],
		['a: -0\n'],
		['a: [-0, 1]\n'],
		['a: +.5\n'],
		['a: 0b11\n'],
		['a: 1e400\n'],
		[`a: ${'9'.repeat(300)}\n`],
		[`a: 0x${'f'.repeat(250)}\n`],
		['a:\n  - \n  - b\n'],
		['a: - -\n'],
		['a:\n  ---\n'],
		['a:\n  ...\n'],
		['~: a\n'],
		['null: a\n'],
		[': a\n'],
		['[a]: b\n'],
		['a: {b: c}: d\n'],
		['a: "b"#c\n'],
		['# a comment first\na: "b"#c\n'],
		[`a: ${'x'.repeat(1000)}\n`],
		['a: b\rc: d\n'],
		['a: b\u2028c\n'],
		[`a: [${'*x, '.repeat(1000)}]\n`],
	])('finds %j', (text) => {
		expect(rulesFinding(text), 'a rule finds it').not.toEqual([]);
		expect(mayReadDifferently(text)).toBe(true);
	});

	it.each([
		['id: a\nsteps:\n  - run: echo a | grep b\n'],
		['a: "quoted, closed"\n'],
		["a: 'it''s closed'\n"],
		['a: b-0\n'],
		['a: x # a - comment\n'],
		['a: {{ name }}:{{tag}}\n'],
		['a: b\r\nc: d\r\n'],
		['a: |\n  text\n\n  more\n'],
		['a: ok?\n'],
		['a: &name-1 b\n'],
	])('finds nothing in %j', (text) => {
		expect(rulesFinding(text)).toEqual([]);
		expect(mayReadDifferently(text)).toBe(false);
	});
});

/** What the rules look at, and what lab text is made of. */
const pieces = [
	' ',
	' ',
	'  ',
	'\t',
	'\n',
	'\n',
	'\n',
	'\r\n',
	'\r',
	'\u2028',
	'a',
	'key',
	'x y',
	'é',
	'🐳',
	':',
	': ',
	'- ',
	'-',
	'? ',
	'?',
	',',
	', ',
	'[',
	']',
	'{',
	'}',
	'#',
	' #',
	'"',
	"'",
	"''",
	'\\',
	'\\U',
	'\\"',
	'&',
	'&a ',
	'&a.b ',
	'*a',
	'!',
	'!!',
	'%',
	'|',
	'>',
	'|-',
	'|+',
	'>2',
	'|-1',
	'-0',
	'+.',
	'-.',
	'0b1',
	'0x',
	'e123',
	'E+999',
	'---',
	'...',
	'~',
	'null',
	'NULL',
	'{{ name }}',
];
const randomText = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('finding YAML the two readers may read differently, by property', () => {
	it('finds whatever a rule finds in random text', { timeout: 120_000 }, () => {
		fc.assert(
			fc.property(randomText, (text) => {
				if (rulesFinding(text).length > 0) expect(mayReadDifferently(text), JSON.stringify(text)).toBe(true);
			}),
			{ numRuns: numRuns(20_000) },
		);
	});

	it('finds whatever a rule finds in the bundled lab with a piece inserted', { timeout: 120_000 }, () => {
		const insertion = fc.tuple(
			fc.nat({ max: registriesText.length }),
			fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }),
		);
		fc.assert(
			fc.property(insertion, ([at, parts]) => {
				const text = registriesText.slice(0, at) + parts.join('') + registriesText.slice(at);
				if (rulesFinding(text).length > 0) expect(mayReadDifferently(text), `${parts.join('')} at ${at}`).toBe(true);
			}),
			{ numRuns: numRuns(2_000) },
		);
	});
});
