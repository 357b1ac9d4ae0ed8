// One bounded HTTP request that says whether a service is up and is the service we expect (status and
// a proving header), used to wait for a started registry and to recognise a learner's own.
import { classifySocketError } from '../net/socket-errors.js';
import { sendRequest } from '../net/http-request.js';

export interface ReadyExpectation {
	/** Status that means ready. Default 200. */
	status?: number;
	/** "Name: value substring" that proves it is this service, e.g. "Docker-Distribution-Api-Version: registry/2.0". */
	header?: string;
}

export interface ProbeResult {
	/** The response matched the expectation. */
	ok: boolean;
	/** Something answered HTTP. */
	answered: boolean;
	status?: number;
	/** The `Server` header, which names what holds a port (e.g. AirTunes). */
	server?: string;
	/** Why it is not ok, in plain words. */
	message: string;
}

/** Splits "Name: value" into its parts; a bare name means "present with any value". Pure. */
export function parseHeaderExpectation(header: string): { name: string; value: string } {
	const colon = header.indexOf(':');
	if (colon < 0) return { name: header.trim(), value: '' };
	return { name: header.slice(0, colon).trim(), value: header.slice(colon + 1).trim() };
}

/** Judges a response against the expectation. Pure. */
export function judgeResponse(
	response: { status: number; headers: Record<string, string | undefined> },
	expected: ReadyExpectation,
): { ok: boolean; message: string } {
	const wantStatus = expected.status ?? 200;
	if (response.status !== wantStatus) {
		return { ok: false, message: `answered with status ${response.status}, expected ${wantStatus}` };
	}
	if (expected.header) {
		const { name, value } = parseHeaderExpectation(expected.header);
		const actual = response.headers[name.toLowerCase()];
		if (actual === undefined) return { ok: false, message: `answered without the ${name} header` };
		if (!actual.toLowerCase().includes(value.toLowerCase())) {
			return { ok: false, message: `answered with ${name}: ${actual}, expected ${value}` };
		}
	}
	return { ok: true, message: `answered with status ${response.status}` };
}

/** Makes one GET request, bounded by `timeoutMs` (default 2 s). Never throws. */
export async function probeHttp(
	url: string,
	expected: ReadyExpectation,
	options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ProbeResult> {
	const answer = await requestOnce(url, { method: 'GET', timeoutMs: options.timeoutMs ?? 2_000, signal: options.signal });
	if (!answer.ok) return { ok: false, answered: false, message: answer.message };
	const verdict = judgeResponse(answer, expected);
	return { ok: verdict.ok, answered: true, status: answer.status, server: answer.headers.server, message: verdict.message };
}

export type RequestOutcome =
	{ ok: true; status: number; headers: Record<string, string | undefined> } | { ok: false; message: string; reason: RequestFailure };

/** Why a request got no HTTP answer: nothing listens, no answer in time, canceled, or anything else. */
export type RequestFailure = 'refused' | 'timeout' | 'canceled' | 'other';

/**
 * One HTTP(S) request without keep-alive, its socket destroyed when it ends or times out, so a
 * server that accepts and never answers cannot keep the lab's process alive. Never throws.
 */
export function requestOnce(
	url: string,
	options: { method?: 'GET' | 'HEAD'; timeoutMs: number; signal?: AbortSignal },
): Promise<RequestOutcome> {
	const timeout = AbortSignal.timeout(options.timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return Promise.resolve({ ok: false, message: `${url} is not a valid URL`, reason: 'other' });
	}
	// The body is not needed (a registry's /v2/ sends `{}`): dropped.
	return sendRequest(target, { method: options.method ?? 'GET', maxBodyBytes: 0, signal }).then(
		(answer): RequestOutcome => ({ ok: true, status: answer.status, headers: answer.headers }),
		(error: NodeJS.ErrnoException): RequestOutcome => {
			if (options.signal?.aborted) return { ok: false, message: 'canceled', reason: 'canceled' };
			if (timeout.aborted) return { ok: false, message: 'no answer in time', reason: 'timeout' };
			return {
				ok: false,
				message: describeRequestError(error),
				reason: classifySocketError(error).kind === 'refused' ? 'refused' : 'other',
			};
		},
	);
}

function describeRequestError(error: NodeJS.ErrnoException): string {
	const { kind, code } = classifySocketError(error);
	if (kind === 'refused') return 'nothing is listening there';
	if (kind === 'reset') return 'the connection was closed without an HTTP answer';
	if (kind === 'unknown-host') return `the name ${error.message.split(' ').at(-1) ?? ''} could not be resolved`.trim();
	return code ?? error.message;
}
