// A small lab in the shape of the registries lab: a variable step, two task steps, a question and a
// cleanup step. Built in TypeScript so the session and UI tests do not depend on the real lab file.
import type { CheckResult } from '../../src/checks/types.js';
import type { Lab, Question, Step } from '../../src/lab/schema.js';
import type { StepCheck } from '../../src/session/lab-port.js';

type FixtureStep = Step & { question?: Question };

const steps: FixtureStep[] = [
	{
		id: 'set-docker-id',
		title: 'Set your Docker ID',
		prompt: 'Store your Docker ID in a variable:\n\n```bash\nexport DOCKER_ID={{dockerId}}\n```',
		hints: ['Your Docker ID is your Docker Hub username.', 'Run the export command shown above.'],
		solution: ['export DOCKER_ID={{dockerId}}'],
	},
	{
		id: 'build-curl',
		title: 'Build an image named for your Docker ID',
		prompt:
			'Build the curl image and tag it for your account:\n\n```bash\ndocker build -t {{dockerId}}/curl:21.06 -f images/curl/Dockerfile.v2 images/curl\n```\n\nThe build runs in **{{workspace}}**.',
		hints: ['Use docker build with -t.', 'The tag is {{dockerId}}/curl:21.06.', 'Point -f at images/curl/Dockerfile.v2.'],
		solution: ['docker build -t {{dockerId}}/curl:21.06 -f images/curl/Dockerfile.v2 images/curl'],
	},
	{
		id: 'run-registry',
		title: 'Run a local registry',
		prompt:
			'Start a registry container on port {{registryPort}}:\n\n```bash\ndocker run -d -p {{registryPort}}:5000 --name registry registry:2\n```',
		solution: ['docker run -d -p {{registryPort}}:5000 --name registry registry:2'],
	},
	{
		id: 'reference-defaults',
		title: 'Image reference defaults',
		prompt: 'Docker fills in defaults for parts of a reference you leave out.',
		hints: ['The default registry is docker.io and the default tag is latest.'],
		question: {
			ask: 'What is the full reference for the image kiamol/ch05-pi?',
			kind: 'reference',
			accept: ['docker.io/kiamol/ch05-pi:latest'],
			explain: 'Docker adds the registry docker.io and the tag latest.',
		},
	},
	{
		id: 'cleanup',
		title: 'Clean up',
		prompt: 'Remove the registry container:\n\n```bash\ndocker rm -f registry\n```',
		solution: ['docker rm -f registry'],
		cleanup: true,
	},
];

export const fixtureLab: Lab = {
	version: 1,
	id: 'registries',
	title: 'Accessing images on registries',
	intro: 'In this lab you push images to registries and run your own.',
	variables: {
		dockerId: {
			ask: 'Your Docker Hub ID (your username, not your email)',
			pattern: '[a-z0-9]+(?:[._-][a-z0-9]+)*',
			patternHelp: 'A Docker ID is lowercase letters and digits, like learner1 (not an email address).',
		},
		registryPort: { default: '5000', freePort: true },
		curlImage: { image: '{{dockerId}}/curl' },
	},
	steps,
	next: 'Try running a registry with **basic auth** next.',
};

export const fixtureVars: Record<string, string> = {
	dockerId: 'learner1',
	registryPort: '5000',
	curlImage: 'learner1/curl',
};

export function passed(subject = 'docker image inspect learner1/curl:21.06'): CheckResult {
	return { status: 'passed', message: '', detail: '', subject, outputTail: '', durationMs: 5 };
}

export function failed(message: string, detail = 'expected exit code 0, got 1', outputTail = ''): CheckResult {
	return { status: 'failed', message, detail, subject: 'docker image inspect learner1/curl:21.06', outputTail, exitCode: 1, durationMs: 5 };
}

export const passedCheck: StepCheck = { status: 'passed', results: [passed()] };

export function failedCheck(message: string, detail?: string, outputTail?: string): StepCheck {
	return { status: 'failed', results: [failed(message, detail, outputTail)] };
}
