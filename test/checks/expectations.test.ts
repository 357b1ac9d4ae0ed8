import { describe, expect, it } from 'vitest';
import {
	deepEqual,
	evaluateHttpExpect,
	evaluateRunExpect,
	type HttpAnswer,
	type HttpExpect,
	type RunExpect,
	type RunOutcome,
} from '../../src/checks/expectations.js';

const vars = { dockerId: 'learner1', registryPort: '5000', dotted: 'a.b' };
const ok = (overrides: Partial<RunOutcome> = {}): RunOutcome => ({ exitCode: 0, stdout: '', stderr: '', ...overrides });
const inspectJson = JSON.stringify([{ RepoTags: ['learner1/curl:21.06', 'learner1/curl:21.07'], Size: 5 }]);
const tagsJson = JSON.stringify({ name: 'alpine', tags: ['latest', '21.07'] });

describe('evaluateRunExpect: passing cases', () => {
	it.each<[string, RunExpect | undefined, RunOutcome]>([
		['no expectations and exit code 0', undefined, ok()],
		['an expected non-zero exit code', { exitCode: 1 }, ok({ exitCode: 1 })],
		['stdout contains', { stdout: { contains: '21.07' } }, ok({ stdout: 'curl 21.07 abc' })],
		['stdout contains a variable value', { stdout: { contains: '{{dockerId}}/curl' } }, ok({ stdout: 'learner1/curl' })],
		['stdout matches, multiline', { stdout: { matches: '^alpine\\s+latest$' } }, ok({ stdout: 'REPO TAG\nalpine   latest\n' })],
		['stdout matches a variable value literally', { stdout: { matches: '^{{dotted}}$' } }, ok({ stdout: 'a.b' })],
		['stdout does not contain', { stdout: { notContains: 'error' } }, ok({ stdout: 'fine' })],
		['stderr contains', { stderr: { contains: 'denied' }, exitCode: 1 }, ok({ exitCode: 1, stderr: 'access denied' })],
		['a JSON value equals', { json: { path: '[0].Size', equals: 5 } }, ok({ stdout: inspectJson })],
		[
			'a JSON list contains an interpolated item',
			{ json: { path: '[0].RepoTags', contains: '{{dockerId}}/curl:21.07' } },
			ok({ stdout: inspectJson }),
		],
		['a JSON list contains every given item', { json: { path: 'tags', contains: ['21.07', 'latest'] } }, ok({ stdout: tagsJson })],
		['a JSON string contains a substring', { json: { path: 'name', contains: 'alp' } }, ok({ stdout: tagsJson })],
		['a JSON path exists', { json: { path: 'tags', exists: true } }, ok({ stdout: tagsJson })],
		['a JSON path does not exist', { json: { path: 'errors', exists: false } }, ok({ stdout: tagsJson })],
		['a bare JSON path exists', { json: { path: 'name' } }, ok({ stdout: tagsJson })],
		[
			'several JSON conditions',
			{
				json: [
					{ path: 'name', equals: 'alpine' },
					{ path: 'tags[0]', equals: 'latest' },
				],
			},
			ok({ stdout: tagsJson }),
		],
		[
			'a list of objects contains a partial object',
			{ json: { path: 'errors', contains: { code: 'X' } } },
			ok({ stdout: '{"errors":[{"code":"X","message":"m"}]}' }),
		],
		['the root equals a value', { json: { path: '', equals: { a: [1, { b: null }] } } }, ok({ stdout: '{"a":[1,{"b":null}]}' })],
		['a JSON value equals null', { json: { path: 'a', equals: null } }, ok({ stdout: '{"a":null}' })],
	])('passes: %s', (_name, expectation, outcome) => {
		expect(evaluateRunExpect(expectation, outcome, vars)).toEqual({ passed: true, failures: [] });
	});
});

describe('evaluateRunExpect: every failure explains itself', () => {
	it.each<[string, RunExpect | undefined, RunOutcome, string]>([
		['wrong exit code', undefined, ok({ exitCode: 1 }), 'expected exit code 0, got 1'],
		['expected failure, got success', { exitCode: 1 }, ok(), 'expected exit code 1, got 0'],
		[
			'killed by a signal',
			undefined,
			ok({ exitCode: undefined, signal: 'SIGKILL' }),
			'expected exit code 0, but it was stopped by signal SIGKILL',
		],
		[
			'stdout lacks a string',
			{ stdout: { contains: '21.07' } },
			ok({ stdout: 'only 21.06\n' }),
			'expected stdout to contain "21.07", got: "only 21.06"',
		],
		['stdout empty', { stdout: { contains: '21.07' } }, ok({ stdout: '\n' }), 'expected stdout to contain "21.07", got nothing'],
		[
			'stdout lacks an interpolated string',
			{ stdout: { contains: '{{dockerId}}' } },
			ok({ stdout: 'x' }),
			'expected stdout to contain "learner1", got: "x"',
		],
		[
			'stdout does not match',
			{ stdout: { matches: '^{{dotted}}$' } },
			ok({ stdout: 'axb' }),
			'expected stdout to match /^a\\.b$/, got: "axb"',
		],
		[
			'stdout contains the unwanted',
			{ stdout: { notContains: 'Error' } },
			ok({ stdout: 'Error: no' }),
			'expected stdout not to contain "Error", got: "Error: no"',
		],
		['stderr lacks a string', { stderr: { contains: 'denied' } }, ok({ stderr: 'ok' }), 'expected stderr to contain "denied", got: "ok"'],
		[
			'invalid pattern',
			{ stdout: { matches: '(' } },
			ok({ stdout: 'x' }),
			'the pattern /(/ in this check is not a valid regular expression',
		],
		[
			'not JSON',
			{ json: { path: 'tags', exists: true } },
			ok({ stdout: 'REPOSITORY TAG' }),
			'expected stdout to be JSON, got: "REPOSITORY TAG"',
		],
		[
			'list lacks an item',
			{ json: { path: 'tags', contains: 'local' } },
			ok({ stdout: tagsJson }),
			'expected tags to contain "local", got ["latest","21.07"]',
		],
		[
			'list lacks some items',
			{ json: { path: 'tags', contains: ['latest', 'local', 'x'] } },
			ok({ stdout: tagsJson }),
			'expected tags to contain "local" and "x", got ["latest","21.07"]',
		],
		[
			'value differs',
			{ json: { path: 'name', equals: 'busybox' } },
			ok({ stdout: tagsJson }),
			'expected name to equal "busybox", got "alpine"',
		],
		[
			'path missing for equals',
			{ json: { path: 'errors[0].code', equals: 'X' } },
			ok({ stdout: tagsJson }),
			'expected errors[0].code to equal "X", but there is no errors[0].code in the JSON document',
		],
		[
			'path missing for contains',
			{ json: { path: 'nope', contains: 'X' } },
			ok({ stdout: tagsJson }),
			'expected nope to contain "X", but there is no nope in the JSON document',
		],
		[
			'path missing',
			{ json: { path: 'nope', exists: true } },
			ok({ stdout: tagsJson }),
			'expected nope to exist, but there is no nope in the JSON document',
		],
		[
			'bare path missing',
			{ json: { path: 'nope' } },
			ok({ stdout: tagsJson }),
			'expected nope to exist, but there is no nope in the JSON document',
		],
		[
			'path present',
			{ json: { path: 'tags', exists: false } },
			ok({ stdout: tagsJson }),
			'expected tags not to exist, got ["latest","21.07"]',
		],
		[
			'contains on a number',
			{ json: { path: 'n', contains: 1 } },
			ok({ stdout: '{"n":1}' }),
			'expected n to be a list or text containing 1, got 1',
		],
		['root differs', { json: { path: '', equals: [] } }, ok({ stdout: '{}' }), 'expected the JSON document to equal [], got {}'],
		[
			'invalid path',
			{ json: { path: 'a..b', exists: true } },
			ok({ stdout: '{}' }),
			'the JSON path "a..b" is not valid: a name is missing at position 3 (in this check)',
		],
	])('fails: %s', (_name, expectation, outcome, failure) => {
		const verdict = evaluateRunExpect(expectation, outcome, vars);
		expect(verdict.passed).toBe(false);
		expect(verdict.failures).toHaveLength(1);
		expect(verdict.failures[0]).toContain(failure);
	});

	it('lists every unmet condition, exit code first', () => {
		const verdict = evaluateRunExpect({ stdout: { contains: 'a' }, stderr: { contains: 'b' } }, ok({ exitCode: 2 }), vars);
		expect(verdict.failures).toEqual([
			'expected exit code 0, got 2',
			'expected stdout to contain "a", got nothing',
			'expected stderr to contain "b", got nothing',
		]);
	});

	it('shows only the start of a long output, marked as truncated', () => {
		const long = `${'line of output\n'.repeat(100)}`;
		const [failure] = evaluateRunExpect({ stdout: { contains: '21.07' } }, ok({ stdout: long }), vars).failures;
		expect(failure).toMatch(/^expected stdout to contain "21\.07", got: "line of output\\nline/);
		expect(failure).toMatch(/…\(truncated\)$/);
		expect((failure ?? '').length).toBeLessThan(400);
	});

	it('shows the unwanted text where it occurs in a long output', () => {
		const long = `${'fine\n'.repeat(200)}Error: disk full\n${'fine\n'.repeat(200)}`;
		const [failure] = evaluateRunExpect({ stdout: { notContains: 'Error' } }, ok({ stdout: long }), vars).failures;
		expect(failure).toContain('Error: disk full');
		expect(failure).toMatch(/got: …"/);
	});

	it('says when the output was cut before it was checked', () => {
		const [failure] = evaluateRunExpect({ stdout: { contains: 'z' } }, ok({ stdout: 'x', truncated: true }), vars).failures;
		expect(failure).toContain('only its beginning was checked');
	});
});

describe('evaluateHttpExpect', () => {
	const answer = (overrides: Partial<HttpAnswer> = {}): HttpAnswer => ({
		status: 200,
		statusText: 'OK',
		headers: { 'docker-distribution-api-version': 'registry/2.0', 'content-type': 'application/json' },
		body: tagsJson,
		...overrides,
	});

	it.each<[string, HttpExpect | undefined, HttpAnswer]>([
		['no expectations and status 200', undefined, answer()],
		['an expected status', { status: 404 }, answer({ status: 404 })],
		['a header, whatever the case of its name', { headers: { 'Docker-Distribution-API-Version': 'registry/2' } }, answer()],
		['a body that contains', { body: { contains: '"alpine"' } }, answer()],
		['a JSON value', { json: { path: 'tags', contains: '21.07' } }, answer()],
	])('passes: %s', (_name, expectation, response) => {
		expect(evaluateHttpExpect(expectation, response, vars)).toEqual({ passed: true, failures: [] });
	});

	it.each<[string, HttpExpect | undefined, HttpAnswer, string]>([
		['wrong status', undefined, answer({ status: 403, statusText: 'Forbidden' }), 'expected status 200, got 403 Forbidden'],
		['missing header', { headers: { 'X-Nope': 'a' } }, answer(), 'expected header X-Nope to contain "a", but there is no such header'],
		[
			'header value differs',
			{ headers: { 'Content-Type': 'text/html' } },
			answer(),
			'expected header Content-Type to contain "text/html", got "application/json"',
		],
		['body lacks a string', { body: { contains: '{{dockerId}}' } }, answer(), 'expected the response body to contain "learner1", got: '],
		['body is not JSON', { json: { path: 'tags' } }, answer({ body: '<html>' }), 'expected the response body to be JSON, got: "<html>"'],
		[
			'JSON list lacks a tag',
			{ json: { path: 'tags', contains: 'local' } },
			answer(),
			'expected tags to contain "local", got ["latest","21.07"]',
		],
	])('fails: %s', (_name, expectation, response, failure) => {
		const verdict = evaluateHttpExpect(expectation, response, vars);
		expect(verdict.passed).toBe(false);
		expect(verdict.failures[0]).toContain(failure);
	});
});

describe('deepEqual', () => {
	it.each([
		[1, 1, true],
		['a', 'a', true],
		[null, null, true],
		[[1, [2]], [1, [2]], true],
		[{ a: 1, b: [1] }, { b: [1], a: 1 }, true],
		[[1, 2], [2, 1], false],
		[{ a: 1 }, { a: 1, b: 2 }, false],
		[{ a: undefined }, { b: undefined }, false],
		[[], {}, false],
		[0, false, false],
		['1', 1, false],
	])('deepEqual(%j, %j) is %s', (a, b, equal) => {
		expect(deepEqual(a, b)).toBe(equal);
	});
});
