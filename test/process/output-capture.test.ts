import { describe, expect, it } from 'vitest';
import { HeadCapture, LineSplitter, TailCapture } from '../../src/process/output-capture.js';

describe('HeadCapture', () => {
	it('keeps everything under the cap', () => {
		const capture = new HeadCapture(10);
		capture.push(Buffer.from('abc'));
		capture.push(Buffer.from('def'));
		expect(capture.text()).toBe('abcdef');
		expect(capture.truncated).toBe(false);
	});

	it('keeps the first bytes up to the cap and marks the rest as cut', () => {
		const capture = new HeadCapture(4);
		capture.push(Buffer.from('abc'));
		capture.push(Buffer.from('defgh'));
		capture.push(Buffer.from('ijk'));
		expect(capture.text()).toBe('abcd');
		expect(capture.truncated).toBe(true);
	});

	it('does not end in half a character when the cap cuts one', () => {
		const capture = new HeadCapture(2);
		capture.push(Buffer.from('aé'));
		expect(capture.text()).toBe('a');
	});
});

describe('TailCapture', () => {
	it('interleaves streams in arrival order and keeps the last lines', () => {
		const tail = new TailCapture();
		tail.push('stdout', Buffer.from('one\n'));
		tail.push('stderr', Buffer.from('two\n'));
		tail.push('stdout', Buffer.from('three\n\n'));
		expect(tail.lines(2)).toBe('two\nthree');
	});

	it('shows a progress line rewritten with carriage returns as its last state', () => {
		const tail = new TailCapture();
		tail.push('stdout', Buffer.from('pulling 10%\rpulling 50%\rpulling done\r\n'));
		expect(tail.lines()).toBe('pulling done');
	});

	it('joins a character split across chunks of the same stream', () => {
		const tail = new TailCapture();
		const bytes = Buffer.from('é');
		tail.push('stdout', bytes.subarray(0, 1));
		tail.push('stdout', bytes.subarray(1));
		expect(tail.lines()).toBe('é');
	});
});

describe('LineSplitter', () => {
	it('emits complete lines across chunk boundaries and the last line on flush', () => {
		const lines: string[] = [];
		const splitter = new LineSplitter((line) => lines.push(line));
		splitter.push(Buffer.from('{"a":'));
		splitter.push(Buffer.from('1}\r\n{"b"'));
		expect(lines).toEqual(['{"a":1}']);
		splitter.push(Buffer.from(':2}'));
		splitter.flush();
		expect(lines).toEqual(['{"a":1}', '{"b":2}']);
	});
});
