// `registry-lab answer`, driven as a learner types it: the two questions of the registries lab
// accept the right answer in the forms Docker treats as the same, and each typical wrong answer
// gets the feedback about exactly what is wrong with it. No Docker needed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';

let stateDir: string;
const answer = (...args: string[]) => runCliSync(['answer', ...args], { env: { REGISTRY_LAB_STATE_DIR: stateDir } });

beforeAll(() => {
	ensureBuilt();
	stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'));
});

afterAll(() => {
	rmSync(stateDir, { recursive: true, force: true });
});

describe('registry-lab answer reference-defaults', () => {
	it.each([['docker.io/kiamol/ch05-pi:latest'], ['index.docker.io/kiamol/ch05-pi:latest'], ['`docker.io/kiamol/ch05-pi:latest`']])(
		'accepts %s and explains the defaults',
		(typed) => {
			const result = answer('reference-defaults', typed);
			expect(result.stdout).toMatch(/^Right\.\n/);
			expect(result.stdout).toContain('the registry `docker.io` (Docker Hub) and the tag `latest`');
			expect(result.code).toBe(0);
		},
	);

	it.each([
		['the short form', 'kiamol/ch05-pi', 'That is the short form you would type.'],
		['a missing tag', 'docker.io/kiamol/ch05-pi', 'Add the tag Docker uses when none is given, after a colon.'],
		['library/ inserted', 'docker.io/library/kiamol/ch05-pi:latest', '`kiamol` is a user, so the repository stays `kiamol/ch05-pi`.'],
	])('rejects %s with the feedback for it', (_case, typed, feedback) => {
		const result = answer('reference-defaults', typed);
		expect(result.stdout).toMatch(/^Not quite\.\n/);
		expect(result.stdout).toContain(feedback);
		// A wrong answer must not be told the full reference, and gets two paragraphs at most.
		expect(result.stdout).not.toContain('docker.io/kiamol/ch05-pi:latest');
		expect(result.stdout.trim().split('\n\n').slice(1).length).toBeLessThanOrEqual(2);
		expect(result.code).toBe(1);
	});
});

describe('registry-lab answer pull-from-mcr', () => {
	it.each([
		// As one quoted argument, and word by word with the lab named first.
		[['pull-from-mcr', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0']],
		[['registries', 'pull-from-mcr', 'docker', 'image', 'pull', 'mcr.microsoft.com/dotnet/runtime:5.0']],
		[['pull-from-mcr', 'docker', 'pull', '--platform', 'linux/amd64', 'mcr.microsoft.com/dotnet/runtime:5.0']],
	])('accepts %j', (words) => {
		const result = answer(...words);
		expect(result.stdout).toMatch(/^Right\.\n/);
		expect(result.stdout).toContain('Docker reads the image reference as mcr.microsoft.com/dotnet/runtime:5.0');
		expect(result.code).toBe(0);
	});

	it.each([
		['Docker Hub instead of MCR', 'docker pull dotnet/runtime:5.0', 'Without a domain, Docker looks on Docker Hub.'],
		['the wrong tag', 'docker pull mcr.microsoft.com/dotnet/runtime:5', 'Close. The tag that was asked for is exactly `5.0`.'],
		[
			'docker run',
			'docker run mcr.microsoft.com/dotnet/runtime:5.0',
			'`docker run` would pull the image and then start a container from it.',
		],
	])('rejects %s with the feedback for it', (_case, typed, feedback) => {
		const result = answer('pull-from-mcr', ...typed.split(' '));
		expect(result.stdout).toMatch(/^Not quite\.\n/);
		expect(result.stdout).toContain(feedback);
		expect(result.code).toBe(1);
	});
});

describe('registry-lab answer, used wrongly', () => {
	it('exits 2 for a step that is not a question, and lists the question steps', () => {
		const result = answer('build-curl', 'docker build .');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('build-curl is not a question');
		expect(result.stderr).toContain('The question steps of registries are: reference-defaults, pull-from-mcr');
	});

	it('exits 2 for an unknown step, and lists the question steps', () => {
		const result = answer('referenc-defaults', 'docker.io/kiamol/ch05-pi:latest');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(
			/^registry-lab answer: the lab registries has no step "referenc-defaults"\. The question steps of registries are: reference-defaults, pull-from-mcr\n$/,
		);
	});

	it('exits 2 and shows the question when the answer is missing', () => {
		const result = answer('pull-from-mcr');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('What command pulls version `5.0` of the `dotnet/runtime` image from MCR?');
	});

	it('has saved the right answers with the learner’s progress', () => {
		const saved = JSON.parse(readFileSync(path.join(stateDir, 'progress', 'registries.json'), 'utf8')) as {
			answers: Record<string, { correct: boolean }>;
			done: string[];
		};
		expect(saved.answers['reference-defaults']?.correct).toBe(true);
		expect(saved.answers['pull-from-mcr']).toEqual({
			text: 'docker pull --platform linux/amd64 mcr.microsoft.com/dotnet/runtime:5.0',
			correct: true,
		});
		expect(saved.done).toEqual(expect.arrayContaining(['reference-defaults', 'pull-from-mcr']));
	});
});

describe('registry-lab answer with options between the lab and the step, and after the answer', () => {
	let optionsStateDir: string;
	const answerWithOptions = (...args: string[]) => runCliSync(['answer', ...args], { env: { REGISTRY_LAB_STATE_DIR: optionsStateDir } });

	beforeAll(() => {
		optionsStateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'));
	});

	afterAll(() => {
		rmSync(optionsStateDir, { recursive: true, force: true });
	});

	it('judges the answer when --set stands between the lab and the step', () => {
		const result = answerWithOptions('registries', '--set', 'dockerId=learner1', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest');
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Right\.\n/);
		expect(result.code).toBe(0);
	});

	it('reads a --set after the answer as an option, not as words of the answer', () => {
		const result = answerWithOptions(
			'pull-from-mcr',
			'docker',
			'pull',
			'mcr.microsoft.com/dotnet/runtime:5.0',
			'--set',
			'dockerId=learner1',
		);
		expect(result.stderr).toBe('');
		expect(result.stdout).toMatch(/^Right\.\n/);
		expect(result.code).toBe(0);
		const saved = JSON.parse(readFileSync(path.join(optionsStateDir, 'progress', 'registries.json'), 'utf8')) as {
			answers: Record<string, { text: string }>;
		};
		expect(saved.answers['pull-from-mcr']?.text).toBe('docker pull mcr.microsoft.com/dotnet/runtime:5.0');
	});

	it.each([
		[
			'between the lab and the step',
			['registries', '--set', 'dockerId=Learner@1', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest'],
		],
		['after the answer', ['reference-defaults', 'docker.io/kiamol/ch05-pi:latest', '--set=dockerId=Learner@1']],
	])('checks a --set %s like any other, and refuses a bad value', (_where, args) => {
		const result = answerWithOptions(...args);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('dockerId');
		expect(result.stdout).toBe('');
	});

	it('takes everything after -- as the answer, word for word', () => {
		const result = answerWithOptions('reference-defaults', '--', '--set', 'docker.io/kiamol/ch05-pi:latest');
		expect(result.stderr).toBe('');
		// The judge saw "--set docker.io/…": two words, which no reference can be.
		expect(result.stdout).toMatch(/^Not quite\.\n\n.*An image reference has no spaces\./);
		expect(result.code).toBe(1);
	});
});
