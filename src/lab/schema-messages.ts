// From zod issues to messages a lab's author can act on: "unknown field `expct` (did you mean
// `expect`?)" rather than zod's "Unrecognized key". Built only from zod's public surface (the issue
// fields, and the schema classes with their `shape`, `element`, `options`, `unwrap()`), so a zod
// update cannot change what an author reads. Pure; it runs only for a lab the schema rejected.
import { z } from 'zod';
import { checkKindOf } from './check-kind.js';
import { closest, type LabPath, type LintFinding } from './lint-lab.js';
import { todoMarker, todoMessage } from './todo-marker.js';

/**
 * What the loader's error map returns (`safeParse(data, { error: () => defaultMessage })`), so we
 * can tell zod's defaults, which we rewrite, from the schema's own messages, which we keep.
 */
export const defaultMessage = '\u0000default';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/**
 * The schema's findings about `data`, each with a path into it and a message. `root` is the schema
 * the issues came from: the lab schema for a lab file.
 */
export function schemaFindings(root: Schema, data: unknown, issues: readonly Issue[]): LintFinding[] {
	return findingsFromIssues({ schema: root, data }, issues, []);
}

/** The schema and the data it judged, which every message reads from. */
interface Judged {
	schema: Schema;
	data: unknown;
}

function findingsFromIssues(judged: Judged, issues: readonly Issue[], prefix: LabPath): LintFinding[] {
	return issues.flatMap((issue) => {
		const at: LabPath = [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
		switch (issue.code) {
			case 'unrecognized_keys': {
				const container = schemaAt(judged, at);
				const known = Object.keys(container instanceof z.ZodObject ? container.shape : {});
				return issue.keys.map((key) => ({
					path: [...at, key],
					at: 'key' as const,
					message: unknownFieldMessage(key, known, at, judged.data),
				}));
			}
			case 'invalid_union':
				return unionFindings(judged, at);
			case 'invalid_key': {
				const key = String(at[at.length - 1]);
				const inner = issue.issues.find((candidate) => candidate.message !== defaultMessage)?.message ?? 'not a valid name';
				return [{ path: at, at: 'key' as const, message: `${nameNoun(at)} \`${key}\` is not valid: ${inner}` }];
			}
			default:
				return [{ path: at, message: issueMessage(issue, at, judged.data) }];
		}
	});
}

// ----- Finding the schema that judged a value -----

/** The schema inside optional(), default() and the like: the one that says what the value is. */
function unwrap(schema: Schema): Schema {
	let current = schema;
	for (;;) {
		if (
			current instanceof z.ZodOptional ||
			current instanceof z.ZodExactOptional ||
			current instanceof z.ZodNullable ||
			current instanceof z.ZodDefault ||
			current instanceof z.ZodPrefault ||
			current instanceof z.ZodReadonly ||
			current instanceof z.ZodCatch ||
			current instanceof z.ZodNonOptional ||
			current instanceof z.ZodSuccess
		)
			current = current.unwrap();
		else if (current instanceof z.ZodPipe) current = current.in;
		else return current;
	}
}

function optionsOf(schema: Schema): readonly Schema[] {
	return schema instanceof z.ZodUnion ? schema.options : [];
}

/** The check kind an object schema stands for (`run` for the run check...), from its keys. */
function kindOfSchema(schema: Schema): string | undefined {
	const inner = unwrap(schema);
	return inner instanceof z.ZodObject ? checkKindOf(inner.shape) : undefined;
}

/** A union of check schemas: every member is an object with one kind key (`run`, `http`, ...). */
function isCheckUnion(schema: Schema): boolean {
	const options = optionsOf(schema);
	return options.length > 0 && options.every((option) => kindOfSchema(option) !== undefined);
}

/** The JSON type a value has, in the words schemaType uses. */
function jsonType(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** What a schema accepts, as a JSON type (`object` for records too) or, past those, zod's type name. */
function schemaType(schema: Schema): string {
	const inner = unwrap(schema);
	if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'object';
	if (inner instanceof z.ZodNumber) return 'number';
	return inner instanceof z.ZodType ? inner.type : 'unknown';
}

/** The member of a union that the value is meant to be: for checks by their kind key, else by shape. */
function pickUnionOption(union: Schema, value: unknown): Schema | undefined {
	const options = optionsOf(union);
	if (isCheckUnion(union)) {
		const kind = checkKindOf(value);
		return kind === undefined ? undefined : options.find((option) => kindOfSchema(option) === kind);
	}
	const sameType = options.filter((option) => schemaType(option) === jsonType(value));
	return sameType.find((option) => z.safeParse(option, value, { error: () => defaultMessage }).success) ?? sameType[0];
}

function childSchema(schema: Schema, segment: string | number): Schema | undefined {
	if (schema instanceof z.ZodObject) return (schema.shape as Record<string, Schema>)[String(segment)];
	if (schema instanceof z.ZodArray) return schema.element;
	if (schema instanceof z.ZodRecord) return schema.valueType;
	return undefined;
}

/** The schema that describes the value at a path, following unions by what the data holds. */
function schemaAt(judged: Judged, at: LabPath, resolveLastUnion = true): Schema | undefined {
	let schema: Schema | undefined = judged.schema;
	let value: unknown = judged.data;
	for (const segment of at) {
		if (!schema) return undefined;
		schema = unwrap(schema);
		if (schema instanceof z.ZodUnion) schema = pickUnionOption(schema, value);
		if (!schema) return undefined;
		schema = childSchema(unwrap(schema), segment);
		value = (value as Record<string | number, unknown> | undefined)?.[segment];
	}
	if (!schema) return undefined;
	schema = unwrap(schema);
	if (resolveLastUnion && schema instanceof z.ZodUnion) return pickUnionOption(schema, value);
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ----- The messages -----

/**
 * zod says only that no member of a union matched. Say why for the member the value was meant to be:
 * a check by its kind key, anything else by its JSON type.
 */
function unionFindings(judged: Judged, at: LabPath): LintFinding[] {
	const union = schemaAt(judged, at, false);
	const value = valueAt(judged.data, at);
	if (!(union instanceof z.ZodUnion)) return [{ path: at, message: `${fieldLabel(at)} is not valid` }];
	if (isCheckUnion(union)) {
		if (!isPlainObject(value))
			return [{ path: at, message: `a check must be a mapping such as \`run: docker ps\`, not ${describeValue(value)}` }];
		const kind = checkKindOf(value);
		if (kind === undefined) {
			const kinds = optionsOf(union)
				.map(kindOfSchema)
				.filter((name): name is string => name !== undefined);
			const typo = Object.keys(value)
				.map((key) => [key, closest(key, kinds)] as const)
				.find(([, suggestion]) => suggestion !== undefined);
			const hint = typo ? ` (\`${typo[0]}\` looks like \`${typo[1]}\`)` : '';
			return [{ path: at, message: `a check needs one of: ${kinds.join(', ')}${hint}` }];
		}
	}
	const option = pickUnionOption(union, value);
	if (option) {
		const result = z.safeParse(option, value, { error: () => defaultMessage });
		if (!result.success) return findingsFromIssues(judged, result.error.issues, at);
	}
	const expected = [...new Set(optionsOf(union).map((member) => expectedName(schemaType(member))))];
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

function issueMessage(issue: Issue, at: LabPath, root: unknown): string {
	const field = fieldLabel(at);
	const value = valueAt(root, at);
	const custom = issue.message === defaultMessage ? undefined : issue.message;
	if (value === todoMarker && at.length > 0) return todoMessage(at, containerLabel(at.slice(0, -1), root));
	if (value === undefined && at.length > 0) {
		const allowed =
			issue.code === 'invalid_value' && issue.values.length > 1 ? ` (one of ${issue.values.map(formatLiteral).join(', ')})` : '';
		return `${containerLabel(at.slice(0, -1), root)} is missing \`${String(at[at.length - 1])}\`${allowed}`;
	}
	switch (issue.code) {
		case 'invalid_type': {
			if (at.length === 0) return 'a lab file is a mapping of fields, starting with `version: 1`, `id`, `title` and `steps`';
			if (custom) return `${field}: ${custom}`;
			const expected = expectedName(issue.expected);
			if (value === null) return `${field} is empty; it must be ${expected}`;
			let hint = '';
			if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
				hint = ` (put it in quotes: "${String(value)}")`;
			if (issue.expected === 'array' && typeof value !== 'number' && typeof value !== 'boolean')
				hint = ' (start each item on its own line with `- `)';
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
	const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
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
