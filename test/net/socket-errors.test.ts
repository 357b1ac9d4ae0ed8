import { describe, expect, it } from 'vitest';
import { classifySocketError, errorCodesOf } from '../../src/net/socket-errors.js';

const withCode = (code: string, extra: object = {}) => Object.assign(new Error(code), { code }, extra);

describe('classifySocketError', () => {
	it.each([
		['ECONNREFUSED', 'refused'],
		['ENOTFOUND', 'unknown-host'],
		['EAI_AGAIN', 'unknown-host'],
		['EHOSTUNREACH', 'unreachable'],
		['ENETUNREACH', 'unreachable'],
		['EADDRNOTAVAIL', 'unreachable'],
		['ETIMEDOUT', 'timeout'],
		['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'not-https'],
		['EPROTO', 'not-https'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'untrusted-certificate'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted-certificate'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'untrusted-certificate'],
		['ECONNRESET', 'reset'],
		['EPIPE', 'reset'],
		['EMFILE', 'other'],
	])('given an error with code %s, it is %s', (code, kind) => {
		expect(classifySocketError(withCode(code))).toEqual({ kind, code });
	});

	it('given fetch’s TypeError, reads the code from its cause', () => {
		const error = new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') });
		expect(classifySocketError(error)).toEqual({ kind: 'refused', code: 'ECONNREFUSED' });
	});

	it('given an AggregateError of tries on several addresses, a refused one decides over a reset one', () => {
		const error = Object.assign(new AggregateError([withCode('ECONNRESET'), withCode('ECONNREFUSED')]), { code: 'ECONNRESET' });
		expect(classifySocketError(error)).toEqual({ kind: 'refused', code: 'ECONNREFUSED' });
	});

	it('given an error without a code, it is other with no code', () => {
		expect(classifySocketError(new Error('boom'))).toEqual({ kind: 'other', code: undefined });
		expect(classifySocketError('not even an error')).toEqual({ kind: 'other', code: undefined });
	});
});

describe('errorCodesOf', () => {
	it('lists the codes outermost first and stops at a depth that only a loop could reach', () => {
		const inner = withCode('INNER');
		const loop: { code: string; cause?: unknown } = { code: 'LOOP' };
		loop.cause = loop;
		expect(errorCodesOf(withCode('OUTER', { cause: inner }))).toEqual(['OUTER', 'INNER']);
		expect(errorCodesOf(loop)).toHaveLength(5);
	});
});
