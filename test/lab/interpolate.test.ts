import { describe, expect, it } from 'vitest';
import { interpolate, variablesIn, variableUsesIn } from '../../src/lab/interpolate.js';

describe('interpolate', () => {
	it('replaces a variable with its value', () => {
		expect(interpolate('docker build -t {{dockerId}}/curl:21.06 .', { dockerId: 'learner1' })).toBe(
			'docker build -t learner1/curl:21.06 .',
		);
	});

	it('allows spaces inside the braces', () => {
		expect(interpolate('{{ dockerId }} and {{dockerId  }}', { dockerId: 'x' })).toBe('x and x');
	});

	it('leaves unknown names as written', () => {
		expect(interpolate('{{dockerId}} {{other}}', { dockerId: 'x' })).toBe('x {{other}}');
	});

	it('leaves Docker Go templates untouched, even when a value shares a word with them', () => {
		const text = `docker inspect -f '{{.State.Running}}' {{name}} && docker ps --format '{{json .}}' '{{ .Names }}'`;
		expect(interpolate(text, { name: 'registry', json: 'nope', Names: 'nope' })).toBe(
			`docker inspect -f '{{.State.Running}}' registry && docker ps --format '{{json .}}' '{{ .Names }}'`,
		);
	});

	it('does not read inherited object properties as values', () => {
		expect(interpolate('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
	});

	it('substitutes values literally, so `$&` in a value is not a replacement pattern', () => {
		expect(interpolate('a {{v}} b', { v: '$& $1' })).toBe('a $& $1 b');
	});
});

describe('variablesIn', () => {
	it('lists each variable once, in order of first use, and skips Go templates', () => {
		expect(variablesIn('{{hub}}/{{ dockerId }}/curl {{hub}} {{.Id}} {{json .}} {{ 1abc }}')).toEqual(['hub', 'dockerId']);
	});

	it('gives the offset and raw text of each use', () => {
		expect(variableUsesIn('ab {{ x }} {{y}}')).toEqual([
			{ name: 'x', index: 3, raw: '{{ x }}' },
			{ name: 'y', index: 11, raw: '{{y}}' },
		]);
	});
});
