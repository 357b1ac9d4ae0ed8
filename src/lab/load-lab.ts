// Reads a lab.yaml and reports every problem in it at once, each at its line and column: YAML syntax,
// then the schema (with messages written for the lab's author, not zod's defaults), then lint.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CST, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { readCommonYaml, type FastYaml } from './fast-yaml.js';
import { labFileName } from './find-labs.js';
import { closest, lintLab, type LabPath, type LintContext, type LintFinding } from './lint-lab.js';
import { compareProblems, type Problem } from './problem.js';
import { checkKindOf } from './check-kind.js';
import { labSchema, type Lab } from './schema.js';

export interface Position {
	line: number;
	column: number;
}

export interface LoadedLab {
	/** The lab, when it passed the schema (it may still have lint problems). */
	lab?: Lab;
	file: string;
	dir: string;
	problems: Problem[];
	/** Where each step starts in the file, by step id, so later stages (checks, tests) can point at it. */
	stepPositions: Record<string, Position>;
}

/** Loads a lab from a lab.yaml or from the folder that holds one. */
export function loadLab(labPath: string): LoadedLab {
	const file = isDirectory(labPath) ? path.join(labPath, labFileName) : labPath;
	const dir = path.dirname(file);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'this is a folder, not a lab.yaml' : `cannot read it (${code ?? String(error)})`;
		return { file, dir, problems: [{ file, line: 1, column: 1, message: reason }], stepPositions: {} };
	}
	return loadLabFromText(text, file, dir);
}

function isDirectory(candidate: string): boolean {
	// One stat, not existsSync then stat: validate calls this for every lab of a folder.
	try {
		return statSync(candidate, { throwIfNoEntry: false })?.isDirectory() ?? false;
	} catch {
		return false;
	}
}

/** Loads a lab from its text; `file` is how problems name it, `dir` is where its files are. */
export function loadLabFromText(text: string, file: string, dir: string): LoadedLab {
	const fast = readCommonYaml(text);
	return (fast && loadValidLab(fast, file, dir)) ?? loadLabFromDocument(text, file, dir);
}

/**
 * The common case, fast: a lab read without the yaml package's Document that passes the schema and
 * lint. Anything else (undefined) goes the full way, which places every problem at its line:column.
 */
function loadValidLab(fast: FastYaml, file: string, dir: string): LoadedLab | undefined {
	const data = fast.value;
	if (!isPlainObject(data)) return undefined;
	const parsed = labSchema.safeParse(data, { error: () => defaultMessage });
	if (!parsed.success) return undefined;
	if (lintLab(data, lintContext(dir)).length > 0) return undefined;
	// As findStepPositions does: the first step with an id keeps it.
	const stepPositions: Record<string, Position> = {};
	for (const { id, line, column } of fast.steps) if (typeof id === 'string' && !(id in stepPositions)) stepPositions[id] = { line, column };
	return { lab: parsed.data, file, dir, problems: [], stepPositions };
}

function lintContext(dir: string): LintContext {
	return { dirName: path.basename(path.resolve(dir)), fileExists: (relative) => existsSync(path.join(dir, relative)) };
}

/**
 * The loader without the fast reader: the yaml package's Document, which knows where every node is.
 * loadLabFromText gives the same for any text (the tests compare the two).
 */
export function loadLabFromDocument(text: string, file: string, dir: string): LoadedLab {
	const lineCounter = new LineCounter();
	// logLevel error: YAML's warnings (a mapping used as a key) would reach the learner's terminal as Node warnings.
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' });
	const at = (offset: number): Position => {
		const { line, col } = lineCounter.linePos(offset);
		return { line, column: col };
	};
	const problem = (offset: number, message: string): Problem => ({ file, ...at(offset), message });

	const yamlErrors = [...doc.errors, ...doc.warnings];
	if (yamlErrors.length > 0) return { file, dir, problems: yamlProblems(yamlErrors, text).map(({ offset, message }) => problem(offset, message)).sort(compareProblems), stepPositions: {} };

	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: 1000 });
	} catch (error) {
		// An alias the parser let through (`<<: *a` before `&a`) or too many of them (an alias bomb).
		return { file, dir, problems: [problem(firstAliasOffset(doc), aliasMessage(error))], stepPositions: {} };
	}
	const stepPositions = findStepPositions(doc, at);
	if (data === null || data === undefined) {
		return { file, dir, problems: [problem(0, 'the lab file is empty; it starts with `version: 1`, an `id`, a `title` and `steps`')], stepPositions };
	}

	const toProblem = (finding: LintFinding): Problem => problem(offsetOf(doc, text, finding), finding.message);
	const parsed = labSchema.safeParse(data, { error: () => defaultMessage });
	const schemaFindings = parsed.success ? [] : findingsFromIssues(parsed.error.issues, [], data);
	const lintFindings = lintLab(data, lintContext(dir));
	const problems = dedupe([...schemaFindings, ...lintFindings].map(toProblem)).sort(compareProblems);
	return { lab: parsed.success ? parsed.data : undefined, file, dir, problems, stepPositions };
}

/** Where the first alias (`*name`) is; a lab file has no need for them, so that is the likely culprit. */
function firstAliasOffset(doc: Document): number {
	let offset = 0;
	visit(doc, {
		Alias(_key, node) {
			offset = node.range?.[0] ?? 0;
			return visit.BREAK;
		},
	});
	return offset;
}

function aliasMessage(error: unknown): string {
	const reason = error instanceof Error ? error.message : String(error);
	if (/excessive alias count/i.test(reason)) return 'YAML aliases (`*name`) expand into too much data; write the values out instead';
	if (/unresolved alias/i.test(reason)) return 'YAML alias (`*name`) without an anchor (`&name`) before it; write the value out instead';
	return `YAML aliases (\`*name\`) cannot be read here (${reason.split('\n')[0]}); write the values out instead`;
}

function dedupe(problems: Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter((item) => {
		const key = `${item.line}:${item.column}:${item.message}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

interface YamlIssue {
	code: string;
	message: string;
	pos: [number, number];
}

/**
 * YAML errors as an author can act on them. The parser reports an unclosed quote where the file
 * ends; we point at the opening quote instead, and drop the errors it caused further down.
 */
function yamlProblems(errors: readonly YamlIssue[], text: string): { offset: number; message: string }[] {
	const unclosedQuote = errors.some((error) => /^Missing closing .?quote/.test(error.message)) ? findUnclosedQuote(text) : undefined;
	const problems: { offset: number; message: string }[] = [];
	for (const error of errors) {
		if (unclosedQuote !== undefined && error.pos[0] >= unclosedQuote) {
			if (/^Missing closing .?quote/.test(error.message))
				problems.push({ offset: unclosedQuote, message: `YAML syntax error: this quoted value is never closed; add the closing ${text[unclosedQuote]}` });
			continue;
		}
		problems.push({ offset: error.pos[0], message: yamlMessage(error, text) });
	}
	return firstOfCascade(problems, text);
}

/**
 * One broken line makes the parser stumble over every line after it. Keep one error per line, and
 * only the first few lines: the rest are echoes of those, and a wall of them hides the real one.
 */
const maxYamlErrorLines = 3;
function firstOfCascade(problems: { offset: number; message: string }[], text: string): { offset: number; message: string }[] {
	const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
	const kept: { offset: number; message: string }[] = [];
	const seenLines = new Set<number>();
	for (const problem of problems) {
		const line = lineOf(problem.offset);
		if (seenLines.has(line)) continue;
		seenLines.add(line);
		kept.push(problem);
	}
	if (kept.length <= maxYamlErrorLines) return kept;
	const shown = kept.slice(0, maxYamlErrorLines);
	const last = shown[shown.length - 1]!;
	shown.push({ offset: last.offset, message: `YAML syntax error: ${kept.length - maxYamlErrorLines} more lines fail to parse after this, most likely because of the errors above; fix those first` });
	return shown;
}

function yamlMessage(error: YamlIssue, text: string): string {
	const firstLine = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
	if (error.code === 'DUPLICATE_KEY') {
		const key = (/^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0] ?? '').trim();
		return `duplicate key${key ? ` \`${key}\`` : ''}: a key may appear only once in a mapping`;
	}
	const lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
	const lineEnd = text.indexOf('\n', error.pos[0]);
	const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
	// `{{name}}` is also YAML's flow-mapping syntax: the most likely cause when a line has one.
	const templateHint = line.includes('{{') ? ' (a value that starts with `{{`, or has `{{` inside `[...]`, must be in quotes: "{{dockerId}}/curl")' : '';
	return `YAML syntax error: ${firstLine}${templateHint}`;
}

/** Offset of the first quoted scalar that never closes, found with YAML's own lexer. */
function findUnclosedQuote(text: string): number | undefined {
	let offset = 0;
	for (const token of new Lexer().lex(text)) {
		// The lexer also emits one-character markers that are not part of the text.
		if (['doc-mode', 'flow-error-end', 'scalar'].includes(CST.tokenType(token) ?? '')) continue;
		const quote = token[0];
		if ((quote === '"' || quote === "'") && !isClosedQuote(token)) return offset;
		offset += token.length;
	}
	return undefined;
}

function isClosedQuote(token: string): boolean {
	const quote = token[0];
	for (let index = 1; index < token.length; index++) {
		const char = token[index];
		if (quote === '"' && char === '\\') index++;
		else if (char === quote) {
			// In single quotes, '' is an escaped quote.
			if (quote === "'" && token[index + 1] === "'") index++;
			else return true;
		}
	}
	return false;
}

function findStepPositions(doc: Document, at: (offset: number) => Position): Record<string, Position> {
	const positions: Record<string, Position> = {};
	const steps = isMap(doc.contents) ? doc.contents.get('steps', true) : undefined;
	if (!isSeq(steps)) return positions;
	for (const item of steps.items) {
		if (!isMap(item) || !item.range) continue;
		const id = item.get('id');
		if (typeof id === 'string' && !(id in positions)) positions[id] = at(item.range[0]);
	}
	return positions;
}

// ----- From a path in the data to an offset in the text -----

function keyText(key: unknown): string {
	return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown): number | undefined {
	const range = (node as { range?: [number, number, number] } | null)?.range;
	return range?.[0];
}

/**
 * Where a finding points: the value at its path (or its key); when the path goes past what the
 * file has (a missing field), the nearest container that exists, so "missing `prompt`" lands on the step.
 */
function offsetOf(doc: Document, text: string, finding: LintFinding): number {
	let node: unknown = doc.contents;
	let offset = startOf(node) ?? 0;
	for (const [index, segment] of finding.path.entries()) {
		const isLast = index === finding.path.length - 1;
		if (isMap(node)) {
			const pair = node.items.find((candidate) => keyText(candidate.key) === String(segment));
			if (!pair) return offset;
			const keyStart = startOf(pair.key) ?? offset;
			if (isLast && finding.at === 'key') return keyStart;
			const value = pair.value;
			// `title:` with nothing after it: the key is the thing to point at.
			if (value === null || value === undefined || (isScalar(value) && value.value === null && value.source === '')) return keyStart;
			node = value;
			offset = startOf(value) ?? keyStart;
		} else if (isSeq(node) && typeof segment === 'number') {
			const item = node.items[segment];
			if (item === undefined) return offset;
			node = item;
			offset = startOf(item) ?? offset;
		} else return offset;
	}
	if (finding.find && isScalar(node) && node.range) {
		const source = text.slice(node.range[0], node.range[1]);
		let found = -1;
		for (let count = 0; count <= finding.find.occurrence; count++) {
			found = source.indexOf(finding.find.text, found + 1);
			if (found < 0) break;
		}
		if (found >= 0) return node.range[0] + found;
	}
	return offset;
}

// ----- From zod issues to messages an author can act on -----

/** What our error map returns, so we can tell zod's defaults (which we rewrite) from the schema's own messages. */
const defaultMessage = '\u0000default';

type Schema = z.core.$ZodType;
interface SchemaDef {
	type: string;
	shape?: Record<string, Schema>;
	element?: Schema;
	valueType?: Schema;
	innerType?: Schema;
	options?: Schema[];
	in?: Schema;
}

function defOf(schema: Schema): SchemaDef {
	return schema._zod.def as unknown as SchemaDef;
}

const wrapperTypes = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

function unwrap(schema: Schema): Schema {
	let current = schema;
	for (;;) {
		const def = defOf(current);
		if (wrapperTypes.has(def.type) && def.innerType) current = def.innerType;
		else if (def.type === 'pipe' && def.in) current = def.in;
		else return current;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The check kind an object schema stands for (`run` for the run check...), from its keys. */
function kindOfSchema(schema: Schema): string | undefined {
	const def = defOf(unwrap(schema));
	return def.type === 'object' && def.shape ? checkKindOf(def.shape) : undefined;
}

/** A union of check schemas: every member is an object with one kind key (`run`, `http`, ...). */
function isCheckUnion(schema: Schema): boolean {
	const options = defOf(schema).options ?? [];
	return options.length > 0 && options.every((option) => kindOfSchema(option) !== undefined);
}

function jsonType(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function schemaJsonType(schema: Schema): string {
	const type = defOf(unwrap(schema)).type;
	if (type === 'record' || type === 'object') return 'object';
	if (type === 'int' || type === 'number') return 'number';
	return type;
}

/** The member of a union that the value is meant to be: for checks by their kind key, else by shape. */
function pickUnionOption(union: Schema, value: unknown): Schema | undefined {
	const options = defOf(union).options ?? [];
	if (isCheckUnion(union)) {
		const kind = checkKindOf(value);
		return kind === undefined ? undefined : options.find((option) => kindOfSchema(option) === kind);
	}
	const sameType = options.filter((option) => schemaJsonType(option) === jsonType(value));
	return sameType.find((option) => safeParse(option, value).success) ?? sameType[0];
}

function safeParse(schema: Schema, value: unknown): { success: boolean; issues: z.core.$ZodIssue[] } {
	const result = (schema as z.ZodType).safeParse(value, { error: () => defaultMessage });
	return result.success ? { success: true, issues: [] } : { success: false, issues: result.error.issues };
}

function childSchema(schema: Schema, segment: string | number): Schema | undefined {
	const def = defOf(schema);
	if (def.type === 'object') return def.shape?.[String(segment)];
	if (def.type === 'array') return def.element;
	if (def.type === 'record') return def.valueType;
	return undefined;
}

/** The schema that describes the value at a path, following unions by what the data holds. */
function schemaAt(at: LabPath, root: unknown, resolveLastUnion = true): Schema | undefined {
	let schema: Schema | undefined = labSchema;
	let value: unknown = root;
	for (const segment of at) {
		if (!schema) return undefined;
		schema = unwrap(schema);
		if (defOf(schema).type === 'union') schema = pickUnionOption(schema, value);
		if (!schema) return undefined;
		schema = childSchema(unwrap(schema), segment);
		value = (value as Record<string | number, unknown> | undefined)?.[segment];
	}
	if (!schema) return undefined;
	schema = unwrap(schema);
	if (resolveLastUnion && defOf(schema).type === 'union') return pickUnionOption(schema, value);
	return schema;
}

function valueAt(root: unknown, at: LabPath): unknown {
	let value = root;
	for (const segment of at) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string | number, unknown>)[segment];
	}
	return value;
}

function findingsFromIssues(issues: readonly z.core.$ZodIssue[], prefix: LabPath, root: unknown): LintFinding[] {
	return issues.flatMap((issue) => {
		const at: LabPath = [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
		switch (issue.code) {
			case 'unrecognized_keys': {
				const known = Object.keys(defOf(schemaAt(at, root) ?? labSchema).shape ?? {});
				return issue.keys.map((key) => ({ path: [...at, key], at: 'key' as const, message: unknownFieldMessage(key, known, at, root) }));
			}
			case 'invalid_union':
				return unionFindings(at, root);
			case 'invalid_key': {
				const key = String(at[at.length - 1]);
				const inner = issue.issues.find((candidate) => candidate.message !== defaultMessage)?.message ?? 'not a valid name';
				return [{ path: at, at: 'key' as const, message: `${nameNoun(at)} \`${key}\` is not valid: ${inner}` }];
			}
			default:
				return [{ path: at, message: issueMessage(issue, at, root) }];
		}
	});
}

function unionFindings(at: LabPath, root: unknown): LintFinding[] {
	const union = schemaAt(at, root, false);
	const value = valueAt(root, at);
	if (!union || defOf(union).type !== 'union') return [{ path: at, message: `${fieldLabel(at)} is not valid` }];
	if (isCheckUnion(union)) {
		if (!isPlainObject(value)) return [{ path: at, message: `a check must be a mapping such as \`run: docker ps\`, not ${describeValue(value)}` }];
		const kind = checkKindOf(value);
		if (kind === undefined) {
			const kinds = (defOf(union).options ?? []).map(kindOfSchema).filter((name): name is string => name !== undefined);
			const typo = Object.keys(value)
				.map((key) => [key, closest(key, kinds)] as const)
				.find(([, suggestion]) => suggestion !== undefined);
			const hint = typo ? ` (\`${typo[0]}\` looks like \`${typo[1]}\`)` : '';
			return [{ path: at, message: `a check needs one of: ${kinds.join(', ')}${hint}` }];
		}
	}
	const option = pickUnionOption(union, value);
	if (option) {
		const result = safeParse(option, value);
		if (!result.success) return findingsFromIssues(result.issues, at, root);
	}
	const expected = [...new Set((defOf(union).options ?? []).map((member) => expectedName(schemaJsonType(member))))];
	return [{ path: at, message: `${fieldLabel(at)} must be ${expected.join(' or ')}, not ${describeValue(value)}` }];
}

function unknownFieldMessage(key: string, known: string[], container: LabPath, root: unknown): string {
	const suggestion = closest(key, known);
	if (suggestion) return `unknown field \`${key}\` (did you mean \`${suggestion}\`?)`;
	return `unknown field \`${key}\` in ${containerLabel(container, root)}; allowed here: ${known.join(', ')}`;
}

function nameNoun(at: LabPath): string {
	const parent = at[at.length - 2];
	if (parent === 'variables') return 'variable name';
	if (parent === 'services') return 'service name';
	return 'key';
}

function stepLabel(root: unknown, index: number): string {
	const id = valueAt(root, ['steps', index, 'id']);
	return typeof id === 'string' ? `step \`${id}\`` : `step ${index + 1}`;
}

/** "step `build-curl`", "check 2 of step `push`", "variable `dockerId`", "the lab". */
function containerLabel(at: LabPath, root: unknown): string {
	const [first, second, third, fourth] = at;
	if (at.length === 0) return 'the lab';
	if (first === 'steps' && typeof second === 'number') {
		const step = stepLabel(root, second);
		if (at.length === 2) return step;
		if (at.length === 3 && third === 'question') return `the question of ${step}`;
		if (at.length === 4 && third === 'check' && typeof fourth === 'number') return `check ${fourth + 1} of ${step}`;
	}
	if (at.length === 2 && first === 'variables') return `variable \`${String(second)}\``;
	if (at.length === 2 && first === 'services') return `service \`${String(second)}\``;
	return fieldLabel(at);
}

/** "`title`", or "item 2 of `hints`" for a list entry. */
function fieldLabel(at: LabPath): string {
	const last = at[at.length - 1];
	if (last === undefined) return 'the lab file';
	if (typeof last === 'number') {
		const parent = at[at.length - 2];
		return `item ${last + 1} of \`${String(parent ?? 'the list')}\``;
	}
	return `\`${last}\``;
}

function expectedName(type: string): string {
	const names: Record<string, string> = {
		string: 'text',
		number: 'a number',
		int: 'a whole number',
		boolean: 'true or false',
		array: 'a list',
		object: 'a mapping (field: value)',
		record: 'a mapping (name: value)',
	};
	return names[type] ?? type;
}

function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'a list';
	return 'a mapping';
}

function formatLiteral(value: unknown): string {
	return typeof value === 'string' ? `"${value}"` : String(value);
}

function issueMessage(issue: z.core.$ZodIssue, at: LabPath, root: unknown): string {
	const field = fieldLabel(at);
	const value = valueAt(root, at);
	const custom = issue.message === defaultMessage ? undefined : issue.message;
	if (value === undefined && at.length > 0) {
		const allowed = issue.code === 'invalid_value' && issue.values.length > 1 ? ` (one of ${issue.values.map(formatLiteral).join(', ')})` : '';
		return `${containerLabel(at.slice(0, -1), root)} is missing \`${String(at[at.length - 1])}\`${allowed}`;
	}
	switch (issue.code) {
		case 'invalid_type': {
			if (at.length === 0) return 'a lab file is a mapping of fields, starting with `version: 1`, `id`, `title` and `steps`';
			if (custom) return `${field}: ${custom}`;
			const expected = expectedName(issue.expected);
			if (value === null) return `${field} is empty; it must be ${expected}`;
			let hint = '';
			if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) hint = ` (put it in quotes: "${String(value)}")`;
			if (issue.expected === 'array' && typeof value !== 'number' && typeof value !== 'boolean') hint = ' (start each item on its own line with `- `)';
			return `${field} must be ${expected}, not ${describeValue(value)}${hint}`;
		}
		case 'invalid_value': {
			if (custom) return `${field}: ${custom}`;
			const allowed = issue.values.map(formatLiteral);
			const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
			return `${field} must be ${expected}, not ${describeValue(value)}`;
		}
		case 'too_small':
		case 'too_big': {
			if (custom) return custom.startsWith('must') ? `${field} ${custom}` : custom;
			return `${field} ${sizeMessage(issue)}`;
		}
		case 'invalid_format':
			return `${field} ${JSON.stringify(value)} is not valid: ${custom ?? `it must be a valid ${issue.format}`}`;
		default:
			return `${field} is not valid${custom ? `: ${custom}` : ''}`;
	}
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
	const isSmall = issue.code === 'too_small';
	const limit = Number(isSmall ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
	const inclusive = issue.inclusive !== false;
	switch (issue.origin) {
		case 'string':
			if (isSmall && limit === 1) return 'must not be empty';
			return `must have ${isSmall ? 'at least' : 'at most'} ${limit} characters`;
		case 'array':
		case 'set':
			return `must have ${isSmall ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'item' : 'items'}`;
		default:
			if (isSmall) return inclusive ? `must be at least ${limit}` : `must be more than ${limit}`;
			return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
	}
}
