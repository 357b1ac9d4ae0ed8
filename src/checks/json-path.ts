// Paths into a JSON document, as lab authors write them in `expect.json.path`:
// `tags`, `[0].RepoTags`, `errors[0].code`, `["a.b"]`, `[-1]` (last item), and `""` for the root.
// A leading dot (`.tags`, jq style) is accepted too.

export type JsonPathSegment = string | number;

export class JsonPathError extends Error {
	override name = 'JsonPathError';
}

const plainKey = /^[^.[\]"'\s]+/;

/** Throws JsonPathError, naming the path and the position, when the path is not well formed. */
export function parseJsonPath(path: string): JsonPathSegment[] {
	const segments: JsonPathSegment[] = [];
	const fail = (why: string, at: number): never => {
		throw new JsonPathError(`the JSON path "${path}" is not valid: ${why} at position ${at + 1}`);
	};
	let i = path.startsWith('.') ? 1 : 0;
	if (i === path.length) return segments;
	// True right after the start or a dot: a name (or a bracket) must come next.
	let expectKey = true;
	while (i < path.length) {
		const c = path.charAt(i);
		if (c === '[') {
			const close = readBracket(path, i + 1, fail);
			segments.push(close.segment);
			i = close.end;
			expectKey = false;
		} else if (c === '.') {
			if (expectKey) fail('a name is missing', i);
			expectKey = true;
			i++;
			if (i >= path.length) fail('a name is missing', i);
		} else {
			if (!expectKey) fail('expected "." or "["', i);
			const key = plainKey.exec(path.slice(i))?.[0];
			if (key === undefined) fail(`unexpected ${JSON.stringify(c)}`, i);
			segments.push(key ?? '');
			i += (key ?? '').length;
			expectKey = false;
		}
	}
	return segments;
}

function readBracket(path: string, start: number, fail: (why: string, at: number) => never): { segment: JsonPathSegment; end: number } {
	const quote = path.charAt(start);
	if (quote === '"' || quote === "'") {
		let key = '';
		let i = start + 1;
		for (; i < path.length && path.charAt(i) !== quote; i++) {
			if (path.charAt(i) === '\\') i++;
			key += path.charAt(i);
		}
		if (i >= path.length) fail(`the quoted name is not closed`, start);
		if (path.charAt(i + 1) !== ']') fail('expected "]"', i + 1);
		return { segment: key, end: i + 2 };
	}
	const close = path.indexOf(']', start);
	if (close === -1) fail('expected "]"', path.length);
	const inside = path.slice(start, close);
	if (!/^-?\d+$/.test(inside)) fail('use a number such as [0] or a quoted name such as ["a.b"] inside brackets', start);
	return { segment: Number(inside), end: close + 1 };
}

export type JsonLookup = { found: true; value: unknown } | { found: false };

/** The value at the path; `found: false` when any step of the path is missing. */
export function valueAtPath(document: unknown, path: string | readonly JsonPathSegment[]): JsonLookup {
	const segments = typeof path === 'string' ? parseJsonPath(path) : path;
	let current: unknown = document;
	for (const segment of segments) {
		if (Array.isArray(current) && typeof segment === 'number') {
			const index = segment < 0 ? current.length + segment : segment;
			if (index < 0 || index >= current.length) return { found: false };
			current = current[index];
		} else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
			const key = String(segment);
			if (!Object.hasOwn(current, key)) return { found: false };
			current = (current as Record<string, unknown>)[key];
		} else {
			return { found: false };
		}
	}
	return { found: true, value: current };
}
