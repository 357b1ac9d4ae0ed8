// Every sentence a learner reads about an answer, in one place: what is wrong, in plain words,
// and what Docker does. Markdown (inline code in backticks); no stack traces, no jargon unexplained.
import { DEFAULT_DOMAIN, DEFAULT_TAG, OFFICIAL_REPO_PREFIX, anchoredTagRegexp } from '../registry/reference.js';
import type { AnswerPart } from './feedback-points.js';
import type { PullCommandProblem, PullProgram } from './parse-pull-command.js';
import type { ReferenceIssue, ReferenceNote } from './reference-feedback.js';

const code = (text: string): string => `\`${text}\``;

export const messages = {
	empty: 'Type an answer first.',
	right: 'Right.',
	wrongFallback: 'That is not it yet. Read the question again, or ask for a hint.',
	noValidAccept: 'This question cannot be checked: none of its accepted answers is a valid image reference. Please tell the lab’s author.',
	referenceNotCommand: 'The question asks for the image reference itself, not a command: type just the reference, without `docker pull`.',
	podmanShortName:
		'Podman does not assume Docker Hub for a name without a registry: it asks, or searches the registries in its own configuration. Write the registry out.',
	allTagsWithTag: 'Docker refuses a tag together with `-a`/`--all-tags` (“tag can’t be used with --all-tags/-a”): use one or the other.',
	allTagsInsteadOfTag: (tag: string) =>
		`${code('-a')}/${code('--all-tags')} downloads every tag of the repository, but the question asks for one version: leave out ${code('-a')} and name the tag, ${code(`:${tag}`)}.`,
	missingAllTags: 'The question asks for every tag of the repository: add `-a` (`--all-tags`).',
	wrongPlatform: (typed: string | undefined, expected: string) =>
		typed === undefined
			? `The question asks for the ${code(expected)} variant of the image: add ${code(`--platform ${expected}`)}.`
			: `${code(`--platform ${typed}`)} asks for another variant of the image than the one in the question, ${code(expected)}.`,
	choiceOutOfRange: (count: number) => `There is no choice with that number: answer with a number from 1 to ${count}.`,
	choiceUnknown: (count: number) => `That is not one of the choices: answer with its number (1 to ${count}) or its text.`,
	/** The answer names no image at all: "docker.io and latest", for "write the full reference of …". */
	notAReference: (image: string, named: { registry?: string; tag?: string }) => {
		const whole = `the full reference of ${code(image)}, with the registry in front and the tag at the end`;
		if (named.registry !== undefined && named.tag !== undefined) {
			return `${code(named.registry)} and ${code(named.tag)} are the right registry and tag. Now write them into ${whole}.`;
		}
		if (named.registry !== undefined) return `${code(named.registry)} is the right registry. Now write ${whole}.`;
		if (named.tag !== undefined) return `${code(named.tag)} is the right tag. Now write ${whole}.`;
		return `The answer is a whole image reference: ${whole}.`;
	},
	legacyNote: (note: ReferenceNote) =>
		`${code(note.typed)} is Docker Hub’s old name; Docker reads it as ${code(note.canonical)}, which is how references normally write it.`,
} as const;

/** Docker's error text, quoted, followed by what it means. */
function dockerSays(text: string): string {
	return `Docker would refuse it: “${text}”.`;
}

// Why a reference is malformed, from the common slips; Docker itself only says "invalid reference format".
function invalidFormatHint(typed: string): string {
	if (/\s/.test(typed)) return 'An image reference has no spaces.';
	if (typed.includes('://')) return `Leave out ${code('https://')}: a reference starts with the registry’s name, without a scheme.`;
	if (/:$|:@/.test(typed)) return `There is a ${code(':')} with no tag after it.`;
	if (typed.endsWith('@')) return `There is an ${code('@')} with no digest after it.`;
	if (typed.startsWith(':') || typed.startsWith('@')) return 'The image name is missing before the tag or digest.';
	if (typed.includes('//') || typed.endsWith('/') || typed.startsWith('/')) {
		return 'There is an empty part between slashes: each part of the name needs at least one letter or digit.';
	}
	const tagMatch = /^[^@]*\/[^/@]*:([^/@]*)(?:@|$)|^[^/@:]*:([^/@]*)(?:@|$)/.exec(typed);
	const tag = tagMatch?.[1] ?? tagMatch?.[2];
	if (tag !== undefined && !anchoredTagRegexp.test(tag)) {
		return `The tag ${code(tag)} is not valid: a tag uses letters, digits, ${code('_')}, ${code('.')} and ${code('-')} (not first), at most 128 characters.`;
	}
	return `Each part of the name uses lowercase letters and digits, joined by single ${code('.')}, ${code('_')}, ${code('__')} or dashes, and cannot start or end with one. A reference looks like ${code('registry.example.com/team/app:1.0')}.`;
}

export function referenceIssueText(issue: ReferenceIssue): string {
	switch (issue.kind) {
		case 'invalid': {
			const error = issue.error;
			switch (error.kind) {
				case 'invalid-format':
					return `${dockerSays(error.message)} ${invalidFormatHint(issue.typed)}`;
				case 'name-empty':
					return messages.empty;
				case 'name-too-long':
					return `${dockerSays(error.message)} The repository name is longer than Docker allows.`;
				case 'name-is-identifier':
					return `${dockerSays(error.message)} That is an image ID (64 hexadecimal characters), not a name: Docker refuses it as a repository name.`;
				case 'name-not-lowercase':
					return `${dockerSays(error.message)} Repository names are lowercase.`;
				case 'digest-unsupported':
				case 'digest-invalid-length':
				case 'digest-checksum-invalid-format':
				case 'digest-invalid-format':
					return `${dockerSays(error.message)} The digest after ${code('@')} must be ${code('sha256:')} followed by 64 lowercase hexadecimal characters.`;
				default:
					return dockerSays(error.message);
			}
		}
		case 'uppercase-path': {
			const parts = [`Repository names are lowercase only: write ${code(issue.lowercase)}, not ${code(issue.typed)}.`];
			const firstPart = issue.typed.split('/')[0] ?? issue.typed;
			if (issue.isReadAsRegistry) {
				parts.push(
					`With a capital letter Docker even reads ${code(firstPart)} as the name of a registry server, not as the Docker Hub account ${code(firstPart.toLowerCase())}.`,
				);
			}
			if (issue.dockerError) parts.push(dockerSays(issue.dockerError));
			return parts.join(' ');
		}
		case 'uppercase-domain':
			return `Write the registry in lowercase: ${code(issue.lowercase)}. Docker keeps the registry part of a reference exactly as typed, so ${code(issue.typed)} would name a different image.`;
		// The three below come only from a question that asks what Docker fills in: naming the
		// registry or the tag would hand over the answer, so they say which part and where.
		case 'short-form':
			return `${code(issue.typed)} is the short form you type. The full reference also writes out the two parts Docker fills in: the registry in front and the tag at the end.`;
		case 'missing-default-domain':
			return `The registry is missing: a full reference starts with the registry Docker uses when a reference names none.`;
		case 'missing-default-tag':
			return `The tag is missing: a full reference ends with a colon and the tag Docker uses when a reference gives none.`;
		case 'hub-host':
			return issue.role === 'website'
				? `${code(issue.host)} is Docker Hub’s website. In image references Docker Hub is ${code(DEFAULT_DOMAIN)}.`
				: `${code(issue.host)} is the server Docker talks to behind the scenes, but references name Docker Hub ${code(DEFAULT_DOMAIN)}: Docker treats any other name as another registry.`;
		case 'no-domain-means-hub':
			return `Without a registry in the reference Docker goes to Docker Hub (${code(DEFAULT_DOMAIN)}), but this image is on ${code(issue.expectedDomain)}: put ${code(`${issue.expectedDomain}/`)} in front of the image name.`;
		case 'registry-as-account':
			return `Without a dot, a port or ${code('localhost')}, Docker reads ${code(issue.typed)} as an account on Docker Hub, not as a registry. Write the registry’s domain, ${code(issue.expectedDomain)}.`;
		case 'wrong-domain':
			if (issue.isDefaultAsked)
				return `${code(issue.typed)} is another registry. Without one in the reference, Docker goes to Docker Hub: the full reference names Docker Hub’s domain.`;
			return issue.typed === DEFAULT_DOMAIN
				? `${code(DEFAULT_DOMAIN)} is Docker Hub, but this image is on ${code(issue.expected)}.`
				: `The registry ${code(issue.typed)} is not where this image is: it is on ${code(issue.expected)}.`;
		case 'library-inserted':
			return `${code(OFFICIAL_REPO_PREFIX)} is only for Docker Hub’s official images, the ones with a single name such as ${code('ubuntu')} (${code('docker.io/library/ubuntu')}). ${code(issue.expectedPath)} already has its own namespace, ${code(issue.expectedPath.split('/')[0] ?? '')}, so its reference has no ${code(OFFICIAL_REPO_PREFIX)}.`;
		case 'wrong-repository':
			return `The repository ${code(issue.typed)} is not the one the question is about, ${code(issue.expected)}.`;
		case 'version-in-path':
			return `${code(issue.typed)} makes ${code(issue.version)} part of the repository’s name. A tag goes after a colon, not a slash.`;
		case 'missing-tag':
			return `There is no tag, so Docker would use ${code(DEFAULT_TAG)}, but the question asks for version ${code(issue.expected)}: add the tag ${code(`:${issue.expected}`)}.`;
		case 'wrong-tag':
			if (issue.isDefaultAsked) {
				return `${code(`:${issue.typed}`)} is not the tag Docker uses when a reference gives none. ${code('docker pull')} names it when it fills it in: ${code('Using default tag: …')}.`;
			}
			if (issue.typed === DEFAULT_TAG) {
				return `${code(DEFAULT_TAG)} is only the tag Docker uses when none is given (whatever the publisher last tagged so), but the question asks for version ${code(issue.expected)}.`;
			}
			return `The tag ${code(`:${issue.typed}`)} is not the version the question asks for, ${code(`:${issue.expected}`)}. Tags are labels matched exactly: ${code(issue.typed)} and ${code(issue.expected)} can be different images.`;
		case 'missing-digest':
			return `The question asks for the image by its digest, ${code(`@${issue.expected}`)}.`;
		case 'wrong-digest':
			return `The digest ${code(issue.typed)} is a different image from the one asked for, ${code(issue.expected)}.`;
		case 'unexpected-digest':
			return `A digest (${code(`@${issue.typed}`)}) pins one exact build; the question asks for the image by its tag.`;
	}
}

/** What each issue is about, so a lab rule about the same part is known to say the same thing. */
export function issueParts(issue: ReferenceIssue): AnswerPart[] {
	switch (issue.kind) {
		case 'invalid':
			return ['registry', 'repository', 'tag', 'digest'];
		case 'short-form':
			return ['registry', 'tag'];
		case 'registry-as-account':
			return ['registry', 'repository'];
		case 'version-in-path':
			return ['repository', 'tag'];
		case 'uppercase-domain':
		case 'missing-default-domain':
		case 'hub-host':
		case 'no-domain-means-hub':
		case 'wrong-domain':
			return ['registry'];
		case 'uppercase-path':
		case 'library-inserted':
		case 'wrong-repository':
			return ['repository'];
		case 'missing-tag':
		case 'wrong-tag':
		case 'missing-default-tag':
			return ['tag'];
		case 'missing-digest':
		case 'wrong-digest':
		case 'unexpected-digest':
			return ['digest'];
	}
}

const pullOptions = (program: PullProgram): string =>
	program === 'podman'
		? '`-a`/`--all-tags`, `--platform`, `-q`/`--quiet`, `--disable-content-trust` and `--tls-verify`'
		: '`-a`/`--all-tags`, `--platform`, `-q`/`--quiet` and `--disable-content-trust`';

const notDownloading: Record<string, (program: string) => string> = {
	run: (p) =>
		`${code(`${p} run`)} starts a container from the image (pulling it first only when it is missing). The question asks for the command that just downloads the image: ${code(`${p} pull`)}.`,
	create: (p) =>
		`${code(`${p} create`)} makes a container from the image. The command that just downloads the image is ${code(`${p} pull`)}.`,
	push: (p) => `${code(`${p} push`)} uploads an image to a registry; downloading one is ${code(`${p} pull`)}.`,
	'image push': (p) => `${code(`${p} image push`)} uploads an image to a registry; downloading one is ${code(`${p} image pull`)}.`,
	search: (p) => `${code(`${p} search`)} only lists images found on Docker Hub; ${code(`${p} pull`)} downloads one.`,
	image: (p) => `${code(`${p} image`)} needs a subcommand: ${code(`${p} image pull`)} downloads an image.`,
};
const madeUp = new Set(['get', 'fetch', 'download', 'install', 'retrieve', 'clone', 'image get', 'image download']);

export function commandProblemText(problem: PullCommandProblem): string {
	switch (problem.kind) {
		case 'empty':
			return messages.empty;
		case 'shell-operator':
			return `Give just the one pull command, without ${code(problem.operator)}: no pipes, ${code(';')}, ${code('&&')} or redirections.`;
		case 'command-substitution':
			return `${code('$(...)')} and backticks run another command; type the pull command itself.`;
		case 'variable':
			return `${code(`$${problem.name}`)} is a shell variable: type its value instead, so the answer is the complete command.`;
		case 'not-docker':
			if (problem.program.toLowerCase() === 'docker') return `Commands are lowercase: start with ${code('docker')}.`;
			if (problem.isOneWord) {
				return `That is only the image. The question asks for the whole command that downloads it, which starts with ${code('docker pull')}.`;
			}
			if (problem.program === 'pull') return `Start with ${code('docker')}: the command is ${code('docker pull')} followed by the image.`;
			return `${code(problem.program)} is not Docker’s command line: the command that downloads an image starts with ${code('docker pull')}.`;
		case 'missing-subcommand':
			return `${code(problem.program)} on its own does nothing: ${code(`${problem.program} pull`)} followed by the image downloads it.`;
		case 'option-before-subcommand':
			return `Put the options after ${code(`${problem.program} pull`)}: ${code(problem.option)} is not a pull option in that place.`;
		case 'wrong-subcommand': {
			const explain = notDownloading[problem.subcommand];
			if (explain) return explain(problem.program);
			if (madeUp.has(problem.subcommand)) {
				return `There is no ${code(`${problem.program} ${problem.subcommand}`)} command: the command that downloads an image is ${code(`${problem.program} pull`)}.`;
			}
			return `${code(`${problem.program} ${problem.subcommand}`)} does not download an image; ${code(`${problem.program} pull`)} does.`;
		}
		case 'missing-reference':
			return `${code(`${problem.program} pull`)} needs the image to download, e.g. ${code(`${problem.program} pull registry.example.com/team/app:1.0`)}.`;
		case 'extra-arguments': {
			const [word] = problem.words;
			// `docker pull mcr.microsoft.com/dotnet/runtime 5.0`: the version typed as a word of its own.
			if (problem.words.length === 1 && word !== undefined && anchoredTagRegexp.test(word)) {
				return `${code(`${problem.program} pull`)} takes one image, and its version is part of it: the tag goes after a colon, not after a space.`;
			}
			return `${code('pull')} takes exactly one image; remove ${code(problem.words.join(' '))}.`;
		}
		case 'unknown-flag':
			return `${code(`${problem.program} pull`)} has no option ${code(problem.flag)}. Its options are ${pullOptions(problem.program)}.`;
		case 'flag-needs-value':
			return `${code(problem.flag)} needs a value, e.g. ${code(`${problem.flag} linux/amd64`)}.`;
		case 'bad-flag-value':
			return `${code(problem.flag)} takes ${code('true')} or ${code('false')}, not ${code(problem.value)}.`;
	}
}
