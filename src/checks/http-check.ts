// HTTP checks with Node's own http client (no curl needed on the learner's machine). Never throws:
// a refused connection, a timeout or an abort each become a result with a plain explanation.
import { interpolate } from '../lab/interpolate.js';
import type { HttpCheck } from '../lab/schema.js';
import { classifySocketError } from '../net/socket-errors.js';
import { evaluateHttpExpect, type HttpAnswer } from './expectations.js';
import { httpMessages } from './messages.js';
import type { CheckContext, CheckResult } from './types.js';
import { sendRequest } from '../net/http-request.js';

export interface HttpResponseData extends HttpAnswer {
	status: number;
	statusText: string;
	/** Lowercase names. */
	headers: Record<string, string>;
	body: string;
	truncated: boolean;
	/** The final URL, after redirects. */
	url: string;
}

export type HttpOutcome =
	| { status: 'answered'; response: HttpResponseData; durationMs: number }
	| { status: 'failed' | 'timed-out' | 'canceled'; message: string; durationMs: number };

export interface HttpRequestOptions {
	method?: 'GET' | 'HEAD';
	/** Default 10 000; covers connecting, the headers and the body. */
	timeoutMs?: number;
	signal?: AbortSignal;
	headers?: Record<string, string>;
	/** Default 1 MiB; the rest of the body is not read. */
	maxBodyBytes?: number;
}

const defaultTimeoutMs = 10_000;
const defaultMaxBodyBytes = 1024 * 1024;

const maxRedirects = 10;

function failureMessage(url: URL, error: unknown): string {
	const shown = url.href;
	const { kind, code } = classifySocketError(error);
	switch (kind) {
		case 'refused':
			return httpMessages.refused(shown);
		case 'unknown-host':
			return httpMessages.unknownHost(shown, url.hostname);
		case 'reset':
			return httpMessages.reset(shown);
		case 'untrusted-certificate':
			return httpMessages.certificate(shown, code ?? '');
		default:
			return httpMessages.other(shown, code ?? (error as Error).message ?? String(error));
	}
}

/** One request, classified. Redirects are followed. */
export async function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpOutcome> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	let target: URL;
	try {
		target = new URL(url);
		if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('not http');
	} catch {
		return { status: 'failed', message: httpMessages.invalidUrl(url), durationMs: 0 };
	}
	if (options.signal?.aborted) return { status: 'canceled', message: httpMessages.canceled(target.href), durationMs: 0 };
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const timeout = AbortSignal.timeout(timeoutMs);
	const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
	const method = options.method ?? 'GET';
	let current = target;
	try {
		for (let redirects = 0; ; redirects++) {
			const answer = await sendRequest(current, {
				method,
				headers: options.headers,
				maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
				signal,
			});
			if (answer.location === undefined || redirects >= maxRedirects) {
				const { location: _location, ...response } = answer;
				return { status: 'answered', response: { ...response, url: current.href }, durationMs: elapsed() };
			}
			current = new URL(answer.location, current);
		}
	} catch (error) {
		// The signals, not the error's name, say who stopped the request.
		if (options.signal?.aborted) return { status: 'canceled', message: httpMessages.canceled(target.href), durationMs: elapsed() };
		if (timeout.aborted) return { status: 'timed-out', message: httpMessages.timedOut(target.href, timeoutMs), durationMs: elapsed() };
		return { status: 'failed', message: failureMessage(current, error), durationMs: elapsed() };
	}
}

/**
 * An `http` check: request, then judge with its `expect`. `message` is a plain explanation (the
 * dispatcher puts the lab's `fail` text in its place); `detail` says what differed.
 */
export async function runHttpCheck(check: HttpCheck, ctx: CheckContext): Promise<CheckResult> {
	const url = interpolate(check.http, ctx.vars);
	const method = check.method ?? 'GET';
	const subject = `${method} ${url}`;
	const timeoutSeconds = check.timeout ?? ctx.defaultTimeoutSeconds ?? defaultTimeoutMs / 1000;
	const outcome = await httpRequest(url, { method, timeoutMs: timeoutSeconds * 1000, signal: ctx.signal });
	if (outcome.status !== 'answered') {
		return { status: outcome.status, message: outcome.message, detail: '', subject, outputTail: '', durationMs: outcome.durationMs };
	}
	const verdict = evaluateHttpExpect(check.expect, outcome.response, ctx.vars);
	const outputTail = outcome.response.body.split('\n').slice(0, 20).join('\n').slice(0, 2000);
	if (verdict.passed) return { status: 'passed', message: '', detail: '', subject, outputTail, durationMs: outcome.durationMs };
	const detail = verdict.failures.join('; ');
	return { status: 'failed', message: `${subject}: ${detail}`, detail, subject, outputTail, durationMs: outcome.durationMs };
}
