// Image references exactly as Docker reads them: the grammar and normalization of
// github.com/distribution/reference v0.6.0 (the package moby and the docker CLI vendor), written
// anew in TypeScript. Pure: no I/O. Conformance: test/fixtures/reference-vectors.json.

export const DEFAULT_DOMAIN = 'docker.io';
/** Docker Hub's old name ("the Docker Index"); Docker rewrites it to `docker.io`. */
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
/** Namespace of Docker Hub's official images (`ubuntu` is `docker.io/library/ubuntu`). */
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
/** Longest repository path Docker accepts. Since v0.6.0 the domain does not count. */
export const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;

// ---------------------------------------------------------------------------------------------
// Grammar. Built from named pieces so each rule reads like the grammar in Docker's docs:
//   reference := name [":" tag] ["@" digest];  name := [domain "/"] path
// ---------------------------------------------------------------------------------------------

const alphaNumeric = '[a-z0-9]+';
// One dot, one underscore, two underscores, or any run of dashes.
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;

const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
// Docker only checks the characters of an IPv6 literal, not its shape; zones (%eth0) are refused.
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6Address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;

const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const name = `(?:${domainAndPort}/)?${remoteName}`;

/** A registry host with an optional port: `localhost:5000`, `mcr.microsoft.com`, `[::1]:5000`. */
export const anchoredDomainRegexp = new RegExp(`^${domainAndPort}$`);
/** A whole name; groups: 1 domain (may be absent), 2 path. Greedy: `a/b` reports domain `a`. */
export const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
/** A whole reference; groups: 1 name, 2 tag, 3 digest. */
export const referenceRegexp = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
export const anchoredTagRegexp = new RegExp(`^${tag}$`);
export const anchoredDigestRegexp = new RegExp(`^${digest}$`);
/** A 64-character image ID, which Docker refuses as a repository name. */
export const anchoredIdentifierRegexp = /^([a-f0-9]{64})$/;

// go-digest's own, looser digest syntax: it decides "unsupported" versus "malformed".
const goDigestRegexp = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type ReferenceErrorKind =
	| 'invalid-format'
	| 'tag-invalid-format'
	| 'digest-invalid-format'
	| 'name-not-lowercase'
	| 'name-empty'
	| 'name-too-long'
	| 'name-not-canonical'
	| 'name-is-identifier'
	| 'digest-checksum-invalid-format'
	| 'digest-invalid-length'
	| 'digest-unsupported'
	| 'bad-pattern';

// Docker's own wording, so learners can search for what they saw in their terminal.
const errorText = {
	'invalid-format': 'invalid reference format',
	'tag-invalid-format': 'invalid tag format',
	'digest-invalid-format': 'invalid digest format',
	'name-not-lowercase': 'repository name must be lowercase',
	'name-empty': 'repository name must have at least one component',
	'name-too-long': `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`,
	'name-not-canonical': 'repository name must be canonical',
	'name-is-identifier': 'cannot specify 64-byte hexadecimal strings',
	'digest-checksum-invalid-format': 'invalid checksum digest format',
	'digest-invalid-length': 'invalid checksum digest length',
	'digest-unsupported': 'unsupported digest algorithm',
	'bad-pattern': 'syntax error in pattern',
} as const satisfies Record<ReferenceErrorKind, string>;

/**
 * A reference Docker would refuse. `message` is Docker's error text, word for word; `kind` says
 * which rule failed, for code that explains it in plainer words. (The name shadows the JavaScript
 * global of the same name inside modules that import it; import it under another name if needed.)
 */
export class ReferenceError extends Error {
	override readonly name = 'ReferenceError';
	constructor(
		readonly kind: ReferenceErrorKind,
		message: string = errorText[kind],
		/** The text that was being parsed. */
		readonly input?: string,
	) {
		super(message);
	}
}

// ---------------------------------------------------------------------------------------------
// Digests
// ---------------------------------------------------------------------------------------------

/** Digest algorithms this code can check, with their hex length. */
export const DIGEST_HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128 } as const;
export type DigestAlgorithm = keyof typeof DIGEST_HEX_LENGTH;

export interface ParseOptions {
	/**
	 * Digest algorithms accepted in `name@algo:hex`. Default: all three, as in the docker CLI and
	 * engine binaries (they link every SHA-2 hash). Docker's own test suite registers only sha256.
	 */
	digestAlgorithms?: readonly DigestAlgorithm[];
}

const allDigestAlgorithms: readonly DigestAlgorithm[] = ['sha256', 'sha384', 'sha512'];

function isDigestAlgorithm(value: string): value is DigestAlgorithm {
	return Object.hasOwn(DIGEST_HEX_LENGTH, value);
}

/** go-digest's Parse: checks that the algorithm is known and the hex part has its exact form. */
export function validateDigest(value: string, options: ParseOptions = {}): void {
	const available = options.digestAlgorithms ?? allDigestAlgorithms;
	const colon = value.indexOf(':');
	if (colon <= 0 || colon + 1 === value.length) {
		throw new ReferenceError('digest-checksum-invalid-format', undefined, value);
	}
	const algorithm = value.slice(0, colon);
	const encoded = value.slice(colon + 1);
	if (!isDigestAlgorithm(algorithm) || !available.includes(algorithm)) {
		const kind = goDigestRegexp.test(value) ? 'digest-unsupported' : 'digest-checksum-invalid-format';
		throw new ReferenceError(kind, undefined, value);
	}
	if (encoded.length !== DIGEST_HEX_LENGTH[algorithm]) {
		throw new ReferenceError('digest-invalid-length', undefined, value);
	}
	// Only lowercase hex: the reference grammar allows A-F, go-digest then refuses it.
	if (!/^[a-f0-9]+$/.test(encoded)) {
		throw new ReferenceError('digest-checksum-invalid-format', undefined, value);
	}
}

// ---------------------------------------------------------------------------------------------
// Reference values
// ---------------------------------------------------------------------------------------------

/** A named image reference: `[domain/]path[:tag][@digest]`. */
export interface Reference {
	/** Registry host and port, e.g. `docker.io`; empty when the text named none (strict parse only). */
	readonly domain: string;
	/** Repository path inside the registry, e.g. `library/ubuntu`. */
	readonly path: string;
	readonly tag?: string;
	readonly digest?: string;
	/** `domain/path`, or just `path` when there is no domain. */
	name(): string;
	/** The full form: `name[:tag][@digest]`. */
	toString(): string;
	/** The short form Docker prints: no `docker.io/`, no `library/` for official images. */
	familiar(): string;
	/** This reference with tag `latest` when it has neither tag nor digest (Docker's TagNameOnly). */
	withDefaultTag(): Reference;
}

/** A reference that is only a digest, e.g. `sha256:…` (from parseAnyReference). */
export interface DigestReference {
	readonly digest: string;
	toString(): string;
	familiar(): string;
}

class ImageReference implements Reference {
	readonly tag?: string;
	readonly digest?: string;

	constructor(
		readonly domain: string,
		readonly path: string,
		tag?: string,
		digest?: string,
	) {
		// Absent parts are undefined, never '', so `ref.tag ?? 'latest'` does what it says.
		if (tag) this.tag = tag;
		if (digest) this.digest = digest;
	}

	name(): string {
		return this.domain === '' ? this.path : `${this.domain}/${this.path}`;
	}

	toString(): string {
		return withSuffixes(this.name(), this.tag, this.digest);
	}

	familiar(): string {
		return withSuffixes(familiarName(this), this.tag, this.digest);
	}

	withDefaultTag(): Reference {
		return isNameOnly(this) ? new ImageReference(this.domain, this.path, DEFAULT_TAG) : this;
	}
}

class DigestOnlyReference implements DigestReference {
	constructor(readonly digest: string) {}
	toString(): string {
		return this.digest;
	}
	familiar(): string {
		return this.digest;
	}
}

function withSuffixes(name: string, tag: string | undefined, digest: string | undefined): string {
	return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

export function isNamedReference(ref: Reference | DigestReference): ref is Reference {
	return 'path' in ref;
}

/** True when the reference has neither a tag nor a digest. */
export function isNameOnly(ref: Reference): boolean {
	return ref.tag === undefined && ref.digest === undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Docker's strict `Parse`: the text as written, no defaults. Beware: the grammar is greedy, so
 * in `kiamol/ch05-pi` the first component counts as a domain. Use parseNormalizedReference for
 * what `docker pull` means.
 */
export function parseReference(text: string, options: ParseOptions = {}): Reference {
	if (text === '') throw new ReferenceError('name-empty', undefined, text);

	const match = referenceRegexp.exec(text);
	if (!match) {
		const lower = text.toLowerCase();
		if (lower !== text && referenceRegexp.test(lower)) {
			throw new ReferenceError('name-not-lowercase', undefined, text);
		}
		throw new ReferenceError('invalid-format', undefined, text);
	}
	const [, fullName = '', tagPart, digestPart] = match;
	const [domain, path] = splitName(fullName);
	if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) {
		throw new ReferenceError('name-too-long', undefined, text);
	}
	if (digestPart) validateDigest(digestPart, options);
	return new ImageReference(domain, path, tagPart, digestPart);
}

function splitName(fullName: string): [domain: string, path: string] {
	const match = anchoredNameRegexp.exec(fullName);
	if (!match) return ['', fullName];
	return [match[1] ?? '', match[2] ?? ''];
}

/**
 * Where Docker looks for a name: the first component is a registry only when it is `localhost`,
 * contains `.` or `:`, or has uppercase letters; otherwise the registry is Docker Hub.
 * `isDomainExplicit` tells whether the text named a registry itself.
 */
export function splitDockerDomain(text: string): { domain: string; remainder: string; isDomainExplicit: boolean } {
	const slash = text.indexOf('/');
	if (slash === -1) {
		// A single component is always a Docker Hub official image, even `localhost` or `a.com`.
		return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + text, isDomainExplicit: false };
	}
	const first = text.slice(0, slash);
	const rest = text.slice(slash + 1);
	let domain: string;
	let remainder: string;
	let isDomainExplicit = true;
	if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
		domain = first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
		remainder = rest;
	} else {
		domain = DEFAULT_DOMAIN;
		remainder = text;
		isDomainExplicit = false;
	}
	if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) {
		remainder = OFFICIAL_REPO_PREFIX + remainder;
	}
	return { domain, remainder, isDomainExplicit };
}

/**
 * Docker's `ParseNormalizedNamed`, what `docker pull` does with its argument: `ubuntu` becomes
 * `docker.io/library/ubuntu`, `index.docker.io/x/y` becomes `docker.io/x/y`. No tag is added
 * (see withDefaultTag / parseDockerRef).
 */
export function parseNormalizedReference(text: string, options: ParseOptions = {}): Reference {
	if (anchoredIdentifierRegexp.test(text)) {
		throw new ReferenceError('name-is-identifier', `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`, text);
	}
	const { domain, remainder } = splitDockerDomain(text);
	const colon = remainder.indexOf(':');
	const remote = colon === -1 ? remainder : remainder.slice(0, colon);
	if (remote.toLowerCase() !== remote) {
		throw new ReferenceError('name-not-lowercase', `invalid reference format: repository name (${remote}) must be lowercase`, text);
	}
	try {
		return parseReference(`${domain}/${remainder}`, options);
	} catch (error) {
		// Report the text as typed, not with the defaults added.
		if (error instanceof ReferenceError) throw new ReferenceError(error.kind, error.message, text);
		throw error;
	}
}

/** Docker's `ParseNamed`: the text must already be in full, normalized form. */
export function parseNamed(text: string, options: ParseOptions = {}): Reference {
	const ref = parseNormalizedReference(text, options);
	if (ref.toString() !== text) throw new ReferenceError('name-not-canonical', undefined, text);
	return ref;
}

/**
 * Docker's `ParseDockerRef`: normalized, `latest` added when there is neither tag nor digest,
 * and the tag dropped when there is a digest (the digest alone decides what is pulled).
 */
export function parseDockerRef(text: string, options: ParseOptions = {}): Reference {
	const ref = parseNormalizedReference(text, options);
	if (ref.tag !== undefined && ref.digest !== undefined) {
		return new ImageReference(ref.domain, ref.path, undefined, ref.digest);
	}
	return ref.withDefaultTag();
}

/**
 * Docker's `ParseAnyReference`: an image ID (64 hex) or a digest becomes a digest reference,
 * anything else a normalized name.
 */
export function parseAnyReference(text: string, options: ParseOptions = {}): Reference | DigestReference {
	if (anchoredIdentifierRegexp.test(text)) return new DigestOnlyReference(`sha256:${text}`);
	try {
		validateDigest(text, options);
		return new DigestOnlyReference(text);
	} catch {
		return parseNormalizedReference(text, options);
	}
}

// ---------------------------------------------------------------------------------------------
// Building references
// ---------------------------------------------------------------------------------------------

/** Docker's `WithName`: a name without tag or digest, split as written (no defaults). */
export function withName(text: string): Reference {
	const match = anchoredNameRegexp.exec(text);
	if (!match) throw new ReferenceError('invalid-format', undefined, text);
	const path = match[2] ?? '';
	if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) {
		throw new ReferenceError('name-too-long', undefined, text);
	}
	return new ImageReference(match[1] ?? '', path);
}

/** Docker's `WithTag`: the same name (and digest) with this tag. */
export function withTag(ref: Reference, newTag: string): Reference {
	if (!anchoredTagRegexp.test(newTag)) throw new ReferenceError('tag-invalid-format', undefined, newTag);
	return new ImageReference(ref.domain, ref.path, newTag, ref.digest);
}

/** Docker's `WithDigest`: the same name (and tag) with this digest. Checks syntax only. */
export function withDigest(ref: Reference, newDigest: string): Reference {
	if (!anchoredDigestRegexp.test(newDigest)) {
		throw new ReferenceError('digest-invalid-format', undefined, newDigest);
	}
	return new ImageReference(ref.domain, ref.path, ref.tag, newDigest);
}

// ---------------------------------------------------------------------------------------------
// Familiar (short) forms
// ---------------------------------------------------------------------------------------------

/**
 * The name as Docker prints it: without `docker.io/`, and without `library/` when what follows
 * is a single component (`docker.io/library/foo/bar` stays `library/foo/bar`).
 */
export function familiarName(ref: Reference): string {
	if (ref.domain !== DEFAULT_DOMAIN) return ref.name();
	if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
		const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
		if (!rest.includes('/')) return rest;
	}
	return ref.path;
}

/** The whole reference as Docker prints it (`ubuntu:22.04`, `kiamol/ch05-pi`). */
export function familiarString(ref: Reference | DigestReference): string {
	return ref.familiar();
}

/**
 * Docker's `FamiliarMatch`: does a shell-style pattern (`*`, `?`, `[a-z]`, as Go's path.Match)
 * match the familiar form, or failing that the familiar name without tag or digest?
 * Throws ReferenceError 'bad-pattern' for a malformed pattern.
 */
export function familiarMatch(pattern: string, ref: Reference | DigestReference): boolean {
	const matched = matchPathPattern(pattern, familiarString(ref));
	if (!matched && isNamedReference(ref)) return matchPathPattern(pattern, familiarName(ref));
	return matched;
}

// Go's path.Match, which FamiliarMatch uses: `*` and `?` never cross a `/`; a malformed pattern
// is an error even when the text already failed to match.
function matchPathPattern(pattern: string, text: string): boolean {
	let rest = pattern;
	let name = text;
	outer: while (rest.length > 0) {
		const { star, chunk, after } = scanChunk(rest);
		rest = after;
		if (star && chunk === '') return !name.includes('/');
		const here = matchChunk(chunk, name);
		if (here !== undefined && (here.length === 0 || rest.length > 0)) {
			name = here;
			continue;
		}
		if (star) {
			for (let skip = 0; skip < name.length && name[skip] !== '/'; skip++) {
				const there = matchChunk(chunk, name.slice(skip + 1));
				if (there === undefined) continue;
				if (rest.length === 0 && there.length > 0) continue;
				name = there;
				continue outer;
			}
		}
		while (rest.length > 0) {
			const next = scanChunk(rest);
			rest = next.after;
			matchChunk(next.chunk, '');
		}
		return false;
	}
	return name.length === 0;
}

function scanChunk(pattern: string): { star: boolean; chunk: string; after: string } {
	let start = 0;
	while (pattern[start] === '*') start++;
	let inRange = false;
	let end = start;
	for (; end < pattern.length; end++) {
		const char = pattern[end];
		if (char === '\\') {
			if (end + 1 < pattern.length) end++;
		} else if (char === '[') {
			inRange = true;
		} else if (char === ']') {
			inRange = false;
		} else if (char === '*' && !inRange) {
			break;
		}
	}
	return { star: start > 0, chunk: pattern.slice(start, end), after: pattern.slice(end) };
}

const badPattern = (): ReferenceError => new ReferenceError('bad-pattern');

// Matches one star-free chunk at the start of `text`; returns the unmatched rest, or undefined.
// Keeps reading the chunk after a mismatch so a malformed pattern is always reported.
function matchChunk(chunk: string, text: string): string | undefined {
	const chars = [...chunk];
	const input = [...text];
	let failed = false;
	let c = 0;
	let t = 0;
	while (c < chars.length) {
		if (!failed && t >= input.length) failed = true;
		const char = chars[c];
		if (char === '[') {
			const subject = failed ? undefined : input[t++];
			c++;
			const negated = chars[c] === '^';
			if (negated) c++;
			let isInClass = false;
			let ranges = 0;
			for (;;) {
				if (chars[c] === ']' && ranges > 0) {
					c++;
					break;
				}
				const low = classChar(chars, c);
				c = low.next;
				let high = low;
				if (chars[c] === '-') {
					high = classChar(chars, c + 1);
					c = high.next;
				}
				if (subject !== undefined && low.char <= subject && subject <= high.char) isInClass = true;
				ranges++;
			}
			if (isInClass === negated) failed = true;
		} else if (char === '?') {
			if (!failed) {
				if (input[t] === '/') failed = true;
				t++;
			}
			c++;
		} else {
			if (char === '\\') {
				c++;
				if (c >= chars.length) throw badPattern();
			}
			if (!failed) {
				if (chars[c] !== input[t]) failed = true;
				t++;
			}
			c++;
		}
	}
	return failed ? undefined : input.slice(t).join('');
}

// One character of a `[...]` class, with `\` escapes; a bare `-` or `]` here is malformed.
function classChar(chars: string[], at: number): { char: string; next: number } {
	let index = at;
	if (index >= chars.length || chars[index] === '-' || chars[index] === ']') throw badPattern();
	if (chars[index] === '\\') {
		index++;
		if (index >= chars.length) throw badPattern();
	}
	const char = chars[index] as string;
	// A class must be closed: running out of pattern right after a character is malformed too.
	if (index + 1 >= chars.length) throw badPattern();
	return { char, next: index + 1 };
}
