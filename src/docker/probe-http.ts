// One bounded HTTP request that says whether a service is up and is the service we expect (status and
// a proving header), used to wait for a started registry and to recognise a learner's own.

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
	const timeout = AbortSignal.timeout(options.timeoutMs ?? 2_000);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	try {
		const response = await fetch(url, { method: 'GET', redirect: 'manual', signal });
		// Drain the body so the connection is released; a registry's /v2/ body is tiny.
		await response.arrayBuffer().catch(() => undefined);
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		const verdict = judgeResponse({ status: response.status, headers }, expected);
		return { ok: verdict.ok, answered: true, status: response.status, server: headers.server, message: verdict.message };
	} catch (error) {
		if (options.signal?.aborted) return { ok: false, answered: false, message: 'canceled' };
		if (timeout.aborted) return { ok: false, answered: false, message: 'no answer in time' };
		return { ok: false, answered: false, message: describeFetchError(error) };
	}
}

function describeFetchError(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
	if (cause?.code === 'ECONNREFUSED') return 'nothing is listening there';
	if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'the connection was closed without an HTTP answer';
	return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
