import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultMessage, schemaFindings } from '../../src/lab/schema-messages.js';
import { labSchema } from '../../src/lab/schema.js';

/** The findings for data the schema rejects, parsed the way the loader parses a lab. */
function findingsOf(data: unknown, schema: z.ZodType = labSchema) {
	const parsed = schema.safeParse(data, { error: () => defaultMessage });
	if (parsed.success) throw new Error('the schema accepted the data; the test needs data it rejects');
	return schemaFindings(schema, data, parsed.error.issues);
}

const step = { id: 'build', title: 'Build', prompt: 'Build the image.', check: [{ run: 'docker image inspect hello' }] };
const lab = { version: 1, id: 'demo', title: 'Demo', steps: [step] };

/** The lab with its first step changed. */
function labWithStep(changes: Record<string, unknown>) {
	return { ...lab, steps: [{ ...step, ...changes }] };
}

/** The lab with its first step's checks replaced. */
function labWithChecks(...check: unknown[]) {
	return labWithStep({ check });
}

describe('schemaFindings: unknown fields', () => {
	it('suggests the field an unknown key was probably meant to be, pointing at the key', () => {
		expect(findingsOf(labWithStep({ hitns: ['a'] }))).toEqual([
			{ path: ['steps', 0, 'hitns'], at: 'key', message: 'unknown field `hitns` (did you mean `hints`?)' },
		]);
	});

	it('lists the fields allowed in that place when the key is not a near miss, naming the place', () => {
		expect(findingsOf(labWithStep({ colour: 'blue' }))).toEqual([
			{
				path: ['steps', 0, 'colour'],
				at: 'key',
				message:
					'unknown field `colour` in step `build`; allowed here: id, title, prompt, hints, setup, solution, podman, check, wrong, question, needs, online, cleanup, timeout',
			},
		]);
	});

	it('checks an unknown field in a check against the fields of that check’s kind', () => {
		expect(findingsOf(labWithChecks({ http: 'http://localhost/v2/', methd: 'GET' }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'methd'], at: 'key', message: 'unknown field `methd` (did you mean `method`?)' },
		]);
		expect(findingsOf(labWithChecks({ run: 'docker ps' }, { tags: 'localhost/alpine', include: ['3'], colour: 'red' }))).toEqual([
			{
				path: ['steps', 0, 'check', 1, 'colour'],
				at: 'key',
				message: 'unknown field `colour` in check 2 of step `build`; allowed here: tags, include, fail, timeout',
			},
		]);
	});

	it('names a variable, a service and a question as the place of an unknown field', () => {
		const messages = findingsOf({
			...labWithStep({ question: { ask: 'Which?', kind: 'text', accept: ['a'], colour: 'x' } }),
			variables: { dockerId: { colour: 'x' } },
			services: { registry: { image: 'registry:2', name: 'registry', colour: 'x' } },
		}).map((finding) => finding.message);
		expect(messages).toEqual([
			expect.stringMatching(/^unknown field `colour` in variable `dockerId`; allowed here: ask, pattern, /),
			expect.stringMatching(/^unknown field `colour` in service `registry`; allowed here: image, name, /),
			expect.stringMatching(/^unknown field `colour` in the question of step `build`; allowed here: ask, kind, /),
		]);
	});
});

describe('schemaFindings: wrong types', () => {
	it('says what the value must be and what it is', () => {
		expect(findingsOf(labWithChecks({ http: 'http://localhost/v2/', expect: { status: 'ok' } }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'expect', 'status'], message: '`status` must be a number, not the text "ok"' },
		]);
	});

	it('suggests quotes when text was written as a number or true/false', () => {
		expect(findingsOf({ ...lab, title: 2026 })).toEqual([
			{ path: ['title'], message: '`title` must be text, not the number 2026 (put it in quotes: "2026")' },
		]);
	});

	it('shows how to write a list when a list was written as one value', () => {
		expect(findingsOf(labWithStep({ hints: 'Use docker build.' }))).toEqual([
			{
				path: ['steps', 0, 'hints'],
				message: '`hints` must be a list, not the text "Use docker build." (start each item on its own line with `- `)',
			},
		]);
	});

	it('names a list item by its position, and shortens long text', () => {
		expect(findingsOf(labWithStep({ hints: ['fine', 3] }))).toEqual([
			{ path: ['steps', 0, 'hints', 1], message: 'item 2 of `hints` must be text, not the number 3 (put it in quotes: "3")' },
		]);
		expect(findingsOf({ ...lab, images: 'a very long line of text that goes on and on and on' })[0]?.message).toBe(
			'`images` must be a list, not the text "a very long line of text that goes on..." (start each item on its own line with `- `)',
		);
	});

	it('says a field left empty is empty', () => {
		expect(findingsOf({ ...lab, title: null })).toEqual([{ path: ['title'], message: '`title` is empty; it must be text' }]);
	});

	it('explains that a lab file is a mapping when it is something else', () => {
		expect(findingsOf(['a', 'b'])).toEqual([
			{ path: [], message: 'a lab file is a mapping of fields, starting with `version: 1`, `id`, `title` and `steps`' },
		]);
	});

	it('keeps a schema’s own message for a wrong type', () => {
		const schema = z.strictObject({ name: z.string({ error: 'write the name in quotes' }) });
		expect(findingsOf({ name: 3 }, schema)).toEqual([{ path: ['name'], message: '`name`: write the name in quotes' }]);
	});
});

describe('schemaFindings: missing fields', () => {
	it('names the missing field and the place it is missing from', () => {
		const { title: _title, ...noTitle } = lab;
		expect(findingsOf(noTitle)).toEqual([{ path: ['title'], message: 'the lab is missing `title`' }]);
		const { prompt: _prompt, ...noPrompt } = step;
		expect(findingsOf({ ...lab, steps: [noPrompt] })).toEqual([
			{ path: ['steps', 0, 'prompt'], message: 'step `build` is missing `prompt`' },
		]);
	});

	it('lists the allowed values of a missing field that has a fixed set', () => {
		expect(findingsOf(labWithStep({ question: { ask: 'Which?', accept: ['a'] } }))).toEqual([
			{
				path: ['steps', 0, 'question', 'kind'],
				message: 'the question of step `build` is missing `kind` (one of "reference", "command", "text", "choice")',
			},
		]);
	});

	it('names a step without an id by its position', () => {
		const { id: _id, ...noId } = step;
		expect(findingsOf({ ...lab, steps: [step, { ...noId, title: 3 }] }).map((finding) => finding.message)).toEqual([
			'step 2 is missing `id`',
			'`title` must be text, not the number 3 (put it in quotes: "3")',
		]);
	});
});

describe('schemaFindings: fixed values', () => {
	it('says which single value is expected', () => {
		expect(findingsOf({ ...lab, version: 2 })).toEqual([{ path: ['version'], message: '`version` must be 1, not the number 2' }]);
	});

	it('lists the allowed values of a field with a fixed set', () => {
		expect(findingsOf(labWithStep({ question: { ask: 'Which?', kind: 'quiz', accept: ['a'] } }))).toEqual([
			{
				path: ['steps', 0, 'question', 'kind'],
				message: '`kind` must be one of "reference", "command", "text", "choice", not the text "quiz"',
			},
		]);
	});
});

describe('schemaFindings: checks and other unions', () => {
	it('lists the kinds of check when a check has none, with the near miss of one', () => {
		expect(findingsOf(labWithChecks({ rn: 'docker ps' }))).toEqual([
			{ path: ['steps', 0, 'check', 0], message: 'a check needs one of: run, http, tags, pushed, variable (`rn` looks like `run`)' },
		]);
		expect(findingsOf(labWithChecks({ command: 'docker ps' }))).toEqual([
			{ path: ['steps', 0, 'check', 0], message: 'a check needs one of: run, http, tags, pushed, variable' },
		]);
	});

	it('says a check must be a mapping when it is written as a bare command', () => {
		expect(findingsOf(labWithChecks('docker ps'))).toEqual([
			{ path: ['steps', 0, 'check', 0], message: 'a check must be a mapping such as `run: docker ps`, not the text "docker ps"' },
		]);
	});

	it('judges a check by the schema of its kind', () => {
		expect(findingsOf(labWithChecks({ tags: 'localhost/alpine' }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'include'], message: 'check 1 of step `build` is missing `include`' },
		]);
	});

	it('names the shapes a union accepts when the value has none of them', () => {
		expect(findingsOf(labWithChecks({ run: 'docker ps', expect: { json: 3 } }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'expect', 'json'], message: '`json` must be a mapping (field: value) or a list, not the number 3' },
		]);
	});

	it('judges a union’s value by the member of the same shape', () => {
		expect(findingsOf(labWithChecks({ run: 'docker ps', expect: { json: [{ path: 'tags', equal: ['a'] }] } }))).toEqual([
			{
				path: ['steps', 0, 'check', 0, 'expect', 'json', 0, 'equal'],
				at: 'key',
				message: 'unknown field `equal` (did you mean `equals`?)',
			},
		]);
	});
});

describe('schemaFindings: sizes', () => {
	it('says a text must not be empty', () => {
		expect(findingsOf({ ...lab, title: '' })).toEqual([{ path: ['title'], message: '`title` must not be empty' }]);
	});

	it('says how many items a list needs at least', () => {
		expect(findingsOf(labWithChecks({ tags: 'localhost/alpine', include: [] }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'include'], message: '`include` must have at least 1 item' },
		]);
		expect(findingsOf(labWithStep({ question: { ask: 'Which?', kind: 'choice', accept: ['a'], choices: ['a'] } }))).toEqual([
			{ path: ['steps', 0, 'question', 'choices'], message: '`choices` must have at least 2 items' },
		]);
	});

	it('says the bounds of a number', () => {
		expect(findingsOf(labWithChecks({ run: 'docker ps', expect: { exitCode: 256 } }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'expect', 'exitCode'], message: '`exitCode` must be at most 255' },
		]);
		expect(findingsOf(labWithChecks({ http: 'http://localhost/v2/', expect: { status: 99 } }))).toEqual([
			{ path: ['steps', 0, 'check', 0, 'expect', 'status'], message: '`status` must be at least 100' },
		]);
	});

	it('says the bounds zod’s defaults would state: exclusive ones, lengths, list maximums', () => {
		const schema = z.strictObject({ ratio: z.number().gt(0).lt(1), code: z.string().min(2).max(3), tags: z.array(z.string()).max(1) });
		expect(findingsOf({ ratio: 0, code: 'a', tags: [] }, schema).map((finding) => finding.message)).toEqual([
			'`ratio` must be more than 0',
			'`code` must have at least 2 characters',
		]);
		expect(findingsOf({ ratio: 1, code: 'abcd', tags: ['a', 'b'] }, schema).map((finding) => finding.message)).toEqual([
			'`ratio` must be less than 1',
			'`code` must have at most 3 characters',
			'`tags` must have at most 1 item',
		]);
	});

	it('uses the schema’s own words for a size, after the field when they start with “must”', () => {
		expect(findingsOf({ ...lab, steps: [] })).toEqual([{ path: ['steps'], message: 'a lab needs at least one step' }]);
		expect(findingsOf(labWithStep({ timeout: 0 }))).toEqual([{ path: ['steps', 0, 'timeout'], message: '`timeout` must be more than 0' }]);
		expect(findingsOf(labWithStep({ timeout: 601 }))).toEqual([
			{ path: ['steps', 0, 'timeout'], message: '`timeout` must be at most 600 seconds' },
		]);
	});
});

describe('schemaFindings: formats and names', () => {
	it('quotes the value and uses the schema’s own words for a pattern it does not match', () => {
		expect(findingsOf({ ...lab, id: 'Demo' })).toEqual([
			{ path: ['id'], message: '`id` "Demo" is not valid: use lowercase letters, digits and dashes, starting with a letter' },
		]);
	});

	it('names the format a value must have when the schema gives no words', () => {
		expect(findingsOf({ site: 'not a url' }, z.strictObject({ site: z.url() }))).toEqual([
			{ path: ['site'], message: '`site` "not a url" is not valid: it must be a valid url' },
		]);
	});

	it('reports an invalid variable or service name at the name, in the schema’s words', () => {
		expect(
			findingsOf({
				...lab,
				variables: { 'docker-id': { default: 'x' } },
				services: { Registry: { image: 'registry:2', name: 'registry' } },
			}),
		).toEqual([
			{
				path: ['variables', 'docker-id'],
				at: 'key',
				message: 'variable name `docker-id` is not valid: use letters, digits and underscores, starting with a letter',
			},
			{
				path: ['services', 'Registry'],
				at: 'key',
				message: 'service name `Registry` is not valid: use lowercase letters, digits and dashes, starting with a letter',
			},
		]);
	});

	it('says a value is not valid, in the schema’s words, for a rule of the schema’s own', () => {
		const schema = z.strictObject({ tag: z.string().refine((value) => !value.includes(':'), 'write the tag without the repository') });
		expect(findingsOf({ tag: 'curl:1' }, schema)).toEqual([
			{ path: ['tag'], message: '`tag` is not valid: write the tag without the repository' },
		]);
	});
});

describe('schemaFindings: zod’s own words never reach the author', () => {
	it('replaces every default message, whatever the problem', () => {
		const bad = [
			['a'],
			{
				...lab,
				version: '1',
				id: 3,
				title: [],
				intro: '',
				requires: ['docker', 'git'],
				files: {},
				variables: [],
				services: { s: 3 },
				steps: [{}],
			},
			labWithChecks(
				{ run: '', expect: { stdout: { contains: 1 }, json: [3] } },
				{ http: '', method: 'PUT', expect: { headers: { a: 1 } } },
				{ pushed: 3 },
				{ variable: '1x' },
			),
		];
		const messages = bad.flatMap((data) => findingsOf(data).map((finding) => finding.message));
		expect(messages.length).toBeGreaterThan(20);
		for (const message of messages) expect(message).not.toContain(defaultMessage);
	});
});

describe('the source', () => {
	it('never reaches into zod’s private definitions (`_zod`), so a zod update cannot change a message', () => {
		const src = fileURLToPath(new URL('../../src/', import.meta.url));
		const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
		expect(files.length).toBeGreaterThan(10);
		expect(files.filter((file) => readFileSync(path.join(src, file), 'utf8').includes('_zod'))).toEqual([]);
	});
});
