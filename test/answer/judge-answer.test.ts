// The registries lab's two questions, answered right and wrong in the ways learners get them
// wrong; each wrong answer must get feedback that names its mistake.
import { describe, expect, it } from 'vitest';
import { judgeAnswer } from '../../src/answer/judge-answer.js';
import type { Question } from '../../src/lab/schema.js';

const fullReference: Question = {
	ask: 'What is the full reference for the image `kiamol/ch05-pi`?',
	kind: 'reference',
	accept: ['docker.io/kiamol/ch05-pi:latest'],
	explain: 'Docker fills in the registry `docker.io` and the tag `latest`.',
};

const pullFromMcr: Question = {
	ask: 'What command pulls version `5.0` of `dotnet/runtime` from MCR?',
	kind: 'command',
	accept: ['docker pull mcr.microsoft.com/dotnet/runtime:5.0'],
	explain: 'Images outside Docker Hub need their registry in the reference.',
};

describe('judgeAnswer: the full reference of kiamol/ch05-pi', () => {
	it.each([
		['the full reference', 'docker.io/kiamol/ch05-pi:latest'],
		['the full reference in backticks', '`docker.io/kiamol/ch05-pi:latest`'],
		['the full reference in quotes, with spaces around', '  "docker.io/kiamol/ch05-pi:latest" '],
	])('accepts %s and explains why it is right', (_, answer) => {
		expect(judgeAnswer(fullReference, answer)).toEqual({
			correct: true,
			feedback: 'Docker fills in the registry `docker.io` and the tag `latest`.',
			normalized: 'docker.io/kiamol/ch05-pi:latest',
		});
	});

	it.each<[string, string, string[]]>([
		[
			'the short form: the same image, but not the full reference',
			'kiamol/ch05-pi',
			['`kiamol/ch05-pi` is the short form', 'the two parts Docker fills in: the registry in front and the tag at the end'],
		],
		[
			'no tag: the default tag latest is missing',
			'docker.io/kiamol/ch05-pi',
			['tag is missing', 'the tag Docker uses when a reference gives none'],
		],
		[
			'no registry: the default registry docker.io is missing',
			'kiamol/ch05-pi:latest',
			['registry is missing', 'the registry Docker uses when a reference names none'],
		],
		[
			'library/ in a user image',
			'docker.io/library/kiamol/ch05-pi:latest',
			['`library/` is only for Docker Hub’s official images', 'own namespace, `kiamol`'],
		],
		[
			'the Docker Hub API host as registry',
			'registry-1.docker.io/kiamol/ch05-pi:latest',
			['`registry-1.docker.io` is the server Docker talks to', 'name Docker Hub `docker.io`'],
		],
		['Docker Hub’s website as registry', 'hub.docker.com/kiamol/ch05-pi:latest', ['Docker Hub’s website']],
		['another tag', 'docker.io/kiamol/ch05-pi:v2', ['`:v2` is not the tag Docker uses when a reference gives none']],
		[
			'a capital letter, which Docker reads as a registry',
			'Kiamol/ch05-pi',
			['lowercase only: write `kiamol/ch05-pi`, not `Kiamol/ch05-pi`', 'reads `Kiamol` as the name of a registry server', 'short form'],
		],
		[
			'a capital letter Docker refuses',
			'docker.io/kiamol/Ch05-pi:latest',
			['lowercase only', '“invalid reference format: repository name (kiamol/Ch05-pi) must be lowercase”'],
		],
		['an invalid reference with a space', 'kiamol/ch05 pi', ['“invalid reference format”', 'no spaces']],
		[
			'an invalid reference with a scheme',
			'https://docker.io/kiamol/ch05-pi:latest',
			['“invalid reference format”', 'Leave out `https://`'],
		],
		['an empty tag', 'docker.io/kiamol/ch05-pi:', ['`:` with no tag after it']],
		['an image ID', 'a'.repeat(64), ['cannot specify 64-byte hexadecimal strings', 'image ID']],
		[
			'a pull command instead of a reference',
			'docker pull docker.io/kiamol/ch05-pi:latest',
			['asks for the image reference itself, not a command'],
		],
	])('refuses %s', (_, answer, phrases) => {
		const verdict = judgeAnswer(fullReference, answer);
		expect(verdict.correct).toBe(false);
		for (const phrase of phrases) expect(verdict.feedback).toContain(phrase);
	});

	it('accepts the legacy index.docker.io name as docker.io, and says which name is canonical', () => {
		const verdict = judgeAnswer(fullReference, 'index.docker.io/kiamol/ch05-pi:latest');
		expect(verdict.correct).toBe(true);
		expect(verdict.normalized).toBe('docker.io/kiamol/ch05-pi:latest');
		expect(verdict.feedback).toContain('Docker fills in the registry');
		expect(verdict.feedback).toContain('`index.docker.io` is Docker Hub’s old name; Docker reads it as `docker.io`');
	});

	it('normalizes a wrong answer the way Docker reads it', () => {
		expect(judgeAnswer(fullReference, 'kiamol/ch05-pi').normalized).toBe('docker.io/kiamol/ch05-pi:latest');
	});
});

describe('judgeAnswer: pulling dotnet/runtime 5.0 from MCR', () => {
	it.each([
		['docker pull', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0'],
		['docker image pull', 'docker image pull mcr.microsoft.com/dotnet/runtime:5.0'],
		['with -q', 'docker pull -q mcr.microsoft.com/dotnet/runtime:5.0'],
		['with --platform', 'docker pull --platform linux/amd64 mcr.microsoft.com/dotnet/runtime:5.0'],
		['with --disable-content-trust', 'docker pull --disable-content-trust mcr.microsoft.com/dotnet/runtime:5.0'],
		['with sudo', 'sudo docker pull mcr.microsoft.com/dotnet/runtime:5.0'],
		['with a $ prompt pasted', '$ docker pull mcr.microsoft.com/dotnet/runtime:5.0'],
		['podman with the registry written out', 'podman pull mcr.microsoft.com/dotnet/runtime:5.0'],
	])('accepts %s', (_, answer) => {
		expect(judgeAnswer(pullFromMcr, answer)).toEqual({
			correct: true,
			feedback: 'Images outside Docker Hub need their registry in the reference.',
			normalized: 'mcr.microsoft.com/dotnet/runtime:5.0',
		});
	});

	it.each<[string, string, string[]]>([
		[
			'Docker Hub instead of MCR (no registry)',
			'docker pull dotnet/runtime:5.0',
			['Without a registry in the reference Docker goes to Docker Hub', 'this image is on `mcr.microsoft.com`'],
		],
		[
			'Docker Hub instead of MCR (docker.io)',
			'docker pull docker.io/dotnet/runtime:5.0',
			['`docker.io` is Docker Hub', '`mcr.microsoft.com`'],
		],
		['tag 5 instead of 5.0', 'docker pull mcr.microsoft.com/dotnet/runtime:5', ['The tag `:5` is not the version', '`:5.0`']],
		['tag 6.0', 'docker pull mcr.microsoft.com/dotnet/runtime:6.0', ['The tag `:6.0` is not the version', '`:5.0`']],
		[
			'tag latest',
			'docker pull mcr.microsoft.com/dotnet/runtime:latest',
			['`latest` is only the tag Docker uses when none is given', '`5.0`'],
		],
		['no tag', 'docker pull mcr.microsoft.com/dotnet/runtime', ['no tag, so Docker would use `latest`', 'add the tag `:5.0`']],
		[
			'docker run',
			'docker run mcr.microsoft.com/dotnet/runtime:5.0',
			['`docker run` starts a container', 'just downloads the image: `docker pull`'],
		],
		['docker get', 'docker get mcr.microsoft.com/dotnet/runtime:5.0', ['There is no `docker get` command', '`docker pull`']],
		['docker push', 'docker push mcr.microsoft.com/dotnet/runtime:5.0', ['`docker push` uploads an image', '`docker pull`']],
		['docker image push', 'docker image push mcr.microsoft.com/dotnet/runtime:5.0', ['uploads an image', '`docker image pull`']],
		['Docker capitalised', 'Docker pull mcr.microsoft.com/dotnet/runtime:5.0', ['Commands are lowercase']],
		[
			'the registry in capitals',
			'docker pull MCR.microsoft.com/dotnet/runtime:5.0',
			['Write the registry in lowercase: `mcr.microsoft.com`'],
		],
		[
			'the repository in capitals',
			'docker pull mcr.microsoft.com/dotnet/Runtime:5.0',
			['lowercase only: write `dotnet/runtime`', 'must be lowercase”'],
		],
		['just the reference', 'mcr.microsoft.com/dotnet/runtime:5.0', ['only the image', 'starts with `docker pull`']],
		['all tags instead of one', 'docker pull -a mcr.microsoft.com/dotnet/runtime', ['downloads every tag', '`:5.0`']],
		['all tags with a tag', 'docker pull -a mcr.microsoft.com/dotnet/runtime:5.0', ['refuses a tag together with `-a`']],
		['a pipe', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0 | tee log', ['just the one pull command', '`|`']],
		['a second command', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0 && docker images', ['just the one pull command', '`&&`']],
		['a variable', 'docker pull $IMAGE', ['`$IMAGE` is a shell variable']],
		['an unknown option', 'docker pull --force mcr.microsoft.com/dotnet/runtime:5.0', ['has no option `--force`']],
		['no image', 'docker pull', ['needs the image to download']],
		[
			'an invalid reference',
			'docker pull mcr.microsoft.com//dotnet/runtime:5.0',
			['“invalid reference format”', 'empty part between slashes'],
		],
		['podman with a short name', 'podman pull dotnet/runtime:5.0', ['Docker Hub', '`mcr.microsoft.com`']],
	])('refuses %s', (_, answer, phrases) => {
		const verdict = judgeAnswer(pullFromMcr, answer);
		expect(verdict.correct).toBe(false);
		for (const phrase of phrases) expect(verdict.feedback).toContain(phrase);
	});

	it('normalizes the pulled reference of a wrong command', () => {
		expect(judgeAnswer(pullFromMcr, 'docker pull dotnet/runtime:5.0').normalized).toBe('docker.io/dotnet/runtime:5.0');
	});

	it('accepts a short Docker Hub name in a command, since docker pull fills in the defaults', () => {
		const question: Question = { ask: 'Pull kiamol/ch05-pi', kind: 'command', accept: ['docker pull docker.io/kiamol/ch05-pi:latest'] };
		expect(judgeAnswer(question, 'docker pull kiamol/ch05-pi')).toEqual({
			correct: true,
			feedback: 'Right.',
			normalized: 'docker.io/kiamol/ch05-pi:latest',
		});
	});

	it('asks podman users to write the registry out even for Docker Hub', () => {
		const question: Question = { ask: 'Pull kiamol/ch05-pi', kind: 'command', accept: ['docker pull kiamol/ch05-pi'] };
		const verdict = judgeAnswer(question, 'podman pull kiamol/ch05-pi');
		expect(verdict.correct).toBe(false);
		expect(verdict.feedback).toContain('Podman does not assume Docker Hub');
	});

	it('requires the platform when the accepted command names one', () => {
		const question: Question = { ...pullFromMcr, accept: ['docker pull --platform linux/arm64 mcr.microsoft.com/dotnet/runtime:5.0'] };
		expect(judgeAnswer(question, 'docker pull mcr.microsoft.com/dotnet/runtime:5.0').feedback).toContain('add `--platform linux/arm64`');
		expect(judgeAnswer(question, 'docker pull --platform=linux/arm64 mcr.microsoft.com/dotnet/runtime:5.0').correct).toBe(true);
	});
});

describe('judgeAnswer: the lab’s own feedback rules', () => {
	const question: Question = {
		...pullFromMcr,
		feedback: [
			{ when: 'dotnet/core', say: '`dotnet/core/runtime` is the old name of this image.' },
			{ when: ':5$', say: 'MCR tags the runtime with its full version.' },
			{ when: 'pull -q', say: 'No need for `-q` here.' },
			{ when: '([', say: 'A malformed pattern is ignored.' },
		],
	};

	it('says a rule’s words instead of the built-in ones about the same part of the answer', () => {
		// `:5$` stops matching once the tag is right: the rule is about the tag, as the built-in point is.
		const verdict = judgeAnswer(question, 'docker pull mcr.microsoft.com/dotnet/runtime:5');
		expect(verdict.feedback).toBe('MCR tags the runtime with its full version.');
	});

	it('keeps the judge’s order when rules replace several points', () => {
		const verdict = judgeAnswer(question, 'docker pull mcr.microsoft.com/dotnet/core/runtime:5');
		expect(verdict.feedback).toBe('`dotnet/core/runtime` is the old name of this image.\n\nMCR tags the runtime with its full version.');
	});

	it('adds a rule about a part the built-in feedback found nothing wrong with, after it', () => {
		const verdict = judgeAnswer(question, 'docker pull -q mcr.microsoft.com/dotnet/runtime:5');
		expect(verdict.feedback).toBe('MCR tags the runtime with its full version.\n\nNo need for `-q` here.');
	});

	it('matches case-insensitively against the answer as typed', () => {
		const verdict = judgeAnswer(question, 'docker pull mcr.microsoft.com/DOTNET/CORE/runtime:5.0');
		expect(verdict.feedback).toContain('`dotnet/core/runtime` is the old name of this image.');
	});

	it('says nothing of its rules when the answer is right', () => {
		const answer = 'docker pull mcr.microsoft.com/dotnet/runtime:5.0';
		expect(judgeAnswer({ ...question, feedback: [{ when: 'runtime', say: 'never shown' }] }, answer).feedback).not.toContain('never shown');
	});
});

describe('judgeAnswer: text questions', () => {
	const question: Question = {
		ask: 'Which port does the registry listen on?',
		kind: 'text',
		accept: ['5000', 'port 5000'],
		feedback: [{ when: '^443$', say: 'That is the HTTPS port; the lab’s registry speaks plain HTTP.' }],
		explain: 'The registry container listens on 5000.',
	};

	it.each([['5000'], [' Port 5000 '], ['PORT 5000']])('accepts %j (whole answer, any case)', (answer) => {
		expect(judgeAnswer(question, answer)).toEqual({
			correct: true,
			feedback: 'The registry container listens on 5000.',
			normalized: answer.trim(),
		});
	});

	it('does not accept a match inside a longer answer', () => {
		expect(judgeAnswer(question, '50000').correct).toBe(false);
	});

	it('gives the lab’s feedback for a matching wrong answer', () => {
		expect(judgeAnswer(question, '443').feedback).toBe('That is the HTTPS port; the lab’s registry speaks plain HTTP.');
	});

	it('falls back to a gentle nudge when nothing more specific applies', () => {
		expect(judgeAnswer(question, '80').feedback).toBe('That is not it yet. Read the question again, or ask for a hint.');
	});
});

describe('judgeAnswer: choice questions', () => {
	const question: Question = {
		ask: 'What does `docker pull` use when there is no tag?',
		kind: 'choice',
		choices: ['newest', 'latest', 'stable'],
		accept: ['latest'],
	};

	it.each([['2'], ['2.'], ['2)'], ['latest'], ['  LATEST ']])('accepts %j', (answer) => {
		expect(judgeAnswer(question, answer)).toEqual({ correct: true, feedback: 'Right.', normalized: 'latest' });
	});

	it('refuses another choice, by number or text', () => {
		expect(judgeAnswer(question, '1')).toMatchObject({ correct: false, normalized: 'newest' });
		expect(judgeAnswer(question, 'stable')).toMatchObject({ correct: false, normalized: 'stable' });
	});

	it('says which numbers exist when the number is out of range', () => {
		expect(judgeAnswer(question, '4').feedback).toBe('There is no choice with that number: answer with a number from 1 to 3.');
	});

	it('says how to answer when the text is not a choice', () => {
		expect(judgeAnswer(question, 'edge').feedback).toBe('That is not one of the choices: answer with its number (1 to 3) or its text.');
	});
});

describe('judgeAnswer: anything at all', () => {
	it.each(['reference', 'command', 'text', 'choice'] as const)('asks for an answer when the %s answer is empty', (kind) => {
		const question: Question = { ask: 'Q', kind, accept: ['docker pull x'], choices: ['a', 'b'] };
		expect(judgeAnswer(question, '  ')).toEqual({ correct: false, feedback: 'Type an answer first.' });
	});

	it('says the question cannot be checked when the lab accepts no valid reference', () => {
		const question: Question = { ask: 'Q', kind: 'reference', accept: ['Not A Reference'] };
		expect(judgeAnswer(question, 'alpine').feedback).toContain('cannot be checked');
	});

	it.each(['"', '\\', '$(', '`', '@', ':', '/', '[', 'docker pull "', "docker pull 'unterminated", '\u0000', 'ü/ä:ö'])(
		'never throws, whatever is typed: %j',
		(answer) => {
			for (const question of [fullReference, pullFromMcr]) {
				const verdict = judgeAnswer(question, answer);
				expect(verdict.correct).toBe(false);
				expect(verdict.feedback.length).toBeGreaterThan(0);
			}
		},
	);
});
