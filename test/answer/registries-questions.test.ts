// The registries lab's two questions, as shipped (labs/registries/lab.yaml), against the wrong
// answers learners really give. Each gets what a person can act on: at most two short paragraphs,
// the most specific first, one point each, and never the whole right answer (hints and the
// solution are there for that).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_FEEDBACK_PARAGRAPHS } from '../../src/answer/feedback-points.js';
import { judgeAnswer } from '../../src/answer/judge-answer.js';
import { loadLab } from '../../src/lab/load-lab.js';
import type { Question } from '../../src/lab/schema.js';

const labFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../labs/registries/lab.yaml');
const lab = loadLab(labFile).lab!;

function questionOf(stepId: string): Question {
	const question = lab?.steps.find((step) => step.id === stepId)?.question;
	if (!question) throw new Error(`the registries lab has no question step ${stepId}`);
	return question;
}

/** "Short" is what fits in three lines of a narrow pane. */
const SHORT_PARAGRAPH = 240;

/**
 * Judges a wrong answer and checks what every wrong answer's feedback must be: one paragraph per
 * expected phrase (so nothing said twice, nothing missing), each naming its problem, all short, and
 * without the accepted answer in it.
 */
function expectFeedback(question: Question, answer: string, phrases: string[]): string[] {
	const verdict = judgeAnswer(question, answer);
	expect(verdict.correct).toBe(false);
	const paragraphs = verdict.feedback.split('\n\n');
	expect(paragraphs.length).toBeLessThanOrEqual(MAX_FEEDBACK_PARAGRAPHS);
	expect(paragraphs).toHaveLength(phrases.length);
	phrases.forEach((phrase, index) => expect(paragraphs[index]).toContain(phrase));
	for (const paragraph of paragraphs) expect(paragraph.length).toBeLessThanOrEqual(SHORT_PARAGRAPH);
	for (const accepted of question.accept) expect(verdict.feedback).not.toContain(accepted);
	return paragraphs;
}

describe('the question “what Docker fills in” (reference-defaults)', () => {
	const question = questionOf('reference-defaults');

	it.each<[string, string, string[]]>([
		['the short form', 'kiamol/ch05-pi', ['That is the short form you would type']],
		['the short form in backticks', '`kiamol/ch05-pi`', ['`kiamol/ch05-pi` is the short form you type']],
		['no tag', 'docker.io/kiamol/ch05-pi', ['Add the tag Docker uses when none is given']],
		['no tag, with Docker Hub’s old name', 'index.docker.io/kiamol/ch05-pi', ['Add the tag Docker uses when none is given']],
		['no registry', 'kiamol/ch05-pi:latest', ['Start with the domain of the registry Docker uses by default']],
		['Docker Hub’s website as the registry', 'hub.docker.com/kiamol/ch05-pi:latest', ["`hub.docker.com` is Docker Hub's website"]],
		[
			'Docker Hub’s API host as the registry',
			'registry-1.docker.io/kiamol/ch05-pi:latest',
			['the server Docker talks to behind the scenes'],
		],
		['another registry', 'quay.io/kiamol/ch05-pi:latest', ['`quay.io` is another registry']],
		['library/ in a user’s image', 'docker.io/library/kiamol/ch05-pi:latest', ['`library/` is only for official images']],
		['a version as the tag', 'docker.io/kiamol/ch05-pi:1.0', ['The default tag is not a version number']],
		['a version as the tag, and no registry', 'kiamol/ch05-pi:v1', ['The default tag is not a version number', 'Start with the domain']],
		['the tag after a slash', 'docker.io/kiamol/ch05-pi/latest', ['makes `latest` part of the repository’s name']],
		['a capital letter in the short form', 'Kiamol/ch05-pi', ['lowercase only', 'That is the short form you would type']],
		['a pull command', 'docker pull kiamol/ch05-pi', ['not a command', '`kiamol/ch05-pi` is the short form you type']],
		['only the registry', 'docker.io', ['`docker.io` is the right registry. Now write the full reference of `kiamol/ch05-pi`']],
		['only the tag', 'latest', ['`latest` is the right tag']],
		['the registry and the tag as words', 'docker.io and latest', ['`docker.io` and `latest` are the right registry and tag']],
		['the registry and the tag in a list', 'docker.io, latest', ['are the right registry and tag']],
		['the registry and the tag as one name', 'docker.io:latest', ['are the right registry and tag']],
		['Docker Hub by its name', 'Docker Hub', ['The answer is a whole image reference: the full reference of `kiamol/ch05-pi`']],
	])('%s: names the problem once', (_, answer, phrases) => {
		expectFeedback(question, answer, phrases);
	});

	it.each([
		'kiamol/ch05-pi',
		'docker.io/kiamol/ch05-pi',
		'kiamol/ch05-pi:latest',
		'kiamol/ch05-pi:v1',
		'Kiamol/ch05-pi',
		'docker pull kiamol/ch05-pi',
		'quay.io/kiamol/ch05-pi:latest',
	])('does not name what Docker fills in that %j leaves out: the question asks for exactly that', (answer) => {
		const { feedback } = judgeAnswer(question, answer);
		for (const part of ['docker.io', 'latest']) if (!answer.includes(part)) expect(feedback).not.toContain(part);
	});
});

describe('the question “pulling from another registry” (pull-from-mcr)', () => {
	const question = questionOf('pull-from-mcr');

	it.each<[string, string, string[]]>([
		['no registry', 'docker pull dotnet/runtime:5.0', ['Without a domain, Docker looks on Docker Hub']],
		[
			'no registry and no tag',
			'docker pull dotnet/runtime',
			['Without a domain, Docker looks on Docker Hub', 'The version goes in the tag'],
		],
		[
			'Docker Hub written out',
			'docker pull docker.io/dotnet/runtime:5.0',
			['`docker.io` is Docker Hub, but this image is on `mcr.microsoft.com`'],
		],
		['the short name MCR as the registry', 'docker pull mcr/dotnet/runtime:5.0', ['reads `mcr` as an account on Docker Hub']],
		['the company’s domain', 'docker pull microsoft.com/dotnet/runtime:5.0', ["MCR's domain is `mcr.microsoft.com`"]],
		['a scheme', 'docker pull https://mcr.microsoft.com/dotnet/runtime:5.0', ['Leave out `https://`']],
		['the registry in capitals', 'docker pull MCR.microsoft.com/dotnet/runtime:5.0', ['Write the registry in lowercase']],
		['another repository', 'docker pull mcr.microsoft.com/runtime:5.0', ['The repository `runtime` is not the one']],
		['no tag', 'docker pull mcr.microsoft.com/dotnet/runtime', ['The version goes in the tag, after a colon']],
		[
			'no tag, with the newer command name',
			'docker image pull mcr.microsoft.com/dotnet/runtime',
			['The version goes in the tag, after a colon'],
		],
		['the tag latest', 'docker pull mcr.microsoft.com/dotnet/runtime:latest', ['`latest` is only the tag Docker uses when none is given']],
		['the tag 5', 'docker pull mcr.microsoft.com/dotnet/runtime:5', ['Close. The tag that was asked for is exactly `5.0`']],
		['a patch version', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0.17', ['Close. The tag that was asked for is exactly `5.0`']],
		['another version', 'docker pull mcr.microsoft.com/dotnet/runtime:6.0', ['The tag `:6.0` is not the version']],
		['the version after a space', 'docker pull mcr.microsoft.com/dotnet/runtime 5.0', ['the tag goes after a colon, not after a space']],
		['the version after a slash', 'docker pull mcr.microsoft.com/dotnet/runtime/5.0', ['makes `5.0` part of the repository’s name']],
		['every tag instead of one', 'docker pull -a mcr.microsoft.com/dotnet/runtime', ['downloads every tag']],
		['docker run', 'docker run mcr.microsoft.com/dotnet/runtime:5.0', ['`docker run` would pull the image and then start a container']],
		['docker get', 'docker get mcr.microsoft.com/dotnet/runtime:5.0', ['There is no `docker get` command']],
		['only the image', 'mcr.microsoft.com/dotnet/runtime:5.0', ['That is only the image']],
		['a second command', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0 && docker images', ['just the one pull command']],
	])('%s: names the problem once', (_, answer, phrases) => {
		expectFeedback(question, answer, phrases);
	});
});
