// Property-based tests of the lab loader: whatever text it is given (a valid lab mutated in the
// text or in its structure, or YAML made up from scratch) it returns, never throws, and every
// problem it reports is positioned: the file, a line and a column inside the text, a message.
// A few hundred cases run with `npm test`; `npm run fuzz` runs 10 000 per property
// (REGISTRY_LAB_FUZZ_RUNS sets the number). A failure prints the seed and the shrunk input.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { loadLabFromText, type LoadedLab } from '../../src/lab/load-lab.js';
import { lintLab } from '../../src/lab/lint-lab.js';

const runs = Number(process.env.REGISTRY_LAB_FUZZ_RUNS ?? '') || 0;
/** Cases per property: the given number for `npm run fuzz`, else a few hundred in all. */
const numRuns = (standard: number) => (runs > 0 ? runs : standard);
/** A guard, not an assertion: a long run stops adding cases after this long (it does not fail for it). */
const guardMs = (standard: number) => Math.max(20_000, numRuns(standard) * 60);
/** The test's own time limit leaves the guard room to finish the case in hand. */
const timeoutFor = (standard: number) => guardMs(standard) + 30_000;
const settings = (standard: number) => ({
	numRuns: numRuns(standard),
	interruptAfterTimeLimit: guardMs(standard),
	markInterruptAsFailure: false,
});

const registriesDir = path.join(bundledLabsDir(), 'registries');
const registriesText = readFileSync(path.join(registriesDir, 'lab.yaml'), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const readmeExample = /<!-- example-lab:start -->\n```yaml\n([\s\S]*?)```\n<!-- example-lab:end -->/.exec(readme)?.[1] ?? '';

// The README example's folder, with the file it lists, so the unmutated example has no problems.
const exampleRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-fuzz-'));
const exampleDir = path.join(exampleRoot, 'tag-basics');
mkdirSync(path.join(exampleDir, 'app'), { recursive: true });
writeFileSync(path.join(exampleDir, 'app', 'Dockerfile'), 'FROM alpine\n');
afterAll(() => rmSync(exampleRoot, { recursive: true, force: true }));

const seeds = [
	{ name: 'the registries lab', text: registriesText, dir: registriesDir },
	{ name: 'the README example', text: readmeExample, dir: exampleDir },
];

/** What must hold for any input: no throw (the caller sees that), and only positioned problems. */
function expectPositioned(loaded: LoadedLab, text: string, file: string): void {
	const lineCount = text.split(/\r\n|\r|\n/).length;
	for (const problem of loaded.problems) {
		expect(problem.file).toBe(file);
		expect(
			Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount,
			`line ${problem.line} of ${lineCount}: ${problem.message}`,
		).toBe(true);
		expect(Number.isInteger(problem.column) && problem.column >= 1, `column ${problem.column}: ${problem.message}`).toBe(true);
		expect(typeof problem.message === 'string' && problem.message.trim().length > 0).toBe(true);
	}
	// A lab that did not load always says why.
	if (loaded.lab === undefined) expect(loaded.problems.length).toBeGreaterThan(0);
}

function load(text: string, dir: string): void {
	const file = path.join(dir, 'lab.yaml');
	expectPositioned(loadLabFromText(text, file, dir), text, file);
}

// ----- Text mutations -----

/** Pieces of YAML and of lab syntax that break things in interesting ways. */
const fragment = fc.oneof(
	fc.constantFrom(
		'{{',
		'}}',
		'{{dockerId}}',
		'{{ nope }}',
		':',
		': ',
		'- ',
		'-',
		'\n',
		'\r\n',
		'\t',
		'  ',
		'"',
		"'",
		'#',
		'{',
		'}',
		'[',
		']',
		',',
		'|',
		'>',
		'&a ',
		'*a',
		'!!binary ',
		'!tag ',
		'? ',
		'---\n',
		'...\n',
		'%YAML 1.2\n',
		'<<: *a',
		'\\',
		'\u0000',
		'\uFEFF',
		'\u2028',
		'🐳',
	),
	fc.string({ maxLength: 12, unit: 'grapheme' }),
	fc.string({ maxLength: 6, unit: 'binary' }),
);

type TextEdit = (text: string) => string;
const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
	fraction.map(
		(where): TextEdit =>
			(text) =>
				text.slice(0, at(text, where)),
	),
	fc.tuple(fraction, fragment).map(
		([where, piece]): TextEdit =>
			(text) =>
				text.slice(0, at(text, where)) + piece + text.slice(at(text, where)),
	),
	fc.tuple(fraction, fc.nat(40)).map(
		([where, length]): TextEdit =>
			(text) =>
				text.slice(0, at(text, where)) + text.slice(at(text, where) + length),
	),
	fc.tuple(fraction, fraction).map(([from, to]): TextEdit => (text) => {
		// Duplicate a line somewhere else (duplicate keys, steps, ids).
		const lines = text.split('\n');
		const line = lines[Math.floor(from * lines.length)] ?? '';
		lines.splice(Math.floor(to * (lines.length + 1)), 0, line);
		return lines.join('\n');
	}),
	fc.tuple(fraction, fc.integer({ min: -4, max: 4 })).map(([where, shift]): TextEdit => (text) => {
		// Change one line's indentation.
		const lines = text.split('\n');
		const index = Math.floor(where * lines.length);
		const line = lines[index] ?? '';
		lines[index] = shift >= 0 ? ' '.repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), '');
		return lines.join('\n');
	}),
);

// ----- Structural mutations (on the parsed data, written back as YAML) -----

type Path = (string | number)[];

function pathsIn(value: unknown, prefix: Path = []): Path[] {
	const paths: Path[] = [prefix];
	if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsIn(item, [...prefix, index])));
	else if (value !== null && typeof value === 'object')
		for (const [key, item] of Object.entries(value)) paths.push(...pathsIn(item, [...prefix, key]));
	return paths;
}

function parentOf(root: unknown, target: Path): { parent: Record<string | number, unknown> | unknown[]; key: string | number } | undefined {
	if (target.length === 0) return undefined;
	let node = root as Record<string | number, unknown>;
	for (const segment of target.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
	return { parent: node, key: target[target.length - 1]! };
}

const anyValue = fc.oneof(
	fc.constantFrom(null, true, false, 0, -1, 1.5, 1e309, '', '{{', '{{dockerId}}', '{{undeclared}}', [], {}, 'x'.repeat(300)),
	fc.jsonValue({ maxDepth: 3 }),
	fc.string({ maxLength: 20, unit: 'grapheme' }),
);

/** Lab field names, so made-up structures reach deep into the schema. */
const labKey: fc.Arbitrary<string> = fc.constantFrom(
	'version',
	'id',
	'title',
	'intro',
	'steps',
	'variables',
	'services',
	'images',
	'files',
	'requires',
	'next',
	'prompt',
	'hints',
	'setup',
	'solution',
	'check',
	'question',
	'needs',
	'online',
	'cleanup',
	'timeout',
	'run',
	'shell',
	'expect',
	'fail',
	'http',
	'tags',
	'include',
	'pushed',
	'variable',
	'ask',
	'kind',
	'accept',
	'choices',
	'feedback',
	'when',
	'say',
	'explain',
	'pattern',
	'patternHelp',
	'default',
	'describe',
	'freePort',
	'image',
	'name',
	'ports',
	'env',
	'ready',
	'status',
	'headers',
	'body',
	'json',
	'path',
	'equals',
	'contains',
	'exists',
	'exitCode',
	'stdout',
	'stderr',
	'matches',
	'notContains',
	'method',
	'__proto__',
	'constructor',
	'toString',
	'0',
	'',
);

type DataEdit = (data: unknown) => unknown;

const dataEdit: fc.Arbitrary<DataEdit> = fc
	.tuple(fraction, fc.nat(4), anyValue, labKey)
	.map(([where, kind, value, key]): DataEdit => (data) => {
		const paths = pathsIn(data);
		const target = paths[Math.floor(where * paths.length)] ?? [];
		const found = parentOf(data, target);
		if (!found) return kind === 0 ? value : data;
		const { parent, key: current } = found;
		const record = parent as Record<string | number, unknown>;
		switch (kind) {
			case 0: // change the type
				record[current] = value;
				break;
			case 1: // delete
				if (Array.isArray(parent)) parent.splice(Number(current), 1);
				else delete record[current];
				break;
			case 2: // rename
				if (!Array.isArray(parent)) {
					const moved = record[current];
					delete record[current];
					record[key] = moved;
				}
				break;
			case 3: // duplicate (an item, or a value under another key)
				if (Array.isArray(parent)) parent.splice(Number(current), 0, structuredClone(parent[Number(current)]));
				else record[key] = structuredClone(record[current]);
				break;
			default: // `{{` into a text
				if (typeof record[current] === 'string') record[current] = `{{${String(record[current])}`;
				else record[current] = '{{';
		}
		return data;
	});

/** Random lab-like data: mappings keyed by lab field names, lists, scalars. */
const labLike = fc.letrec<{ node: unknown }>((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		anyValue,
		fc.dictionary(labKey, tie('node'), { maxKeys: 6 }),
		fc.array(tie('node'), { maxLength: 4 }),
	),
})).node;

describe('the loader’s answers to inputs fuzzing found', () => {
	it.each([
		[
			'a merge key with an alias before its anchor',
			'version: 1\n<<: *a\nid: x\n',
			2,
			5,
			'YAML alias (`*name`) without an anchor (`&name`) before it; write the value out instead',
		],
		[
			'an alias bomb',
			`version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
			3,
			8,
			'YAML aliases (`*name`) expand into too much data; write the values out instead',
		],
	])('%s is a positioned problem, not an exception', (_what, text, line, column, message) => {
		expect(loadLabFromText(text, 'lab.yaml', exampleDir).problems).toEqual([{ file: 'lab.yaml', line, column, message }]);
	});

	it('a mapping used as a key is reported, without a warning on the terminal', async () => {
		const warnings: string[] = [];
		const listener = (warning: Error) => warnings.push(warning.message);
		process.on('warning', listener);
		try {
			expect(loadLabFromText('? [a, b]\n: c\n', 'lab.yaml', exampleDir).problems.length).toBeGreaterThan(0);
			// Node emits warnings on a later tick.
			await new Promise((resolve) => setImmediate(resolve));
		} finally {
			process.off('warning', listener);
		}
		expect(warnings).toEqual([]);
	});
});

describe('loadLabFromText never throws and reports only positioned problems', () => {
	for (const seed of seeds) {
		it(`for ${seed.name} with its text cut, spliced and re-indented`, { timeout: timeoutFor(150) }, () => {
			expect(seed.text).toContain('version: 1');
			fc.assert(
				fc.property(fc.array(textEdit, { minLength: 1, maxLength: 4 }), (edits) => {
					load(
						edits.reduce((text, edit) => edit(text), seed.text),
						seed.dir,
					);
				}),
				settings(150),
			);
		});

		it(`for ${seed.name} with keys deleted, duplicated, renamed and values of the wrong type`, { timeout: timeoutFor(100) }, () => {
			const data = loadLabFromText(seed.text, 'lab.yaml', seed.dir);
			expect(data.problems).toEqual([]);
			fc.assert(
				fc.property(fc.array(dataEdit, { minLength: 1, maxLength: 4 }), (edits) => {
					const mutated = edits.reduce((value, edit) => edit(value), structuredClone(data.lab) as unknown);
					load(stringify(mutated) ?? '', seed.dir);
				}),
				settings(100),
			);
		});
	}

	it('for made-up YAML text', { timeout: timeoutFor(200) }, () => {
		fc.assert(
			fc.property(fc.array(fragment, { maxLength: 40 }), (pieces) => load(pieces.join(''), registriesDir)),
			settings(200),
		);
	});

	it('for made-up lab-shaped data written as YAML', { timeout: timeoutFor(200) }, () => {
		fc.assert(
			fc.property(labLike, (data) => load(stringify(data) ?? '', registriesDir)),
			settings(200),
		);
	});

	it('lintLab takes any value without throwing', { timeout: timeoutFor(200) }, () => {
		fc.assert(
			fc.property(fc.oneof(labLike, fc.anything()), (data) => {
				for (const finding of lintLab(data, { fileExists: () => false })) expect(typeof finding.message).toBe('string');
			}),
			settings(200),
		);
	});
});
