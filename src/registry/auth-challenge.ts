// Parses WWW-Authenticate headers (RFC 7235) the way Distribution's client does, plus one thing it
// does not: fetch joins repeated headers with ", ", so one string may hold several challenges
// (`Basic realm="a", Bearer realm="b"`). No I/O here.

export interface AuthChallenge {
	/** Lower-cased scheme: `bearer`, `basic`, ... */
	scheme: string;
	/** Parameters with lower-cased names; quoted values unescaped. */
	params: Record<string, string>;
}

// RFC 2616 token characters: any visible ASCII except separators.
const separators = new Set(' \t"(),/:;<=>?@[]\\{}');

function isTokenChar(char: string): boolean {
	const code = char.charCodeAt(0);
	return code > 31 && code < 127 && !separators.has(char);
}

function isSpace(char: string | undefined): boolean {
	return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

/** Every challenge in a WWW-Authenticate value, in order. Malformed parts end the parse; what came before is kept. */
export function parseAuthChallenges(header: string | null | undefined): AuthChallenge[] {
	const challenges: AuthChallenge[] = [];
	if (!header) return challenges;
	let pos = 0;

	const skipSpaces = (): void => {
		while (isSpace(header[pos])) pos++;
	};
	const readToken = (): string => {
		const start = pos;
		while (pos < header.length && isTokenChar(header[pos]!)) pos++;
		return header.slice(start, pos);
	};
	// A quoted-string with backslash escapes, or undefined when the closing quote is missing.
	const readQuoted = (): string | undefined => {
		pos++; // opening quote
		let value = '';
		while (pos < header.length) {
			const char = header[pos]!;
			if (char === '"') {
				pos++;
				return value;
			}
			if (char === '\\' && pos + 1 < header.length) {
				value += header[pos + 1];
				pos += 2;
				continue;
			}
			value += char;
			pos++;
		}
		return undefined;
	};

	for (;;) {
		while (isSpace(header[pos]) || header[pos] === ',') pos++;
		const scheme = readToken();
		if (!scheme) return challenges;
		const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
		challenges.push(challenge);

		for (;;) {
			while (isSpace(header[pos]) || header[pos] === ',') pos++;
			const paramStart = pos;
			const name = readToken();
			if (!name) return challenges;
			skipSpaces();
			if (header[pos] !== '=') {
				// A token not followed by "=" starts the next challenge.
				pos = paramStart;
				break;
			}
			pos++;
			skipSpaces();
			const value = header[pos] === '"' ? readQuoted() : readToken();
			if (value === undefined) return challenges;
			challenge.params[name.toLowerCase()] = value;
			skipSpaces();
			if (pos >= header.length) return challenges;
			if (header[pos] !== ',') return challenges;
		}
	}
}

/** The scopes a Bearer challenge names (space-separated in one `scope` parameter). */
export function challengeScopes(challenge: AuthChallenge): string[] {
	return (challenge.params.scope ?? '').split(' ').filter((scope) => scope !== '');
}
