import { describe, expect, it } from 'vitest';
import { JsonPathError, parseJsonPath, valueAtPath } from '../../src/checks/json-path.js';

const inspect = [{ Id: 'sha256:abc', RepoTags: ['alpine:latest', 'localhost:5000/alpine:latest'], 'a.b': { c: 1 } }];
const tagList = { name: 'alpine', tags: ['latest', '21.07'], errors: [{ code: 'NAME_UNKNOWN' }], 'Docker-Content-Digest': 'sha256:x' };

describe('parseJsonPath', () => {
	it.each([
		['', []],
		['.', []],
		['tags', ['tags']],
		['.tags', ['tags']],
		['[0].RepoTags', [0, 'RepoTags']],
		['errors[0].code', ['errors', 0, 'code']],
		['a.b.c', ['a', 'b', 'c']],
		['["a.b"].c', ['a.b', 'c']],
		["['a.b']", ['a.b']],
		['["say \\"hi\\""]', ['say "hi"']],
		['tags[-1]', ['tags', -1]],
		['Docker-Content-Digest', ['Docker-Content-Digest']],
		['matrix[1][2]', ['matrix', 1, 2]],
	])('reads %j as %j', (path, segments) => {
		expect(parseJsonPath(path)).toEqual(segments);
	});

	it.each([
		['a..b', 'a name is missing at position 3'],
		['a.', 'a name is missing at position 3'],
		['tags[', 'expected "]"'],
		['tags[x]', 'use a number such as [0] or a quoted name'],
		['["a.b', 'the quoted name is not closed'],
		['["a.b"', 'expected "]" at position 7'],
		['["a"x]', 'expected "]" at position 5'],
		['[0]tags', 'expected "." or "[" at position 4'],
	])('rejects %j and says where (%s)', (path, why) => {
		expect(() => parseJsonPath(path)).toThrow(JsonPathError);
		expect(() => parseJsonPath(path)).toThrow(why);
	});

	it('names the path in its error', () => {
		expect(() => parseJsonPath('a..b')).toThrow('the JSON path "a..b" is not valid');
	});
});

describe('valueAtPath', () => {
	it.each([
		[inspect, '', inspect],
		[inspect, '[0].RepoTags', inspect[0]?.RepoTags],
		[inspect, '[0].RepoTags[1]', 'localhost:5000/alpine:latest'],
		[inspect, '[0]["a.b"].c', 1],
		[tagList, 'tags', ['latest', '21.07']],
		[tagList, 'tags[-1]', '21.07'],
		[tagList, 'errors[0].code', 'NAME_UNKNOWN'],
		[{ value: null }, 'value', null],
		[{ value: false }, 'value', false],
	])('finds the value at %j %j', (document, path, value) => {
		expect(valueAtPath(document, path)).toEqual({ found: true, value });
	});

	it.each([
		[tagList, 'missing'],
		[tagList, 'tags[2]'],
		[tagList, 'tags[-3]'],
		[tagList, 'name.length'],
		[tagList, 'tags.latest'],
		[inspect, 'Id'],
		[null, 'a'],
		[{ toString: 1 }, 'constructor'],
	])('finds nothing in %j at %j', (document, path) => {
		expect(valueAtPath(document, path)).toEqual({ found: false });
	});
});
