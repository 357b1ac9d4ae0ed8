// What went wrong on the wire, classified once for the three HTTP paths (the registry client, HTTP
// checks, the port probe), so "nothing listens there" or "the certificate is not trusted" means the
// same everywhere. Pure: it reads error codes, it opens no socket.

export type SocketErrorKind =
	/** Nothing listens on the port. */
	| 'refused'
	/** The host name could not be resolved. */
	| 'unknown-host'
	/** No route to the host or network. */
	| 'unreachable'
	/** The connection could not be made in time. */
	| 'timeout'
	/** TLS was spoken to something that does not speak it (a plain-HTTP registry). */
	| 'not-https'
	/** The server's certificate is not trusted. */
	| 'untrusted-certificate'
	/** The connection closed before an answer. */
	| 'reset'
	| 'other';

export interface SocketErrorClass {
	kind: SocketErrorKind;
	/** The code that decided the kind (or the first code found); undefined when the error has none. */
	code: string | undefined;
}

/** Every `code` on the error, its `cause` chain and an AggregateError's `errors`, outermost first. */
export function errorCodesOf(error: unknown): string[] {
	const codes: string[] = [];
	const visit = (value: unknown, depth: number): void => {
		if (depth > 4 || typeof value !== 'object' || value === null) return;
		const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
		if (typeof code === 'string') codes.push(code);
		visit(cause, depth + 1);
		if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
	};
	visit(error, 0);
	return codes;
}

/** In this order: a refused connection under a TLS error is still "nothing listens there". */
const rules: ReadonlyArray<[SocketErrorKind, (code: string) => boolean]> = [
	['refused', (code) => code === 'ECONNREFUSED'],
	['unknown-host', (code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN'],
	['unreachable', (code) => code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL'],
	['timeout', (code) => code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT'],
	['not-https', (code) => /WRONG_VERSION|EPROTO/.test(code)],
	['untrusted-certificate', (code) => /SSL|TLS|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)],
	['reset', (code) => code === 'ECONNRESET' || code === 'EPIPE'],
];

/** Classifies a socket, DNS or TLS error from node:http, node:net or fetch. */
export function classifySocketError(error: unknown): SocketErrorClass {
	const codes = errorCodesOf(error);
	for (const [kind, matches] of rules) {
		const code = codes.find(matches);
		if (code) return { kind, code };
	}
	return { kind: 'other', code: codes[0] };
}
