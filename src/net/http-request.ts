// One HTTP(S) request on node:http, shared by the HTTP checks and the port probe: the lowest layer,
// it knows nothing of labs or checks.
import { request as nodeHttpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawAnswer {
	status: number;
	statusText: string;
	headers: Record<string, string>;
	body: string;
	truncated: boolean;
	/** Set on a redirect: where to go next. */
	location?: string;
}

/**
 * One request on node:http(s) without keep-alive, its socket closed when it ends (so a server that
 * accepts and never answers cannot keep the lab's process alive), with the body read up to the cap
 * (0: dropped). Rejects with the socket's error; a redirect is returned, not followed.
 * Not fetch: fetch loads undici (and its WebAssembly parser), which would be most of the TUI's
 * memory for a check that asks a registry's /v2/ once.
 */
export function sendRequest(
	target: URL,
	{
		method,
		headers,
		maxBodyBytes: capBytes,
		signal,
	}: { method: 'GET' | 'HEAD'; headers?: Record<string, string>; maxBodyBytes: number; signal: AbortSignal },
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const send = target.protocol === 'https:' ? httpsRequest : nodeHttpRequest;
		// Named, so a lab can tell the lab's own requests from the learner's in a registry's log.
		const request = send(target, { method, headers: { 'user-agent': 'registry-lab', ...headers }, agent: false, signal });
		request.on('error', reject);
		request.once('response', (response) => {
			const answerHeaders: Record<string, string> = {};
			for (const [name, value] of Object.entries(response.headers)) {
				if (value !== undefined) answerHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
			}
			const status = response.statusCode ?? 0;
			const base = { status, statusText: response.statusMessage ?? '', headers: answerHeaders };
			const location = status >= 300 && status < 400 ? answerHeaders.location : undefined;
			if (location !== undefined || method === 'HEAD' || capBytes === 0) {
				response.resume();
				request.destroy();
				resolve({ ...base, body: '', truncated: false, location });
				return;
			}
			const chunks: Buffer[] = [];
			let bytes = 0;
			response.on('data', (chunk: Buffer) => {
				const room = capBytes - bytes;
				if (chunk.length > room) {
					chunks.push(chunk.subarray(0, room));
					request.destroy();
					resolve({ ...base, body: Buffer.concat(chunks).toString('utf8'), truncated: true });
					return;
				}
				chunks.push(chunk);
				bytes += chunk.length;
			});
			response.on('error', reject);
			response.once('end', () => resolve({ ...base, body: Buffer.concat(chunks).toString('utf8'), truncated: false }));
		});
		request.end();
	});
}
