// Compares a typed image reference with the right one the way Docker reads both, and names each
// difference: registry, repository, tag, digest, letter case, missing defaults. The rules are
// generic (derived from the parsed parts), so they work for any lab's question.
import {
	DEFAULT_DOMAIN,
	DEFAULT_TAG,
	LEGACY_DEFAULT_DOMAIN,
	OFFICIAL_REPO_PREFIX,
	parseNormalizedReference,
	type Reference,
	ReferenceError as ImageReferenceError,
	splitDockerDomain,
} from '../registry/reference.js';

/** Hosts that are Docker Hub but are not how references name it. */
export const DOCKER_HUB_HOSTS = {
	'registry-1.docker.io': 'api',
	'registry.hub.docker.com': 'api',
	'hub.docker.com': 'website',
} as const;
type HubHostRole = (typeof DOCKER_HUB_HOSTS)[keyof typeof DOCKER_HUB_HOSTS];

/** One thing that is wrong with a typed reference, compared with the expected one. */
export type ReferenceIssue =
	| { kind: 'invalid'; typed: string; error: ImageReferenceError }
	| { kind: 'uppercase-path'; typed: string; lowercase: string; isReadAsRegistry: boolean; dockerError?: string }
	| { kind: 'uppercase-domain'; typed: string; lowercase: string }
	| { kind: 'short-form'; typed: string; domain: string; tag: string }
	| { kind: 'missing-default-domain'; domain: string }
	| { kind: 'missing-default-tag'; tag: string }
	| { kind: 'hub-host'; host: string; role: HubHostRole }
	| { kind: 'no-domain-means-hub'; expectedDomain: string }
	/**
	 * `isDefaultAsked`: the question asks for Docker's default itself (a full reference of a Docker
	 * Hub image), so the feedback must not name it: that would hand over the answer.
	 */
	| { kind: 'wrong-domain'; typed: string; expected: string; isDefaultAsked: boolean }
	/** `mcr/dotnet/runtime`: a short name for the registry, which Docker reads as a Docker Hub account. */
	| { kind: 'registry-as-account'; typed: string; expectedDomain: string }
	| { kind: 'library-inserted'; typedPath: string; expectedPath: string }
	| { kind: 'wrong-repository'; typed: string; expected: string }
	/** `dotnet/runtime/5.0`: the version written as one more part of the name instead of a tag. */
	| { kind: 'version-in-path'; typed: string; expected: string; version: string }
	| { kind: 'missing-tag'; expected: string }
	| { kind: 'wrong-tag'; typed: string; expected: string; isDefaultAsked: boolean }
	| { kind: 'missing-digest'; expected: string }
	| { kind: 'wrong-digest'; typed: string; expected: string }
	| { kind: 'unexpected-digest'; typed: string };

/** Something worth saying about a right answer. */
export type ReferenceNote = { kind: 'legacy-domain'; typed: string; canonical: string };

export interface ReferenceJudgement {
	/** No issues: the answer is right. */
	isCorrect: boolean;
	/** Docker would pull the same image (the answer may still be too short for the question). */
	isSameImage: boolean;
	issues: ReferenceIssue[];
	notes: ReferenceNote[];
	/** The answer in full (`docker.io/kiamol/ch05-pi:latest`), when it could be read. */
	normalized?: string;
}

export interface CompareOptions {
	/**
	 * The answer must write out every part the expected reference writes out (its registry, its
	 * tag), as for "what is the full reference?". Without it, any form Docker reads as the same
	 * image is right, as for a command.
	 */
	requireExplicit: boolean;
}

interface TypedParts {
	/** Everything before the tag and digest, as typed. */
	name: string;
	/** `:tag@digest` as typed (tags may have capitals; digests are checked by Docker). */
	suffix: string;
}

// Splits off tag and digest by position, as Docker does: a `:` after the last `/` starts the tag.
function splitTyped(text: string): TypedParts {
	const at = text.indexOf('@');
	const beforeDigest = at === -1 ? text : text.slice(0, at);
	const colon = beforeDigest.lastIndexOf(':');
	const nameEnd = colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
	return { name: text.slice(0, nameEnd), suffix: text.slice(nameEnd) };
}

type ReferencePart = 'registry' | 'repository' | 'tag' | 'digest';

/** A reference as typed, in pieces that join back to it: `domain/` or '', the path, `:tag` or '', `@digest` or ''. */
function piecesOf(text: string): Record<ReferencePart, string> {
	const { name, suffix } = splitTyped(text);
	const at = suffix.indexOf('@');
	const slash = name.indexOf('/');
	const hasDomain = slash !== -1 && splitDockerDomain(name.toLowerCase()).isDomainExplicit;
	return {
		registry: hasDomain ? name.slice(0, slash + 1) : '',
		repository: hasDomain ? name.slice(slash + 1) : name,
		tag: at === -1 ? suffix : suffix.slice(0, at),
		digest: at === -1 ? '' : suffix.slice(at),
	};
}

/**
 * The typed reference with one part taken from the expected one, for each part: what the answer
 * would be with only that mistake fixed. Works on any text, valid or not.
 */
export function repairReference(typed: string, expectedText: string): Record<ReferencePart, string> {
	const answer = piecesOf(typed.trim());
	const expected = piecesOf(expectedText.trim());
	const join = (part: ReferencePart): string => {
		const pieces = { ...answer, [part]: expected[part] };
		return pieces.registry + pieces.repository + pieces.tag + pieces.digest;
	};
	return { registry: join('registry'), repository: join('repository'), tag: join('tag'), digest: join('digest') };
}

/** The reference Docker would pull: normalized, with `latest` when there is no tag or digest. */
function pulled(ref: Reference): string {
	return ref.withDefaultTag().toString();
}

function tryParse(text: string): Reference | ImageReferenceError {
	try {
		return parseNormalizedReference(text);
	} catch (error) {
		if (error instanceof ImageReferenceError) return error;
		throw error;
	}
}

/**
 * Judges a typed reference against one expected reference (as the lab writes it). Throws
 * ReferenceError when the expected reference itself is invalid: that is the lab's mistake.
 */
export function compareReference(answer: string, expectedText: string, options: CompareOptions): ReferenceJudgement {
	const expected = parseNormalizedReference(expectedText.trim());
	const issues: ReferenceIssue[] = [];
	const notes: ReferenceNote[] = [];
	let text = answer.trim();
	// What Docker itself makes of the answer, capitals and all (undefined when Docker refuses it).
	const asTyped = tryParse(text);
	const normalized = asTyped instanceof ImageReferenceError ? {} : { normalized: pulled(asTyped) };

	// Capitals in the name: say so, then judge the lowercase form for anything else.
	const typed = splitTyped(text);
	const lowerName = typed.name.toLowerCase();
	if (lowerName !== typed.name) {
		const lowercase = lowerName + typed.suffix;
		// Where the registry ends is decided on the lowercase form: `Kiamol/x` is a user, not a host.
		const hasDomain = splitDockerDomain(lowercase).isDomainExplicit;
		const slash = typed.name.indexOf('/');
		const domainPart = hasDomain ? typed.name.slice(0, slash) : '';
		const pathPart = hasDomain ? typed.name.slice(slash + 1) : typed.name;
		if (domainPart !== domainPart.toLowerCase()) {
			issues.push({ kind: 'uppercase-domain', typed: domainPart, lowercase: domainPart.toLowerCase() });
		}
		if (pathPart !== pathPart.toLowerCase()) {
			issues.push({
				kind: 'uppercase-path',
				typed: pathPart,
				lowercase: pathPart.toLowerCase(),
				isReadAsRegistry: !hasDomain && splitDockerDomain(text).isDomainExplicit,
				...(asTyped instanceof ImageReferenceError && asTyped.kind === 'name-not-lowercase' ? { dockerError: asTyped.message } : {}),
			});
		}
		text = lowercase;
	}

	const parsed = tryParse(text);
	if (parsed instanceof ImageReferenceError) {
		issues.push({ kind: 'invalid', typed: text, error: parsed });
		return { isCorrect: false, isSameImage: false, issues, notes, ...normalized };
	}

	const split = splitDockerDomain(text);
	const firstComponent = text.slice(0, text.indexOf('/'));
	const hubRole = split.isDomainExplicit ? DOCKER_HUB_HOSTS[parsed.domain as keyof typeof DOCKER_HUB_HOSTS] : undefined;
	// A Docker Hub host in the wrong spelling: judge the rest as if it had said docker.io.
	const answerRef = hubRole ? parseNormalizedReference(`${DEFAULT_DOMAIN}/${text.slice(text.indexOf('/') + 1)}`) : parsed;
	const isExpectedDomainExplicit = splitDockerDomain(expectedText.trim()).isDomainExplicit;
	// A full reference of a Docker Hub image, or one without a tag, asks what Docker fills in.
	const isDefaultDomainAsked = options.requireExplicit && isExpectedDomainExplicit && expected.domain === DEFAULT_DOMAIN;
	const isDefaultTagAsked = options.requireExplicit && expected.tag === DEFAULT_TAG;

	// Registry
	let isMissingDefaultDomain = false;
	if (hubRole) {
		if (expected.domain === DEFAULT_DOMAIN) issues.push({ kind: 'hub-host', host: parsed.domain, role: hubRole });
		else issues.push({ kind: 'wrong-domain', typed: parsed.domain, expected: expected.domain, isDefaultAsked: false });
	} else if (answerRef.domain === expected.domain) {
		isMissingDefaultDomain = options.requireExplicit && isExpectedDomainExplicit && !split.isDomainExplicit;
		if (split.isDomainExplicit && firstComponent === LEGACY_DEFAULT_DOMAIN) {
			notes.push({ kind: 'legacy-domain', typed: LEGACY_DEFAULT_DOMAIN, canonical: DEFAULT_DOMAIN });
		}
	} else if (!split.isDomainExplicit) {
		const account = answerRef.path.endsWith(`/${expected.path}`) ? answerRef.path.slice(0, -expected.path.length - 1) : '';
		// Only the registry's short name in front (`mcr/`): one mistake, about the registry.
		if (account !== '' && !account.includes('/'))
			issues.push({ kind: 'registry-as-account', typed: account, expectedDomain: expected.domain });
		else issues.push({ kind: 'no-domain-means-hub', expectedDomain: expected.domain });
	} else {
		issues.push({ kind: 'wrong-domain', typed: answerRef.domain, expected: expected.domain, isDefaultAsked: isDefaultDomainAsked });
	}

	// Repository
	const isAccountIssue = issues.some((issue) => issue.kind === 'registry-as-account');
	const version = answerRef.path.startsWith(`${expected.path}/`) ? answerRef.path.slice(expected.path.length + 1) : '';
	const isVersionInPath = version !== '' && !version.includes('/') && answerRef.tag === undefined && expected.tag !== undefined;
	if (answerRef.path !== expected.path && !isAccountIssue) {
		if (answerRef.path === OFFICIAL_REPO_PREFIX + expected.path) {
			issues.push({ kind: 'library-inserted', typedPath: answerRef.path, expectedPath: expected.path });
		} else if (isVersionInPath) {
			issues.push({ kind: 'version-in-path', typed: answerRef.path, expected: expected.path, version });
		} else {
			issues.push({ kind: 'wrong-repository', typed: answerRef.path, expected: expected.path });
		}
	}

	// Digest, then tag (a digest decides on its own what is pulled)
	let isMissingDefaultTag = false;
	if (expected.digest !== undefined && answerRef.digest === undefined) {
		issues.push({ kind: 'missing-digest', expected: expected.digest });
	} else if (expected.digest !== undefined && answerRef.digest !== expected.digest) {
		issues.push({ kind: 'wrong-digest', typed: answerRef.digest ?? '', expected: expected.digest });
	} else if (expected.digest === undefined && answerRef.digest !== undefined) {
		issues.push({ kind: 'unexpected-digest', typed: answerRef.digest });
	}
	// With a digest the tag is only a label; compare tags when the expected answer has one to compare.
	const isTagChecked =
		expected.digest === undefined ? answerRef.digest === undefined || answerRef.tag !== undefined : expected.tag !== undefined;
	if (isTagChecked) {
		const expectedTag = expected.tag ?? DEFAULT_TAG;
		// `dotnet/runtime/5.0` has its tag, in the wrong place: the repository issue says so.
		if (answerRef.tag === undefined && !isVersionInPath) {
			if (expectedTag !== DEFAULT_TAG) issues.push({ kind: 'missing-tag', expected: expectedTag });
			else isMissingDefaultTag = options.requireExplicit && expected.tag !== undefined;
		} else if (answerRef.tag !== undefined && answerRef.tag !== expectedTag) {
			issues.push({ kind: 'wrong-tag', typed: answerRef.tag, expected: expectedTag, isDefaultAsked: isDefaultTagAsked });
		}
	}

	// Both defaults left out is one mistake: the short form.
	if (isMissingDefaultDomain && isMissingDefaultTag) {
		issues.push({ kind: 'short-form', typed: text, domain: expected.domain, tag: expected.tag ?? DEFAULT_TAG });
	} else if (isMissingDefaultDomain) {
		issues.push({ kind: 'missing-default-domain', domain: expected.domain });
	} else if (isMissingDefaultTag) {
		issues.push({ kind: 'missing-default-tag', tag: expected.tag ?? DEFAULT_TAG });
	}

	const isSameImage = !(asTyped instanceof ImageReferenceError) && pulled(asTyped) === pulled(expected);
	return { isCorrect: issues.length === 0, isSameImage, issues, notes, ...normalized };
}
