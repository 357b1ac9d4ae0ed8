// Judges a command's or an HTTP response's outcome against a check's `expect`. Pure. Every failure
// explains itself as "expected X, got Y" so a learner (or lab author) sees what differed.
import { interpolate } from '../lab/interpolate.js';
import type { HttpCheck, JsonMatch, RunCheck, TextMatch } from '../lab/schema.js';
import { JsonPathError, valueAtPath } from './json-path.js';

export type RunExpect = NonNullable<RunCheck['expect']>;
export type HttpExpect = NonNullable<HttpCheck['expect']>;
type Vars = Readonly<Record<string, string>>;

export interface Verdict {
	passed: boolean;
	/** One sentence per unmet condition, in the order the conditions are listed. */
	failures: string[];
}

export interface RunOutcome {
	/** Undefined when the process was ended by a signal. */
	exitCode?: number;
	signal?: string;
	stdout: string;
	stderr: string;
	/** The captured output was cut at the cap: text conditions only saw its beginning. */
	truncated?: boolean;
}

export interface HttpAnswer {
	status: number;
	statusText?: string;
	/** Header names in any case. */
	headers: Readonly<Record<string, string>>;
	body: string;
	truncated?: boolean;
}

const excerptChars = 300;
const valueChars = 200;
const cutNote = ' (the output was longer than the capture limit; only its beginning was checked)';

/** `got: "…"` for a text, a window around `at` when given, or `got nothing`. */
function gotText(text: string, at?: number): string {
	const shown = text.trimEnd();
	if (shown.trim() === '') return 'got nothing';
	if (shown.length <= excerptChars) return `got: ${JSON.stringify(shown)}`;
	const start = at === undefined ? 0 : Math.max(0, at - Math.floor(excerptChars / 3));
	const end = Math.min(shown.length, start + excerptChars);
	const lead = start > 0 ? '…' : '';
	return `got: ${lead}${JSON.stringify(shown.slice(start, end))}${end < shown.length ? '…(truncated)' : ''}`;
}

/** A JSON value as it would be written, cut when long. */
export function formatValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > valueChars ? `${text.slice(0, valueChars)}…(truncated)` : text;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `{{var}}` in every string of an expected JSON value. */
function interpolateValue(value: unknown, vars: Vars): unknown {
	if (typeof value === 'string') return interpolate(value, vars);
	if (Array.isArray(value)) return value.map((item) => interpolateValue(item, vars));
	if (isPlainObject(value)) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateValue(item, vars)]));
	}
	return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
	}
	return false;
}

/** Equal, or for objects: every wanted key is there with a matching value (extra keys allowed). */
function matchesItem(actual: unknown, wanted: unknown): boolean {
	if (isPlainObject(actual) && isPlainObject(wanted)) {
		return Object.entries(wanted).every(([key, value]) => Object.hasOwn(actual, key) && matchesItem(actual[key], value));
	}
	return deepEqual(actual, wanted);
}

/** Conditions on a text (stdout, stderr, an HTTP body). `label` names it in the sentences. */
export function evaluateTextMatch(label: string, match: TextMatch, text: string, vars: Vars = {}, truncated = false): string[] {
	const failures: string[] = [];
	const note = truncated ? cutNote : '';
	if (match.contains !== undefined) {
		const wanted = interpolate(match.contains, vars);
		if (!text.includes(wanted)) failures.push(`expected ${label} to contain ${JSON.stringify(wanted)}, ${gotText(text)}${note}`);
	}
	if (match.matches !== undefined) {
		const escaped = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, escapeRegExp(value)]));
		const source = interpolate(match.matches, escaped);
		let pattern: RegExp | undefined;
		try {
			pattern = new RegExp(source, 'm');
		} catch (error) {
			failures.push(`the pattern /${source}/ in this check is not a valid regular expression (${(error as Error).message})`);
		}
		if (pattern && !pattern.test(text)) failures.push(`expected ${label} to match /${source}/, ${gotText(text)}${note}`);
	}
	if (match.notContains !== undefined) {
		const unwanted = interpolate(match.notContains, vars);
		const at = text.indexOf(unwanted);
		if (at !== -1) failures.push(`expected ${label} not to contain ${JSON.stringify(unwanted)}, ${gotText(text, at)}`);
	}
	return failures;
}

function describePath(path: string): string {
	return path === '' || path === '.' ? 'the JSON document' : path;
}

function evaluateJsonMatch(match: JsonMatch, document: unknown, vars: Vars): string[] {
	const label = describePath(match.path);
	let lookup: ReturnType<typeof valueAtPath>;
	try {
		lookup = valueAtPath(document, match.path);
	} catch (error) {
		if (error instanceof JsonPathError) return [`${error.message} (in this check)`];
		throw error;
	}
	const missing = `but there is no ${label} in the JSON document`;
	const failures: string[] = [];
	const hasCondition = match.equals !== undefined || match.contains !== undefined || match.exists !== undefined;
	// A path with no condition means: it must be there.
	const mustExist = match.exists === true || !hasCondition;
	if (mustExist && !lookup.found) failures.push(`expected ${label} to exist, ${missing}`);
	if (match.exists === false && lookup.found) failures.push(`expected ${label} not to exist, got ${formatValue(lookup.value)}`);

	if (match.equals !== undefined) {
		const wanted = interpolateValue(match.equals, vars);
		if (!lookup.found) failures.push(`expected ${label} to equal ${formatValue(wanted)}, ${missing}`);
		else if (!deepEqual(lookup.value, wanted)) {
			failures.push(`expected ${label} to equal ${formatValue(wanted)}, got ${formatValue(lookup.value)}`);
		}
	}
	if (match.contains !== undefined) {
		const wanted = interpolateValue(match.contains, vars);
		const shown = Array.isArray(wanted) ? wanted.map(formatValue).join(' and ') : formatValue(wanted);
		if (!lookup.found) failures.push(`expected ${label} to contain ${shown}, ${missing}`);
		else {
			const failure = containsFailure(label, lookup.value, wanted);
			if (failure) failures.push(failure);
		}
	}
	return failures;
}

function containsFailure(label: string, actual: unknown, wanted: unknown): string | undefined {
	const items = Array.isArray(wanted) ? wanted : [wanted];
	let absent: unknown[];
	if (Array.isArray(actual)) {
		absent = items.filter((item) => !actual.some((element) => matchesItem(element, item)));
	} else if (typeof actual === 'string') {
		if (!items.every((item) => typeof item === 'string')) {
			return `expected ${label} to contain ${formatValue(wanted)}, but it is text: ${formatValue(actual)}`;
		}
		absent = items.filter((item) => !actual.includes(item as string));
	} else if (isPlainObject(actual) && !Array.isArray(wanted) && isPlainObject(wanted)) {
		absent = matchesItem(actual, wanted) ? [] : [wanted];
	} else {
		return `expected ${label} to be a list or text containing ${formatValue(wanted)}, got ${formatValue(actual)}`;
	}
	if (absent.length === 0) return undefined;
	return `expected ${label} to contain ${absent.map(formatValue).join(' and ')}, got ${formatValue(actual)}`;
}

/** Conditions on a text parsed as JSON. `label` names the text ("stdout", "the response body"). */
export function evaluateJsonMatches(
	label: string,
	matches: JsonMatch | readonly JsonMatch[],
	text: string,
	vars: Vars = {},
	truncated = false,
): string[] {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		return [`expected ${label} to be JSON, ${gotText(text)}${truncated ? cutNote : ''}`];
	}
	const list: readonly JsonMatch[] = Array.isArray(matches) ? matches : [matches as JsonMatch];
	return list.flatMap((match) => evaluateJsonMatch(match, document, vars));
}

function verdict(failures: string[]): Verdict {
	return { passed: failures.length === 0, failures };
}

/** A `run` check's expectations; with none, exit code 0 passes. */
export function evaluateRunExpect(expect: RunExpect | undefined, outcome: RunOutcome, vars: Vars = {}): Verdict {
	const failures: string[] = [];
	const wantedExit = expect?.exitCode ?? 0;
	if (outcome.exitCode === undefined) {
		const how = outcome.signal ? `it was stopped by signal ${outcome.signal}` : 'it did not exit normally';
		failures.push(`expected exit code ${wantedExit}, but ${how}`);
	} else if (outcome.exitCode !== wantedExit) {
		failures.push(`expected exit code ${wantedExit}, got ${outcome.exitCode}`);
	}
	const truncated = outcome.truncated ?? false;
	if (expect?.stdout) failures.push(...evaluateTextMatch('stdout', expect.stdout, outcome.stdout, vars, truncated));
	if (expect?.stderr) failures.push(...evaluateTextMatch('stderr', expect.stderr, outcome.stderr, vars, truncated));
	if (expect?.json) failures.push(...evaluateJsonMatches('stdout', expect.json, outcome.stdout, vars, truncated));
	return verdict(failures);
}

/** An `http` check's expectations; with none, status 200 passes. */
export function evaluateHttpExpect(expect: HttpExpect | undefined, answer: HttpAnswer, vars: Vars = {}): Verdict {
	const failures: string[] = [];
	const wantedStatus = expect?.status ?? 200;
	if (answer.status !== wantedStatus) {
		const text = answer.statusText ? ` ${answer.statusText}` : '';
		failures.push(`expected status ${wantedStatus}, got ${answer.status}${text}`);
	}
	for (const [name, wantedRaw] of Object.entries(expect?.headers ?? {})) {
		const wanted = interpolate(wantedRaw, vars);
		const actual = Object.entries(answer.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
		if (actual === undefined) failures.push(`expected header ${name} to contain ${JSON.stringify(wanted)}, but there is no such header`);
		else if (!actual.includes(wanted))
			failures.push(`expected header ${name} to contain ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
	}
	const truncated = answer.truncated ?? false;
	if (expect?.body) failures.push(...evaluateTextMatch('the response body', expect.body, answer.body, vars, truncated));
	if (expect?.json) failures.push(...evaluateJsonMatches('the response body', expect.json, answer.body, vars, truncated));
	return verdict(failures);
}
