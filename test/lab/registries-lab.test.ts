// The bundled registries lab: it loads cleanly and holds every exercise of the course text
// (../shared/seed/registries-lab.md) as a step, with what each kind of step needs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadLab } from '../../src/lab/load-lab.js';

const labDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../labs/registries');

// Read as plain data, so these tests say what is missing even while the schema changes.
interface RawCheck {
	run?: string;
	pushed?: string;
	tags?: string;
	include?: string[];
	http?: string;
	variable?: string;
	fail?: string;
}
interface RawStep {
	id: string;
	prompt: string;
	hints?: string[];
	setup?: string[];
	solution?: string[];
	check?: RawCheck[];
	needs?: string[];
	online?: boolean;
	cleanup?: boolean;
	question?: { kind: string; accept: string[]; ask: string; explain?: string; feedback?: { when: string; say: string }[] };
}
interface RawLab {
	images: string[];
	variables: Record<string, { image?: string; default?: string; freePort?: boolean }>;
	services: Record<string, { image: string; name: string; ports: string[] }>;
	steps: RawStep[];
}

const lab = parse(readFileSync(path.join(labDir, 'lab.yaml'), 'utf8')) as RawLab;
const step = (id: string): RawStep => {
	const found = lab.steps.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`no step ${id}`);
	return found;
};
const isQuestion = (item: RawStep) => item.question !== undefined;
/** A task step checked only by a variable the learner gives the lab: nothing to run. */
const isVariableStep = (item: RawStep) =>
	(item.check ?? []).length > 0 && (item.check ?? []).every((check) => check.variable !== undefined);

// Each exercise of the course text, in its order, with the step that teaches it and the command
// (or answer) that shows the step really does that exercise.
const courseExercises: { exercise: string; step: string; does?: string }[] = [
	{ exercise: 'save your Docker ID (bash and PowerShell)', step: 'docker-id' },
	{
		exercise: 'build <id>/curl:21.06',
		step: 'build-curl',
		does: 'docker build -t {{curlImage}}:21.06 -f images/curl/Dockerfile.v2 images/curl',
	},
	{ exercise: 'log in and push curl:21.06 to Docker Hub', step: 'push-curl', does: 'docker push {{curlImage}}:21.06' },
	{ exercise: 'add the tag 21.07 (same image ID)', step: 'tag-curl', does: 'docker tag {{curlImage}}:21.06 {{curlImage}}:21.07' },
	{ exercise: 'push all tags', step: 'push-all-tags', does: 'docker push --all-tags {{curlImage}}' },
	{ exercise: 'run a local registry on port 5000', step: 'run-registry', does: 'docker run -d -p {{registryPort}}:5000 --name registry' },
	{ exercise: 'tag and push alpine to the local registry', step: 'push-alpine', does: 'docker push localhost:{{registryPort}}/alpine' },
	{ exercise: 'query /v2/ and /v2/alpine/tags/list', step: 'query-api', does: 'curl localhost:{{registryPort}}/v2/alpine/tags/list' },
	{ exercise: 'remove the local image and pull it back', step: 'pull-back', does: 'docker pull localhost:{{registryPort}}/alpine' },
	{ exercise: 'push more tags (21.07, local)', step: 'more-tags', does: 'docker push --all-tags localhost:{{registryPort}}/alpine' },
	{ exercise: 'lab question: the defaults and the full reference of kiamol/ch05-pi', step: 'reference-defaults' },
	{ exercise: 'lab question: pull dotnet/runtime 5.0 from MCR', step: 'pull-from-mcr' },
	{ exercise: 'cleanup', step: 'cleanup', does: 'docker rm -f -v registry' },
];

describe('the registries lab', () => {
	it('loads with no problems from the loader, the schema or the lint', () => {
		const loaded = loadLab(labDir);
		expect(loaded.problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`)).toEqual([]);
		expect(loaded.lab?.id).toBe('registries');
	});

	it('has one step per exercise of the course text, in the course order', () => {
		expect(lab.steps.map((item) => item.id)).toEqual(courseExercises.map((exercise) => exercise.step));
	});

	it.each(courseExercises.filter((exercise) => exercise.does !== undefined))(
		'does the exercise "$exercise" in its solution',
		({ step: id, does }) => {
			expect(step(id).solution?.join('\n')).toContain(does);
		},
	);

	it('asks for the Docker ID and shows the bash and PowerShell ways to keep it', () => {
		const docker = step('docker-id');
		expect(docker.check).toEqual([expect.objectContaining({ variable: 'dockerId' })]);
		expect(docker.prompt).toContain("dockerId='{{dockerId}}'");
		expect(docker.prompt).toContain("$dockerId='{{dockerId}}'");
	});

	it('gives every task step ordered hints, a solution and checks that tell the learner what to do', () => {
		for (const item of lab.steps.filter((candidate) => !isQuestion(candidate))) {
			expect.soft(item.hints?.length ?? 0, `${item.id} hints`).toBeGreaterThanOrEqual(2);
			expect.soft(item.check?.length ?? 0, `${item.id} checks`).toBeGreaterThan(0);
			for (const check of item.check ?? []) expect.soft(check.fail, `${item.id} check without a fail text`).toBeTruthy();
			if (!isVariableStep(item)) expect.soft(item.solution?.length ?? 0, `${item.id} solution`).toBeGreaterThan(0);
		}
	});

	it('gives a setup to every task step that does not start from a clean machine', () => {
		const withoutSetup = lab.steps.filter((item) => !isQuestion(item) && (item.setup ?? []).length === 0).map((item) => item.id);
		expect(withoutSetup).toEqual(['docker-id', 'run-registry', 'cleanup']);
	});

	it('marks exactly the Docker Hub pushes as online, and checks them by what was pushed', () => {
		expect(lab.steps.filter((item) => item.online).map((item) => item.id)).toEqual(['push-curl', 'push-all-tags']);
		expect(step('push-curl').check?.map((check) => check.pushed)).toEqual(['{{curlImage}}:21.06']);
		expect(step('push-all-tags').check?.map((check) => check.pushed)).toEqual(['{{curlImage}}:21.06', '{{curlImage}}:21.07']);
	});

	it('writes every Docker Hub reference in commands through curlImage, so hub can point anywhere', () => {
		expect(lab.variables.curlImage?.image).toBe('{{hub}}/{{dockerId}}/curl');
		const fencedBlocks = (markdown: string) => markdown.match(/```[\s\S]*?```/g) ?? [];
		const commands = lab.steps.flatMap((item) => [
			...(item.setup ?? []),
			...(item.solution ?? []),
			...(item.check ?? []).flatMap((check) => [check.run ?? '', check.pushed ?? '', check.fail ?? '']),
			...fencedBlocks(item.prompt),
			...(item.hints ?? []),
		]);
		expect(commands.filter((command) => command.includes('{{dockerId}}/curl'))).toEqual([]);
		expect(commands.join('\n')).toContain('{{curlImage}}:21.06');
		expect(step('push-curl').prompt).toContain('https://hub.docker.com/r/{{dockerId}}/curl/tags');
	});

	it('logs in before it pushes, with a login that reuses the machine’s and never waits for a password in `test`', () => {
		// `docker login HOST` without -u tries the stored login first; with -u it always asks.
		expect(step('push-curl').solution).toEqual(['docker login {{hub}}', 'docker push {{curlImage}}:21.06']);
	});

	it('quotes what Docker really prints when a push is not logged in, and what denied means when it is', () => {
		const [, notLoggedIn, loggedIn] = step('push-curl').hints ?? [];
		for (const said of [
			'no basic auth credentials',
			'unauthorized: authentication required',
			'denied: requested access to the resource is denied',
		]) {
			expect(notLoggedIn).toContain(said);
		}
		expect(notLoggedIn).toContain('docker login {{hub}} -u {{dockerId}}');
		expect(loggedIn).toMatch(/Logged in and still `denied: requested access to the resource is denied`\?/);
	});

	it('names MCR by the name its abbreviation stands for', () => {
		expect(step('pull-from-mcr').prompt).toMatch(/Microsoft Container Registry \(MCR\), at `mcr\.microsoft\.com`/);
	});

	it('runs its registry from registry:2 on the registryPort variable, chosen freely when 5000 is taken', () => {
		expect(lab.services.registry).toMatchObject({ image: 'registry:2', name: 'registry', ports: ['{{registryPort}}:5000'] });
		expect(lab.variables.registryPort).toMatchObject({ default: '5000', freePort: true });
		expect(step('run-registry').prompt).toMatch(/Why `registry:2`\?/);
	});

	it('checks that the tag list holds the default tag and both new tags', () => {
		expect(step('more-tags').check).toContainEqual(
			expect.objectContaining({ tags: 'localhost:{{registryPort}}/alpine', include: ['latest', '21.07', 'local'] }),
		);
	});

	it('asks for the full reference of kiamol/ch05-pi, with the defaults docker.io and latest', () => {
		const question = step('reference-defaults').question;
		expect(question).toMatchObject({ kind: 'reference', accept: ['docker.io/kiamol/ch05-pi:latest'] });
		expect(question?.explain).toMatch(/docker\.io/);
		expect(question?.explain).toMatch(/latest/);
		expect(step('reference-defaults').hints?.length).toBeGreaterThanOrEqual(2);
	});

	it('asks for the command that pulls dotnet/runtime 5.0 from MCR', () => {
		const question = step('pull-from-mcr').question;
		expect(question).toMatchObject({ kind: 'command', accept: ['docker pull mcr.microsoft.com/dotnet/runtime:5.0'] });
		expect(question?.explain).toContain('mcr.microsoft.com');
		expect(step('pull-from-mcr').hints?.length).toBeGreaterThanOrEqual(2);
	});

	it('gives targeted feedback for the wrong answers a learner is likely to give', () => {
		const feedbackFor = (id: string, answer: string) =>
			step(id).question?.feedback?.find((rule) => new RegExp(rule.when, 'iu').test(answer.trim()))?.say;
		expect(feedbackFor('reference-defaults', 'kiamol/ch05-pi')).toMatch(/in full/);
		expect(feedbackFor('reference-defaults', 'hub.docker.com/kiamol/ch05-pi:latest')).toMatch(/docker\.io/);
		expect(feedbackFor('reference-defaults', 'docker.io/kiamol/ch05-pi')).toMatch(/tag/);
		expect(feedbackFor('pull-from-mcr', 'docker pull dotnet/runtime:5.0')).toMatch(/Docker Hub/);
		expect(feedbackFor('pull-from-mcr', 'docker pull mcr.microsoft.com/dotnet/runtime')).toMatch(/tag/);
		expect(feedbackFor('pull-from-mcr', 'docker run mcr.microsoft.com/dotnet/runtime:5.0')).toMatch(/container/);
	});

	it('cleans up only what the lab made, and says why the course’s blanket command is dangerous', () => {
		const cleanup = step('cleanup');
		expect(cleanup.cleanup).toBe(true);
		expect(lab.steps.filter((item) => item.cleanup).map((item) => item.id)).toEqual(['cleanup']);
		expect(cleanup.prompt).toContain('docker rm -f $(docker ps -aq)');
		expect(cleanup.prompt).toMatch(/every\* container/);
		const commands = cleanup.solution ?? [];
		expect(commands.join('\n')).not.toMatch(/docker ps|\$\(|prune/);
		const removed =
			commands
				.find((command) => command.startsWith('docker image rm'))
				?.split(/\s+/)
				.slice(4) ?? [];
		expect(removed.sort()).toEqual([...lab.images].sort());
	});
});
