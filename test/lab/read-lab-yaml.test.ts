// js-yaml's reading of a lab (the fast path) must give exactly what the yaml package gives, or
// give up. Whenever it returns a value, the yaml package must read the same text without an error or
// a warning, to the same value (compared strictly: NaN, -0, `__proto__` keys). Checked on the bundled
// lab, the fixtures, a table of cases, generated documents, documents the yaml package wrote from
// random data, and mutations of the lab. REGISTRY_LAB_FUZZ_RUNS sets the cases per property.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseDocument, stringify, type ToStringOptions } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { loadLabFromDocument, loadLabFromText } from '../../src/lab/load-lab.js';
import { readLabYaml } from '../../src/lab/read-lab-yaml.js';

const runs = Number(process.env.REGISTRY_LAB_FUZZ_RUNS ?? '') || 0;
const numRuns = (standard: number) => (runs > 0 ? runs : standard);
/** A guard, not an assertion: a long run stops adding cases after this long (it does not fail for it). */
const guardMs = (standard: number, msPerCase: number) => Math.max(20_000, numRuns(standard) * msPerCase);
const settings = (standard: number, msPerCase = 2) => ({
	numRuns: numRuns(standard),
	interruptAfterTimeLimit: guardMs(standard, msPerCase),
	markInterruptAsFailure: false,
});
const timeout = (standard: number, msPerCase = 2) => guardMs(standard, msPerCase) + 30_000;

const registriesDir = path.join(bundledLabsDir(), 'registries');
const registriesText = readFileSync(path.join(registriesDir, 'lab.yaml'), 'utf8');
const fixturesDir = new URL('../fixtures/labs/', import.meta.url).pathname;
const fixtures = readdirSync(fixturesDir).map((name) => ({
	name,
	dir: path.join(fixturesDir, name),
	text: readFileSync(path.join(fixturesDir, name, 'lab.yaml'), 'utf8'),
}));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const readmeExample = /<!-- example-lab:start -->\n```yaml\n([\s\S]*?)```\n<!-- example-lab:end -->/.exec(readme)?.[1] ?? '';

/** The yaml package's reading: problems, and the value (or that toJS threw). */
function yamlReading(text: string) {
	const doc = parseDocument(text, { prettyErrors: false, logLevel: 'silent' });
	const problems = [...doc.errors, ...doc.warnings].map((error) => `${error.code}: ${error.message}`);
	let value: unknown;
	let threw: string | undefined;
	try {
		value = doc.toJS({ maxAliasCount: 1000 });
	} catch (error) {
		threw = String(error);
	}
	return { problems, value, threw };
}

/** Checks the fast path against the yaml package on `text`; true when the fast path took it. */
function expectSameAsYaml(text: string): boolean {
	const fast = readLabYaml(text);
	if (fast === undefined) return false;
	const slow = yamlReading(text);
	const shown = JSON.stringify(text);
	expect(slow.problems, `the yaml package reports problems in ${shown}`).toEqual([]);
	expect(slow.threw, `the yaml package cannot turn ${shown} into JS`).toBeUndefined();
	expect(fast.value, shown).toEqual(slow.value);
	// toEqual takes -0 for 0 and ignores how a `__proto__` key was set; this does not.
	expect(isDeepStrictEqual(fast.value, slow.value), `strictly equal values for ${shown}`).toBe(true);
	return true;
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('reading a lab with js-yaml, on real labs', () => {
	it('reads the bundled registries lab and the README example as the yaml package does', () => {
		expect(expectSameAsYaml(registriesText)).toBe(true);
		expect(expectSameAsYaml(readmeExample)).toBe(true);
	});

	it.each(fixtures.map((fixture) => [fixture.name, fixture.text]))(
		'reads the %s fixture as the yaml package does, or leaves it to it',
		(name, text) => {
			// Only the fixture with a YAML syntax error is the yaml package's to report.
			expect(expectSameAsYaml(text)).toBe(name !== 'yaml-syntax-error');
		},
	);
});

describe('reading a lab with js-yaml, on cases that matter', () => {
	it.each([
		['a block mapping with nested mappings and sequences', lines('a:', '  b: 1', '  c:', '    - x', '    - y', 'd: [1, two, "3"]')],
		['a sequence at the indentation of its key', lines('a:', '- x', '- y: 1', '  z: 2', 'b: c')],
		['compact mappings in a sequence with more spaces after the dash', lines('a:', '-   a: 1', '    b: 2', '- c')],
		['an item on the line below its dash', lines('steps:', '  -', '    id: first', '  - # why', '    id: second', '  - id: third')],
		['empty values', lines('a:', 'b: # nothing', 'c: ~', 'd:', '  -', '  - null')],
		[
			'core schema spellings',
			lines(
				'a:',
				'- ~',
				'- Null',
				'- NULL',
				'- True',
				'- FALSE',
				'- 0o17',
				'- 0x1F',
				'- -12',
				'- +7',
				'- 1.5',
				'- .5',
				'- 5.',
				'- 1e3',
				'- -1.5E-3',
				'- .inf',
				'- .Inf',
				'- .NaN',
				'- -0.0',
				'- 007',
				'- 1_000',
				'- yes',
				'- no',
				'- on',
				'- 0o8',
				'- 2001-12-14',
				'- 12:30',
			),
		],
		[
			'quoted scalars with escapes',
			lines(`a: 'it''s # not a comment'`, 'b: "tab\\there \\"q\\" \\x41\\u00e9 \\\\ \\/ \\0\\a\\e\\N\\_\\L\\P"', `'c d': "e: f"`),
		],
		['comments everywhere', lines('# top', 'a: 1 # one', '   # deeper', '# shallower', 'b:', '  # inside', '  - x # x', 'c: "q" # q')],
		[
			'block scalars that clip or strip',
			lines(
				'a: |',
				'  one',
				'',
				'  two',
				'',
				'',
				'b: >-',
				'  folded',
				'  text',
				'',
				'    more indented',
				'  back',
				'd: >',
				'  x',
				'e: |-',
				'  # not a comment',
				'  y',
			),
		],
		['a block scalar at the end of the text, without a newline', 'a: |\n  x\n  y'],
		[
			'lines of only spaces in and after block scalars',
			lines('a: |', '  x', '   ', ' ', '  y', '     ', '  ', 'c: |-', '  x', '   ', '  ', 'd: |', '  x', '  ', '    '),
		],
		[
			'keys that are names on Object.prototype',
			lines('__proto__: 1', 'constructor: 2', 'toString: 3', 'steps:', '  - id: constructor', '  - id: toString'),
		],
		['flow collections', lines('a: []', 'b: {}', 'c: { d: [e, { f: g }], "h": i }', 'd: [ a b , c:d, -1, "x, y" ]', 'e: [b,', '  c]')],
		[
			'text with Unicode and characters that only mean something elsewhere',
			lines(
				'a: é 🐳 a\u00a0b',
				'b: a:b',
				'c: a#b',
				'd: -x',
				'e: x]',
				'f: x{{v}}',
				'g: http://h:5000/v2/',
				'h: <<',
				"i: it's",
				'j: ls *.txt && echo &done',
			),
		],
		[
			'anchors on scalars and aliases to them',
			lines('a: &x 1', 'b: &long >-', '  text', 'd: *long', 'e:', '  - *x', ...Array.from({ length: 98 }, () => '  - *long')),
		],
		['a merge key, which YAML 1.2 reads as a plain key', '<<: {a: 1}\n'],
		['a tab after a value, carriage returns and a byte order mark', '\uFEFFa: b\t\r\nc: d\r\n'],
		['a document marker', '---\na: b\n...\n'],
		['a multi-line plain scalar, and a scalar on its own line', lines('a: b', '  c', 'g:', '  h')],
		['keys that are numbers or booleans, which both name as JS does', lines('1: a', 'true: b', '0x1F: c', '1.5: d', '.nan: e')],
		['an anchor on a collection, an anchor defined twice', lines('a: &x', '  b: 1', 'c: &y [1]', 'd: &z 1', 'e: &z 2', 'f: *z')],
		[
			'steps with ids that are not text',
			lines('steps:', '  - id: 1', '  - id: real', '  - [not, a, map]', '  - {id: flow}', '  - id: real'),
		],
	])('reads %s as the yaml package does', (_name, text) => {
		expect(expectSameAsYaml(text)).toBe(true);
	});

	it.each([
		['an empty document', ''],
		['only comments', '# a\n  # b\n'],
		['a directive', '%YAML 1.1\n---\na: yes\n'],
		['a tag', 'a: !!str 1\n'],
		['a tag that only the yaml package knows', 'a: !!binary aGk=\n'],
		['an alias to a mapping', 'a: &x\n  b: 1\nc: *x\n'],
		['an alias to a sequence', 'a: &x [1]\nc: [*x]\n'],
		['an alias before its anchor', 'a: *x\nb: &x 1\n'],
		['a thousand aliases', lines('a: &x 1', 'b:', ...Array.from({ length: 1000 }, () => '  - *x'))],
		['an explicit key', '? a\n: b\n'],
		['a space before the colon', 'c : d\n'],
		['a binary number', 'a: 0b11\n'],
		['minus zero', 'a: -0\n'],
		['an anchor whose name ends with a colon', 'a:\n  - &a: |\n     x\n'],
		['a tag right after a colon', "a: {'':!!float 1}\n"],
		['an anchor before a mapping on the same line', 'a: &x null a: b\n'],
		['a quoted value over several lines', 'a: "b\n  c"\n'],
		['a dash with spaces after it', lines('a:', '- ', '  -   ', '- ', '  - x')],
		// Found by the lab-shaped property test: js-yaml put `aa` into the inner sequence.
		['an empty item that is a bare dash, nested', lines('steps:', '- a:', '    - a:', '        - -', '    - aa')],
		['a signed number that starts with a dot', 'a: +.5\n'],
		['a block scalar whose first line is only spaces', 'a: |\n \n  x\n'],
		['a comment right after a flow collection', 'a: []#c\n'],
		['a flow mapping as a key', 'a: {{v}}\n'],
		['a root that is a sequence', '- a\n'],
		['a root that is text', 'a\n'],
		['an escape past the last code point', 'a: "\\U00110000"\n'],
		['an empty key', ': a\n'],
		['an empty key in a flow mapping', 'a: {  :{}}\n'],
		[
			'an alias bomb',
			lines(
				'a: &a [x, x, x, x, x, x, x, x, x, x]',
				'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
				'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
				'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
			),
		],
		['a duplicate key', 'a: 1\na: 2\n'],
		['a duplicate key, once quoted', "a: 1\n'a': 2\n"],
		['a key that is null', '~: a\n'],
		['a key that is a collection', '[a]: b\n'],
		['a number too large for JS', 'a: 1e400\n'],
		['a whole number too large for JS', `a: ${'9'.repeat(400)}\n`],
		['a hexadecimal number too large for JS', `a: 0x${'F'.repeat(300)}\n`],
		['a negative number too large for JS', 'a: -1e400\n'],
		['two documents', 'a: b\n---\nc: d\n'],
		['a mapping in a compact value', 'a: b: c\n'],
		['wrong indentation', 'a:\n  b: 1\n c: 2\n'],
		['an indentation indicator', lines('a: |2', '   b')],
		['a block scalar that keeps its trailing lines', 'a: |+\n\n      '],
		['a document marker after a space, which is text to the yaml package', ' ---\na: 1\n'],
		['a comment without a space', 'a: "b"#c\n'],
		['a tab as indentation', 'a:\n\tb: 1\n'],
		['a tab after spaces in a block scalar', 'a: |\n  x\n \t\n'],
		['nesting deeper than js-yaml allows', Array.from({ length: 200 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')],
		['nesting too deep for the stack', Array.from({ length: 20_000 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')],
	])('leaves %s to the yaml package', (_name, text) => {
		expect(readLabYaml(text)).toBeUndefined();
	});
});

// ----- Generated documents -----

const coreSpellings = [
	'null',
	'Null',
	'NULL',
	'~',
	'nULL',
	'true',
	'True',
	'TRUE',
	'tRUE',
	'false',
	'False',
	'FALSE',
	'yes',
	'no',
	'on',
	'off',
	'y',
	'n',
	'0',
	'-0',
	'+0',
	'007',
	'12',
	'-12',
	'+12',
	'1_000',
	'0o17',
	'0o8',
	'0O17',
	'0x1F',
	'0X1F',
	'0xG',
	'0b101',
	'1.5',
	'-1.5',
	'+.5',
	'.5',
	'5.',
	'1e3',
	'1E-3',
	'-1.5e+3',
	'.inf',
	'-.inf',
	'+.INF',
	'.Inf',
	'.NaN',
	'.nan',
	'.NAN',
	'nan',
	'inf',
	'1.2.3',
	'2001-12-14',
	'12:30:00',
	'1:20',
	'0.0',
	'-0.0',
	'1e400',
	'-1e400',
	'99999999999999999999',
	'9'.repeat(400),
	`0x${'F'.repeat(300)}`,
];
/** Words a lab uses, and words that only work in some places or mean something else in YAML. */
const commonWords = [
	'a',
	'b',
	'id',
	'steps',
	'run',
	'x y',
	'docker ps',
	'{{v}}',
	'x{{v}}',
	'http://h:5000/v2/',
	'a:b',
	'a#b',
	'-a',
	'?a',
	':a',
	"it's",
	'say "hi"',
	'a]',
	'a}',
	'é',
	'🐳',
	'a\u00a0b',
	'__proto__',
	'a\\b',
	'<<',
];
const trickyWords = [
	'a #b',
	'a: b',
	'a:',
	'- a',
	'-',
	'? a',
	'a,b',
	'[a',
	'{a',
	'&a',
	'*a',
	'!a',
	'|',
	'>',
	'%a',
	'@a',
	'`a`',
	'  ',
	' ',
	'#',
	'---',
	'...',
	'a,b]',
	'a{b',
	'!!str 1',
	'!!int 1',
	'!!float 1',
	'!!binary aGk=',
];
const word = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...commonWords) },
	{ weight: 4, arbitrary: fc.constantFrom(...coreSpellings) },
	{ weight: 1, arbitrary: fc.constantFrom(...trickyWords) },
);
const plain = fc.oneof(
	word,
	fc.array(word, { minLength: 2, maxLength: 3 }).map((parts) => parts.join(' ')),
	fc.array(word, { minLength: 2, maxLength: 3 }).map((parts) => parts.join('')),
);
const quoteText = fc
	.array(fc.constantFrom('a', ' ', '#', ': ', '"', '\\', 'é', '🐳', 'x y', "'"), { maxLength: 5 })
	.map((parts) => parts.join(''));
const singleQuoted = fc.oneof(
	{ weight: 12, arbitrary: quoteText.map((text) => `'${text.replaceAll("'", "''")}'`) },
	{ weight: 1, arbitrary: quoteText.map((text) => `'${text}`) },
);
const doubleEscape = fc.oneof(
	{
		weight: 12,
		arbitrary: fc.constantFrom(
			'a',
			' ',
			'  ',
			'#',
			': ',
			"'",
			'é',
			'\\n',
			'\\t',
			'\\"',
			'\\\\',
			'\\/',
			'\\x41',
			'\\u00e9',
			'\\U0001F433',
			'\\0',
			'\\a',
			'\\e',
			'\\N',
			'\\_',
			'\\L',
			'\\P',
			'\\ ',
			'\\uD800',
		),
	},
	{ weight: 1, arbitrary: fc.constantFrom('\\z', '\\x4', '\\U00110000', '\\') },
);
const doubleQuoted = fc.array(doubleEscape, { maxLength: 5 }).map((parts) => `"${parts.join('')}"`);
const comment = fc.oneof(
	{ weight: 12, arbitrary: fc.constantFrom('', '', '', ' # note', '  #', ' #: x') },
	{ weight: 1, arbitrary: fc.constant('#tight') },
);
const anchorName = fc.constantFrom('x', 'y', 'long-name', 'a:b', 'é');

/** A flow collection on one line, made of plain and quoted scalars. */
const flow: fc.Arbitrary<string> = fc.letrec<{ flow: string }>((tie) => ({
	flow: fc.oneof(
		{ depthSize: 'small' },
		fc
			.tuple(
				fc.array(fc.oneof(word, singleQuoted, doubleQuoted, tie('flow')), { maxLength: 3 }),
				fc.constantFrom(', ', ',', ' , '),
				fc.constantFrom('', ' '),
			)
			.map(([items, comma, pad]) => `[${pad}${items.join(comma)}${pad}]`),
		fc
			.tuple(
				fc.array(
					fc.tuple(
						fc.oneof(word, singleQuoted, doubleQuoted),
						fc.oneof(word, singleQuoted, doubleQuoted, tie('flow')),
						fc.constantFrom(': ', ':', ' : '),
					),
					{ maxLength: 3 },
				),
				fc.constantFrom('', ' '),
			)
			.map(([pairs, pad]) => `{${pad}${pairs.map(([key, value, colon]) => `${key}${colon}${value}`).join(', ')}${pad}}`),
	),
})).flow;

/** A value written on the line of its key or dash. */
const inlineScalar = fc.oneof(
	{ weight: 6, arbitrary: plain },
	{ weight: 2, arbitrary: singleQuoted },
	{ weight: 2, arbitrary: doubleQuoted },
	{ weight: 2, arbitrary: flow },
	{ weight: 1, arbitrary: fc.tuple(anchorName, fc.oneof(plain, singleQuoted, doubleQuoted)).map(([name, value]) => `&${name} ${value}`) },
	{ weight: 1, arbitrary: anchorName.map((name) => `*${name}`) },
);

/** A document as a tree; `render` writes it with the indentation and gaps it carries. */
type Tree =
	| { kind: 'inline'; text: string; comment: string }
	| { kind: 'block'; header: string; anchor: string; shift: number; body: { extra: number; text: string }[] }
	| { kind: 'map'; shift: number; entries: { key: string; value: Tree; gap: string[] }[] }
	| { kind: 'seq'; shift: number; dash: string; items: { value: Tree; gap: string[] }[] };

const keyText = fc.oneof(
	{
		weight: 12,
		arbitrary: fc.constantFrom(
			'a',
			'b',
			'c',
			'd',
			'e',
			'id',
			'steps',
			'run',
			'title',
			'x y',
			'a:b',
			'-a',
			'1',
			'01',
			'~',
			'true',
			'__proto__',
			'toString',
		),
	},
	{ weight: 2, arbitrary: word },
	{ weight: 2, arbitrary: fc.oneof(singleQuoted, doubleQuoted) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'a ',
			'? a',
			'&k a',
			'!t a',
			'k'.repeat(1030),
			`'${'k'.repeat(1030)}'`,
			`"${'k'.repeat(1030)}"`,
			'[a]',
			'{a: b}',
			'*x',
			'',
		),
	},
);
/** Blank lines, lines of spaces and comments, at any indentation. */
const gap: fc.Arbitrary<string[]> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<string[]>([]) },
	{ weight: 2, arbitrary: fc.array(fc.constantFrom('', '', '   ', '# c', '  # c', '      # deep', ' #', '  '), { maxLength: 2 }) },
);
const blockHeader = fc
	.tuple(
		fc.constantFrom('|', '>'),
		fc.constantFrom('', '', '-', '+'),
		fc.constantFrom('', '', '', '', '', '', '', '1', '2'),
		fc.constantFrom('', '', '', '', '', '', ' # c', '  ', '#c'),
	)
	.map(([style, chomp, indent, rest]) => `${style}${chomp}${indent}${rest}`);
const blockLine = fc.record({
	extra: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(0, 0, 0, 1, 2) }, { weight: 1, arbitrary: fc.constant(-1) }),
	text: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom('', '', 'text', 'more text', '# not a comment', '- not a list', 'a: b', '  ', ' ', '     ') },
		{ weight: 2, arbitrary: plain },
		{ weight: 1, arbitrary: fc.constantFrom('---', '...', '"', "'", '\t') },
	),
});

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; map: Tree; seq: Tree; leaf: Tree }>((tie) => ({
	leaf: fc.oneof(
		{ weight: 5, arbitrary: fc.record({ kind: fc.constant('inline' as const), text: inlineScalar, comment }) },
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('block' as const),
				header: blockHeader,
				anchor: fc.constantFrom('', '', '', '&b '),
				shift: fc.constantFrom(1, 2, 2, 2, 2, 2, 3, 0),
				body: fc.array(blockLine, { minLength: 1, maxLength: 5 }),
			}),
		},
	),
	map: fc.record({
		kind: fc.constant('map' as const),
		shift: fc.constantFrom(2, 2, 2, 2, 2, 1, 4, 0),
		entries: fc.array(fc.record({ key: keyText, value: tie('tree'), gap }), { minLength: 1, maxLength: 3 }),
	}),
	seq: fc.record({
		kind: fc.constant('seq' as const),
		shift: fc.constantFrom(2, 2, 2, 0, 0, 1, 4),
		dash: fc.constantFrom('- ', '- ', '- ', '- ', '-   ', '-'),
		items: fc.array(fc.record({ value: tie('tree'), gap }), { minLength: 1, maxLength: 3 }),
	}),
	tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('map'), tie('seq')),
})).tree;
/** Documents are mostly a mapping, as a lab is (the fast path leaves any other root to the yaml package). */
const rootTree = fc.oneof({ weight: 6, arbitrary: tree.filter((node) => node.kind === 'map') }, { weight: 1, arbitrary: tree });

/** The lines of a value written after `prefix` (a key and colon, or a dash) at `indent`. */
function renderValue(value: Tree, indent: number, prefix: string, out: string[]): void {
	const pad = ' '.repeat(indent);
	switch (value.kind) {
		case 'inline':
			out.push(`${pad}${prefix}${prefix === '' || prefix.endsWith(' ') ? '' : ' '}${value.text}${value.comment}`);
			return;
		case 'block': {
			out.push(`${pad}${prefix}${prefix.endsWith(' ') ? '' : ' '}${value.anchor}${value.header}`);
			const bodyIndent = indent + value.shift;
			for (const line of value.body) out.push(line.text === '' ? '' : `${' '.repeat(Math.max(0, bodyIndent + line.extra))}${line.text}`);
			return;
		}
		case 'map':
		case 'seq': {
			// A sequence may sit at its key's indentation; a mapping may start on the dash's line.
			if (value.kind === 'map' && prefix.startsWith('-') && value.shift > 0) {
				const inner = indent + prefix.length;
				const [first, ...rest] = value.entries;
				renderEntry(first!, inner, out, `${pad}${prefix}`);
				for (const entry of rest) renderEntry(entry, inner, out);
				return;
			}
			out.push(`${pad}${prefix}`);
			render(value, value.kind === 'seq' && !prefix.startsWith('-') ? indent + value.shift : indent + Math.max(1, value.shift), out);
			return;
		}
	}
}

function renderEntry(entry: { key: string; value: Tree; gap: string[] }, indent: number, out: string[], linePrefix?: string): void {
	const start = out.length;
	renderValue(entry.value, indent, `${entry.key}:`, out);
	if (linePrefix !== undefined) out[start] = linePrefix + out[start]!.slice(indent);
	out.push(...entry.gap);
}

function render(node: Tree, indent: number, out: string[]): void {
	if (node.kind === 'map') for (const entry of node.entries) renderEntry(entry, indent, out);
	else if (node.kind === 'seq')
		for (const item of node.items) {
			renderValue(item.value, indent, node.dash, out);
			out.push(...item.gap);
		}
	else renderValue(node, indent, '', out);
}

const document = fc
	.tuple(rootTree, fc.constantFrom(0, 0, 0, 2), fc.constantFrom('\n', '\n', '', '\n\n'), fc.constantFrom('\n', '\n', '\n', '\r\n'))
	.map(([root, indent, end, lineEnd]) => {
		const out: string[] = [];
		render(root, indent, out);
		return out.join(lineEnd) + end;
	});

/** A lab-shaped document: a root mapping with `steps`, so step starts are compared too. */
const labDocument = fc
	.tuple(
		fc.array(fc.record({ key: keyText, value: tree, gap }), { maxLength: 2 }),
		fc.array(tree, { minLength: 1, maxLength: 4 }),
		fc.constantFrom(0, 2),
	)
	.map(([before, steps, shift]) => {
		const out: string[] = [];
		for (const entry of before) renderEntry(entry, 0, out);
		out.push('steps:');
		render({ kind: 'seq', shift, dash: '- ', items: steps.map((value) => ({ value, gap: [] })) }, shift, out);
		return `${out.join('\n')}\n`;
	});

// ----- Mutations of the lab's text -----

const fragment = fc.oneof(
	fc.constantFrom(
		'{{',
		':',
		': ',
		'- ',
		'-',
		'\n',
		'  ',
		'"',
		"'",
		'#',
		' #',
		'{',
		'}',
		'[',
		']',
		',',
		'|',
		'>',
		'|-',
		'>+',
		'&a ',
		'*a',
		'*start-registry',
		'!!str ',
		'? ',
		'---\n',
		'\\',
		'🐳',
		'id: x\n',
		'  - id: y\n',
	),
	fc.string({ maxLength: 8 }),
);
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const at = (text: string, where: number) => Math.floor(where * (text.length + 1));
const textEdit = fc.oneof(
	fc.tuple(fraction, fragment).map(
		([where, piece]) =>
			(text: string) =>
				text.slice(0, at(text, where)) + piece + text.slice(at(text, where)),
	),
	fc.tuple(fraction, fc.nat(30)).map(
		([where, length]) =>
			(text: string) =>
				text.slice(0, at(text, where)) + text.slice(at(text, where) + length),
	),
	fc.tuple(fraction, fc.integer({ min: -3, max: 3 })).map(([where, shift]) => (text: string) => {
		const all = text.split('\n');
		const index = Math.floor(where * all.length);
		const line = all[index] ?? '';
		all[index] = shift >= 0 ? ' '.repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), '');
		return all.join('\n');
	}),
);

/** Random data, as lab-like as random data gets, for the yaml package to write. */
const data = fc.letrec<{ node: unknown }>((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.oneof(
			fc.constantFrom(
				null,
				true,
				false,
				0,
				-0,
				-1,
				1.5,
				NaN,
				Infinity,
				1e21,
				'',
				'~',
				'null',
				'0x1F',
				'1e3',
				' x',
				'x ',
				'a\nb',
				'a\n\nb\n',
				'\n',
				'a: b',
				'# c',
				"it's",
				'"q"',
				'é🐳',
			),
			fc.string({ maxLength: 20 }),
			fc.double(),
			fc.integer(),
		),
		fc.dictionary(fc.oneof(fc.constantFrom('id', 'steps', 'run', '__proto__', '1', ''), fc.string({ maxLength: 6 })), tie('node'), {
			maxKeys: 4,
		}),
		fc.array(tie('node'), { maxLength: 4 }),
	),
})).node;
const writeOptions: fc.Arbitrary<ToStringOptions> = fc.record({
	indent: fc.constantFrom(1, 2, 4),
	indentSeq: fc.boolean(),
	lineWidth: fc.constantFrom(0, 20, 80),
	minContentWidth: fc.constantFrom(0, 10),
	defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
	defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
	blockQuote: fc.constantFrom<boolean | 'literal' | 'folded'>(true, false, 'literal', 'folded'),
	flowCollectionPadding: fc.boolean(),
	collectionStyle: fc.constantFrom('any', 'block', 'flow'),
});

describe('reading a lab with js-yaml, by property', () => {
	// The generators are meant to reach the fast path often (more than one document in twelve, one
	// lab-shaped document in a hundred, as its guards err towards the slow path); if they stop doing
	// so, these tests say little.
	it('reads generated documents as the yaml package does, or leaves them to it', { timeout: timeout(3000) }, () => {
		let taken = 0;
		let total = 0;
		fc.assert(
			fc.property(document, (text) => {
				total++;
				if (expectSameAsYaml(text)) taken++;
			}),
			settings(3000),
		);
		expect(taken / total).toBeGreaterThan(0.08);
	});

	it('reads generated lab-shaped documents as the yaml package does, or leaves them to it', { timeout: timeout(1500) }, () => {
		let taken = 0;
		let total = 0;
		fc.assert(
			fc.property(labDocument, (text) => {
				total++;
				if (expectSameAsYaml(text)) taken++;
			}),
			settings(1500),
		);
		expect(taken / total).toBeGreaterThan(0.01);
	});

	it('reads what the yaml package writes from random data in every style', { timeout: timeout(1500) }, () => {
		fc.assert(
			fc.property(data, writeOptions, (value, options) => {
				expectSameAsYaml(stringify(value, options));
			}),
			settings(1500),
		);
	});

	it(
		'reads the lab with its text cut, spliced and re-indented as the yaml package does, or leaves it to it',
		{ timeout: timeout(600, 5) },
		() => {
			fc.assert(
				fc.property(fc.array(textEdit, { minLength: 1, maxLength: 3 }), (edits) => {
					expectSameAsYaml(edits.reduce((text, edit) => edit(text), registriesText));
				}),
				settings(600, 5),
			);
		},
	);

	it('loads a mutated lab exactly as the loader without the fast path does', { timeout: timeout(100, 40) }, () => {
		fc.assert(
			fc.property(fc.array(textEdit, { minLength: 1, maxLength: 3 }), (edits) => {
				const text = edits.reduce((current, edit) => edit(current), registriesText);
				const file = path.join(registriesDir, 'lab.yaml');
				expect(loadLabFromText(text, file, registriesDir)).toEqual(loadLabFromDocument(text, file, registriesDir));
			}),
			settings(100, 40),
		);
	});
});
