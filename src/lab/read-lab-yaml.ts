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
// (undefined) on text that has any of those, found by one pass over the text that errs on the side
// of giving up (yaml-differences.ts), and on what js-yaml reads into anything but a mapping, or into an object that appears
// twice (an alias to a collection: the yaml package counts those against a limit). A property test
// (test/lab/read-lab-yaml.test.ts) checks that whatever this returns, the yaml package reads the
// same text without an error or a warning, to the same value. js-yaml 4, not 5: 5's parser took
// four times as long on the bundled lab, which put `validate` of 200 labs over its second.
import { CORE_SCHEMA, load } from 'js-yaml';
import { mayReadDifferently } from './yaml-differences.js';

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

/**
 * The JS value of a lab file, as `parseDocument(text).toJS()` gives it; undefined when the text may
 * be YAML the two packages read differently, or is not a mapping, or js-yaml finds it wrong: the
 * yaml package decides then.
 */
export function readLabYaml(text: string): { value: Record<string, unknown> } | undefined {
	if (mayReadDifferently(text)) return undefined;
	let value: unknown;
	try {
		value = load(text, { schema: CORE_SCHEMA });
	} catch {
		// A YAMLException, or the stack running out on deep nesting: the yaml package decides what that is.
		return undefined;
	}
	return isPlainObject(value) && !hasAliasOrMappingKey(value) ? { value } : undefined;
}
