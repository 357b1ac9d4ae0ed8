// Conformance: every case of Docker's own reference test tables (distribution/reference v0.6.0,
// captured in test/fixtures/reference-vectors.json; its `sources` name the upstream files) runs
// against our parser, group by group. A summary line reports how many cases ran.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
	anchoredDomainRegexp,
	anchoredIdentifierRegexp,
	anchoredNameRegexp,
	familiarMatch,
	familiarName,
	isNamedReference,
	parseAnyReference,
	parseDockerRef,
	parseNamed,
	parseNormalizedReference,
	parseReference,
	ReferenceError as ImageReferenceError,
	type ParseOptions,
	type ReferenceErrorKind,
	referenceRegexp,
	withDigest,
	withName,
	withTag,
} from '../../src/registry/reference.js';

interface ParseCase {
	input: string;
	err: string | null;
	errSentinel?: string;
	name: string | null;
	domain: string | null;
	path: string | null;
	tag: string | null;
	digest: string | null;
	string?: string;
}
interface NormalizeCase {
	input: string;
	err: string | null;
	errMessage?: string;
	errSentinel?: string | null;
	normalized?: string;
	familiar?: string;
	familiarName?: string;
	withTagNameOnly?: string;
	withTagNameOnlyFamiliar?: string;
	domain?: string;
	path?: string;
	tag?: string;
	digest?: string;
	parseDockerRef?: string;
}
interface ErrorCase {
	input: string;
	err: string | null;
	errSentinel?: string;
}
interface ParseNamedCase extends ErrorCase {
	domain?: string;
	path?: string;
}
interface CombineCase {
	name: string;
	// Absent (undefined) in the cases that come from TestInvalidReferenceComponents.
	tag?: string | null;
	digest?: string | null;
	combined?: string;
	via?: string;
	err?: string;
	errSentinel?: string;
}
interface SerializationCase extends ErrorCase {
	description: string;
	name?: string;
	tag?: string;
	digest?: string;
}
interface AnyReferenceCase {
	input: string;
	string: string;
	isDigestOnly: boolean;
	familiar?: string;
}
interface DockerRefCase {
	name: string;
	input: string;
	expected: string;
}
interface MatchCase {
	reference: string;
	pattern: string;
	expected?: boolean;
	expectedError?: boolean;
	errMessage?: string;
}
interface RegexpGroup {
	pattern: string;
	cases: { input: string; match: boolean; subs?: string[] }[];
}
interface Vectors {
	sources: unknown[];
	counts: Record<string, number>;
	parse: ParseCase[];
	normalize: NormalizeCase[];
	parseNamed: ParseNamedCase[];
	withNameFailures: ErrorCase[];
	domainAndPath: { input: string; domain: string; path: string }[];
	withTag: CombineCase[];
	withDigest: CombineCase[];
	serialization: SerializationCase[];
	parseAnyReference: AnyReferenceCase[];
	parseDockerRef: DockerRefCase[];
	familiarMatch: MatchCase[];
	regexp: Record<'domainAndPort' | 'anchoredName' | 'reference' | 'identifier', RegexpGroup>;
}

const vectors = JSON.parse(readFileSync(new URL('../fixtures/reference-vectors.json', import.meta.url), 'utf8')) as Vectors;

// The vectors were captured with only crypto/sha256 registered in Go (so sha512 is "unsupported");
// our default also accepts sha384/sha512 like the docker binaries, so conformance runs with the
// capture's setup. The default is tested separately below.
const asCaptured: ParseOptions = { digestAlgorithms: ['sha256'] };

const kindOfSentinel: Record<string, ReferenceErrorKind> = {
	ErrReferenceInvalidFormat: 'invalid-format',
	ErrTagInvalidFormat: 'tag-invalid-format',
	ErrDigestInvalidFormat: 'digest-invalid-format',
	ErrNameContainsUppercase: 'name-not-lowercase',
	ErrNameEmpty: 'name-empty',
	ErrNameTooLong: 'name-too-long',
	ErrNameNotCanonical: 'name-not-canonical',
	'digest.ErrDigestInvalidLength': 'digest-invalid-length',
	'digest.ErrDigestUnsupported': 'digest-unsupported',
};

// Errors built with fmt.Errorf have no sentinel; their kind follows from the message.
function expectedKind(sentinel: string | null | undefined, message: string): ReferenceErrorKind {
	if (sentinel) {
		const kind = kindOfSentinel[sentinel];
		if (!kind) throw new Error(`fixture names an unknown sentinel ${sentinel}`);
		return kind;
	}
	if (message.endsWith('must be lowercase')) return 'name-not-lowercase';
	if (message.includes('64-byte hexadecimal')) return 'name-is-identifier';
	throw new Error(`fixture has an error with neither sentinel nor known message: ${message}`);
}

function expectReferenceError(run: () => unknown, message: string, kind: ReferenceErrorKind): void {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(ImageReferenceError);
	const error = caught as ImageReferenceError;
	expect(error.message).toBe(message);
	expect(error.kind).toBe(kind);
}

const ran: Record<string, number> = {};
const errorsRan: Record<string, number> = {};
function count(group: string, isError = false): void {
	ran[group] = (ran[group] ?? 0) + 1;
	if (isError) errorsRan[group] = (errorsRan[group] ?? 0) + 1;
}

afterAll(() => {
	const total = Object.values(ran).reduce((sum, n) => sum + n, 0);
	const parts = Object.entries(ran).map(([group, n]) => `${group} ${n}`);
	console.log(`reference conformance: ${total} cases (${parts.join(', ')})`);
	// Every case in the fixture ran: nothing was dropped on the way.
	for (const [group, expected] of Object.entries(vectors.counts)) {
		const [base, sub] = group.split('.');
		const actual = sub === 'errors' ? errorsRan[base ?? ''] : ran[group];
		expect(actual, `cases run for ${group}`).toBe(expected);
	}
});

const short = (text: string): string => (text.length > 80 ? `${text.slice(0, 60)}…(${text.length} chars)` : text);

describe('parse (Docker Parse, strict, no defaults)', () => {
	it.each(vectors.parse.map((c) => [short(c.input), c] as const))('%s', (_, c) => {
		count('parse', c.err !== null);
		if (c.err !== null) {
			expectReferenceError(() => parseReference(c.input, asCaptured), c.err, expectedKind(c.errSentinel, c.err));
			return;
		}
		const ref = parseReference(c.input, asCaptured);
		expect(ref.name()).toBe(c.name);
		expect(ref.domain).toBe(c.domain);
		expect(ref.path).toBe(c.path);
		expect(ref.tag ?? '').toBe(c.tag);
		expect(ref.digest ?? '').toBe(c.digest);
		expect(ref.toString()).toBe(c.string);
	});
});

describe('normalize (Docker ParseNormalizedNamed, familiar forms, TagNameOnly, ParseDockerRef)', () => {
	it.each(vectors.normalize.map((c) => [short(c.input), c] as const))('%s', (_, c) => {
		count('normalize', c.err !== null);
		if (c.err !== null) {
			const message = c.errMessage ?? c.err;
			expectReferenceError(() => parseNormalizedReference(c.input, asCaptured), message, expectedKind(c.errSentinel, message));
			return;
		}
		const ref = parseNormalizedReference(c.input, asCaptured);
		expect(ref.toString()).toBe(c.normalized);
		expect(ref.familiar()).toBe(c.familiar);
		expect(familiarName(ref)).toBe(c.familiarName);
		expect(ref.withDefaultTag().toString()).toBe(c.withTagNameOnly);
		expect(ref.withDefaultTag().familiar()).toBe(c.withTagNameOnlyFamiliar);
		expect(ref.domain).toBe(c.domain);
		expect(ref.path).toBe(c.path);
		expect(ref.tag ?? '').toBe(c.tag);
		expect(ref.digest ?? '').toBe(c.digest);
		expect(parseDockerRef(c.input, asCaptured).toString()).toBe(c.parseDockerRef);
	});
});

describe('parseNamed (Docker ParseNamed: only canonical names)', () => {
	it.each(vectors.parseNamed.map((c) => [c.input, c] as const))('%s', (_, c) => {
		count('parseNamed', c.err !== null);
		if (c.err !== null) {
			expectReferenceError(() => parseNamed(c.input, asCaptured), c.err, expectedKind(c.errSentinel, c.err));
			return;
		}
		const ref = parseNamed(c.input, asCaptured);
		expect(ref.domain).toBe(c.domain);
		expect(ref.path).toBe(c.path);
	});
});

describe('withNameFailures (Docker WithName refuses)', () => {
	it.each(vectors.withNameFailures.map((c) => [short(c.input), c] as const))('%s', (_, c) => {
		count('withNameFailures', true);
		expect(c.err).not.toBeNull();
		expectReferenceError(() => withName(c.input), c.err ?? '', expectedKind(c.errSentinel, c.err ?? ''));
	});
});

describe('domainAndPath (Docker WithName splits as written)', () => {
	it.each(vectors.domainAndPath.map((c) => [c.input, c] as const))('%s', (_, c) => {
		count('domainAndPath');
		const ref = withName(c.input);
		expect(ref.domain).toBe(c.domain);
		expect(ref.path).toBe(c.path);
	});
});

// Mirrors the Go tests: the name comes from WithName (or ParseNormalizedNamed where the case says
// `via`), the other part is added first, then the part under test.
describe.each([
	['withTag', vectors.withTag],
	['withDigest', vectors.withDigest],
] as const)('%s (Docker WithTag / WithDigest)', (group, cases) => {
	it.each(cases.map((c) => [`${c.name} ${c.tag ?? ''} ${c.digest ?? ''}`, c] as const))('%s', (_, c) => {
		count(group, c.err !== undefined);
		const base = c.via === 'ParseNormalizedNamed' ? parseNormalizedReference(c.name) : withName(c.name);
		const build = () =>
			group === 'withTag'
				? withTag(c.digest == null ? base : withDigest(base, c.digest), c.tag ?? '')
				: withDigest(c.tag == null ? base : withTag(base, c.tag), c.digest ?? '');
		if (c.err !== undefined) {
			expectReferenceError(build, c.err, expectedKind(c.errSentinel, c.err));
			return;
		}
		expect(build().toString()).toBe(c.combined);
	});
});

// Go's TestSerialization also round-trips through JSON (reference.Field); our references are plain
// values, so the part that applies is: parse, check the parts, and print back the same text.
describe('serialization (parse and print back)', () => {
	it.each(vectors.serialization.map((c) => [c.description, c] as const))('%s', (_, c) => {
		count('serialization', c.err !== null);
		if (c.err !== null) {
			expectReferenceError(() => parseReference(c.input, asCaptured), c.err, expectedKind(c.errSentinel, c.err));
			return;
		}
		const ref = parseReference(c.input, asCaptured);
		expect(ref.name()).toBe(c.name);
		expect(ref.tag ?? '').toBe(c.tag);
		expect(ref.digest ?? '').toBe(c.digest);
		expect(ref.toString()).toBe(c.input);
	});
});

describe('parseAnyReference (Docker ParseAnyReference: IDs, digests or names)', () => {
	it.each(vectors.parseAnyReference.map((c) => [c.input, c] as const))('%s', (_, c) => {
		count('parseAnyReference');
		const ref = parseAnyReference(c.input, asCaptured);
		expect(ref.toString()).toBe(c.string);
		expect(isNamedReference(ref)).toBe(!c.isDigestOnly);
		expect(ref.familiar()).toBe(c.familiar ?? c.string);
	});
});

describe('parseDockerRef (Docker ParseDockerRef)', () => {
	it.each(vectors.parseDockerRef.map((c) => [c.name, c] as const))('%s', (_, c) => {
		count('parseDockerRef');
		const output = parseDockerRef(c.input, asCaptured).toString();
		expect(output).toBe(c.expected);
		// As upstream: the result is itself a valid strict reference.
		expect(() => parseReference(output, asCaptured)).not.toThrow();
	});
});

describe('familiarMatch (Docker FamiliarMatch)', () => {
	it.each(vectors.familiarMatch.map((c) => [`${c.pattern} vs ${c.reference}`, c] as const))('%s', (_, c) => {
		count('familiarMatch', c.expectedError === true);
		const ref = parseAnyReference(c.reference, asCaptured);
		if (c.expectedError) {
			expectReferenceError(() => familiarMatch(c.pattern, ref), c.errMessage ?? '', 'bad-pattern');
			return;
		}
		expect(familiarMatch(c.pattern, ref)).toBe(c.expected);
	});
});

const regexps = {
	domainAndPort: anchoredDomainRegexp,
	anchoredName: anchoredNameRegexp,
	reference: referenceRegexp,
	identifier: anchoredIdentifierRegexp,
} as const;

describe.each(Object.entries(regexps))('regexp.%s', (group, regexp) => {
	const table = vectors.regexp[group as keyof typeof regexps];
	it.each(table.cases.map((c) => [short(c.input), c] as const))('%s', (_, c) => {
		count(`regexp.${group}`);
		const match = regexp.exec(c.input);
		expect(match !== null).toBe(c.match);
		if (match && c.subs) {
			expect(match.slice(1).map((sub) => sub ?? '')).toEqual(c.subs);
		}
	});
});

describe('beyond the upstream tables', () => {
	it('accepts sha384 and sha512 digests by default, as the docker binaries do', () => {
		const sha512 = `validname@sha512:${'f'.repeat(128)}`;
		expect(parseReference(sha512).digest).toBe(`sha512:${'f'.repeat(128)}`);
		expect(parseReference(`validname@sha384:${'a'.repeat(96)}`).digest).toBe(`sha384:${'a'.repeat(96)}`);
	});

	it('refuses an uppercase hex digest the way go-digest does', () => {
		expectReferenceError(
			() => parseReference(`repo@sha256:${'F'.repeat(64)}`),
			'invalid checksum digest format',
			'digest-checksum-invalid-format',
		);
	});

	it('leaves absent tag and digest undefined rather than empty', () => {
		const ref = parseNormalizedReference('kiamol/ch05-pi');
		expect(ref.tag).toBeUndefined();
		expect(ref.digest).toBeUndefined();
		expect(ref.withDefaultTag().toString()).toBe('docker.io/kiamol/ch05-pi:latest');
	});

	it('keeps the text as typed on the error, without the defaults added', () => {
		try {
			parseNormalizedReference('ch05-pi:@x');
			expect.unreachable();
		} catch (error) {
			expect((error as ImageReferenceError).input).toBe('ch05-pi:@x');
		}
	});
});
