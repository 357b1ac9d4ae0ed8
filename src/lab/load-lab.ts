// Reads a lab.yaml and reports every problem in it at once, each at its line and column: YAML syntax,
// then the schema (with messages written for the lab's author, not zod's defaults), then lint.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CST, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { labFileName } from './find-labs.js';
import { lintLab, type LintContext, type LintFinding } from './lint-lab.js';
import { compareProblems, type Problem } from './problem.js';
import { readLabYaml } from './read-lab-yaml.js';
import { labSchema, type Lab } from './schema.js';
import { defaultMessage, schemaFindings } from './schema-messages.js';

interface Position {
	line: number;
	column: number;
}

export interface LoadedLab {
	/** The lab, when it passed the schema (it may still have lint problems). */
	lab?: Lab;
	file: string;
	dir: string;
	problems: Problem[];
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
		const reason =
			code === 'ENOENT'
				? 'file not found'
				: code === 'EISDIR'
					? 'this is a folder, not a lab.yaml'
					: `cannot read it (${code ?? String(error)})`;
		return { file, dir, problems: [{ file, line: 1, column: 1, message: reason }] };
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
	const fast = readLabYaml(text);
	return (fast && loadValidLab(fast.value, file, dir)) ?? loadLabFromDocument(text, file, dir);
}

/**
 * The common case, fast: a lab read by js-yaml, without the yaml package's Document, that passes the
 * schema and lint. Anything else (undefined) goes the full way, which places every problem at its line:column.
 */
function loadValidLab(data: unknown, file: string, dir: string): LoadedLab | undefined {
	if (!isPlainObject(data)) return undefined;
	const parsed = labSchema.safeParse(data, { error: () => defaultMessage });
	if (!parsed.success) return undefined;
	if (lintLab(data, lintContext(dir)).length > 0) return undefined;
	return { lab: parsed.data, file, dir, problems: [] };
}

function lintContext(dir: string): LintContext {
	return { dirName: path.basename(path.resolve(dir)), fileExists: (relative) => existsSync(path.join(dir, relative)) };
}

/**
 * The loader without the fast path (js-yaml): the yaml package's Document, which knows where every node is.
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
	if (yamlErrors.length > 0)
		return {
			file,
			dir,
			problems: yamlProblems(yamlErrors, text)
				.map(({ offset, message }) => problem(offset, message))
				.sort(compareProblems),
		};

	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: 1000 });
	} catch (error) {
		// An alias the parser let through (`<<: *a` before `&a`) or too many of them (an alias bomb).
		return { file, dir, problems: [problem(firstAliasOffset(doc), aliasMessage(error))] };
	}
	if (data === null || data === undefined) {
		return { file, dir, problems: [problem(0, 'the lab file is empty; it starts with `version: 1`, an `id`, a `title` and `steps`')] };
	}

	const toProblem = (finding: LintFinding): Problem => problem(offsetOf(doc, text, finding), finding.message);
	const parsed = labSchema.safeParse(data, { error: () => defaultMessage });
	const schemaProblems = parsed.success ? [] : schemaFindings(labSchema, data, parsed.error.issues);
	const lintFindings = lintLab(data, lintContext(dir));
	const problems = dedupe([...schemaProblems, ...lintFindings].map(toProblem)).sort(compareProblems);
	return { lab: parsed.success ? parsed.data : undefined, file, dir, problems };
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
				problems.push({
					offset: unclosedQuote,
					message: `YAML syntax error: this quoted value is never closed; add the closing ${text[unclosedQuote]}`,
				});
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
	shown.push({
		offset: last.offset,
		message: `YAML syntax error: ${kept.length - maxYamlErrorLines} more lines fail to parse after this, most likely because of the errors above; fix those first`,
	});
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
	const templateHint = line.includes('{{')
		? ' (a value that starts with `{{`, or has `{{` inside `[...]`, must be in quotes: "{{dockerId}}/curl")'
		: '';
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
