// HTTP checks with Node's own fetch (no curl needed on the learner's machine). Never throws: a
// refused connection, a timeout or an abort each become a result with a plain explanation.
import { interpolate } from '../lab/interpolate.js';
import type { HttpCheck } from '../lab/schema.js';
import { evaluateHttpExpect, type HttpAnswer } from './expectations.js';
import { httpMessages } from './messages.js';
import type { CheckContext, CheckResult } from './types.js';

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

async function readBody(response: Response, capBytes: number): Promise<{ body: string; truncated: boolean }> {
	if (!response.body) return { body: '', truncated: false };
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let body = '';
	let bytes = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return { body: body + decoder.decode(), truncated: false };
		const room = capBytes - bytes;
		if (value.length > room) {
			body += decoder.decode(value.subarray(0, room));
			await reader.cancel().catch(() => {});
			return { body, truncated: true };
		}
		body += decoder.decode(value, { stream: true });
		bytes += value.length;
	}
}

function errorCode(error: unknown): string | undefined {
	const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
	if (typeof cause?.code === 'string') return cause.code;
	const first = cause?.errors?.find((inner) => typeof inner.code === 'string')?.code;
	return typeof first === 'string' ? first : undefined;
}

function failureMessage(url: URL, error: unknown): string {
	const shown = url.href;
	const code = errorCode(error);
	switch (code) {
		case 'ECONNREFUSED':
			return httpMessages.refused(shown);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return httpMessages.unknownHost(shown, url.hostname);
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET':
			return httpMessages.reset(shown);
		default:
			if (code?.includes('CERT') || code?.startsWith('ERR_TLS')) return httpMessages.certificate(shown, code);
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
	try {
		const response = await fetch(target, {
			method: options.method ?? 'GET',
			headers: options.headers,
			redirect: 'follow',
			signal,
		});
		const { body, truncated } =
			options.method === 'HEAD' ? { body: '', truncated: false } : await readBody(response, options.maxBodyBytes ?? defaultMaxBodyBytes);
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		return {
			status: 'answered',
			response: { status: response.status, statusText: response.statusText, headers, body, truncated, url: response.url },
			durationMs: elapsed(),
		};
	} catch (error) {
		// The signals, not the error's name, say who stopped the request.
		if (options.signal?.aborted) return { status: 'canceled', message: httpMessages.canceled(target.href), durationMs: elapsed() };
		if (timeout.aborted) return { status: 'timed-out', message: httpMessages.timedOut(target.href, timeoutMs), durationMs: elapsed() };
		return { status: 'failed', message: failureMessage(target, error), durationMs: elapsed() };
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
