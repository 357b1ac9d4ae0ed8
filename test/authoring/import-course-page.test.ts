import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPathsOf, importCoursePage, type DraftStep } from '../../src/authoring/import-course-page.js';
import { splitOnSeparators, toLabVariables } from '../../src/authoring/course-page-text.js';

const seed = readFileSync(new URL('../fixtures/import/registries-lab.md', import.meta.url), 'utf8');

function page(...lines: string[]): string {
	return lines.join('\n');
}

function stepWith(steps: DraftStep[], command: string): DraftStep | undefined {
	return steps.find((step) => step.solution?.includes(command));
}

describe('importing a course page: headings', () => {
	it('takes the title from the # heading and the intro from the prose before the first ## section', () => {
		const draft = importCoursePage(
			{ markdown: page('# Tags', '', 'Tags are *names*.', '', '## Tag it', '', '```', 'docker tag a b', '```') },
			'tags',
		);
		expect(draft.title).toBe('Tags');
		expect(draft.intro).toBe('Tags are *names*.');
		expect(draft.steps.map((step) => step.section)).toEqual(['Tag it']);
	});

	it('makes steps of commands on a page with no ## sections, instead of losing them in the intro', () => {
		const draft = importCoursePage({ markdown: page('# Quick', '', 'List containers:', '', '```', 'docker ps', '```') }, 'quick');
		expect(draft.intro).toBeUndefined();
		expect(draft.steps.map((step) => [step.section, step.solution])).toEqual([['Quick', ['docker ps']]]);
	});

	it('keeps a section with no commands and no question in the intro, under its heading in bold', () => {
		const draft = importCoursePage(
			{ markdown: page('# T', '', '## Reference', '', '- [docs](https://docs.docker.com)', '', '## Go', '', '```', 'docker ps', '```') },
			't',
		);
		expect(draft.intro).toBe('**Reference**\n\n- [docs](https://docs.docker.com)');
		expect(draft.steps).toHaveLength(1);
	});
});

describe('importing a course page: command blocks', () => {
	it('makes each command block a step: the prose before it and the block as its prompt, its commands as the solution', () => {
		const draft = importCoursePage(
			{
				markdown: page(
					'## Run',
					'',
					'Start a registry:',
					'',
					'```',
					'# in the background:',
					'docker run -d registry:2',
					'',
					'docker logs registry',
					'```',
				),
			},
			't',
		);
		expect(draft.steps).toHaveLength(1);
		const [step] = draft.steps;
		expect(step?.title).toBe('Start a registry');
		expect(step?.id).toBe('start-a-registry');
		expect(step?.prompt).toContain('Start a registry:\n\n```\n# in the background:');
		expect(step?.solution).toEqual(['docker run -d registry:2', 'docker logs registry']);
	});

	it('splits `&&` and `;` into separate solution entries and keeps a pipe as one entry for validate to flag', () => {
		const draft = importCoursePage(
			{ markdown: page('## A', '', '```', 'docker pull alpine && docker tag alpine b; docker ps | grep b', '```') },
			't',
		);
		expect(draft.steps[0]?.solution).toEqual(['docker pull alpine', 'docker tag alpine b', 'docker ps | grep b']);
	});

	it('does not split a separator inside quotes', () => {
		expect(splitOnSeparators(`sh -c 'a && b'; echo "x;y"`)).toEqual([`sh -c 'a && b'`, 'echo "x;y"']);
	});

	it('treats a yaml or Dockerfile block as prose, not as commands', () => {
		const draft = importCoursePage({ markdown: page('## A', '', '```yaml', 'services: {}', '```', '', '```', 'docker ps', '```') }, 't');
		expect(draft.steps).toHaveLength(1);
		expect(draft.steps[0]?.prompt).toContain('```yaml');
		expect(draft.steps[0]?.solution).toEqual(['docker ps']);
	});

	it('marks the step of a Cleanup section as the cleanup step', () => {
		const draft = importCoursePage(
			{ markdown: page('## Do', '', '```', 'docker ps', '```', '', '## Cleanup', '', '```', 'docker rm -f x', '```') },
			't',
		);
		expect(draft.steps.map((step) => step.cleanup ?? false)).toEqual([false, true]);
	});

	it('finds the files docker build reads: the context folder and a Dockerfile outside it', () => {
		expect(buildPathsOf('docker build -t a/b:1 -f images/curl/Dockerfile.v2 images/curl')).toEqual([
			'images/curl/Dockerfile.v2',
			'images/curl',
		]);
		expect(buildPathsOf('docker image build --file=x/Dockerfile -t t .')).toEqual(['x/Dockerfile', '.']);
		expect(buildPathsOf('docker build -t t https://github.com/x/y.git')).toEqual([]);
		expect(buildPathsOf('docker push a/b')).toEqual([]);
		const draft = importCoursePage({ markdown: page('## B', '', '```', 'docker build -t x -f app/Dockerfile app', '```') }, 't');
		expect(draft.buildPaths).toEqual(['app']);
	});
});

describe('importing a course page: exercises and <details>', () => {
	const markdown = page(
		'## Push',
		'',
		'Your registry is at `localhost:5000`.',
		'',
		'📋 Tag the Alpine image and push it.',
		'',
		'<details>',
		'  <summary>Not sure how?</summary>',
		'',
		'```',
		'docker tag alpine localhost:5000/alpine',
		'docker push localhost:5000/alpine',
		'```',
		'',
		'</details><br/>',
		'',
		'> Pushes can fail on insecure registries.',
	);

	it('makes a 📋 line a step whose prompt is the prose before it and the line, and whose solution is the <details> commands', () => {
		const draft = importCoursePage({ markdown }, 't');
		expect(draft.steps).toHaveLength(1);
		const [step] = draft.steps;
		expect(step?.title).toBe('Tag the Alpine image and push it');
		expect(step?.prompt).toBe(
			'Your registry is at `localhost:5000`.\n\nTag the Alpine image and push it.\n\n> Pushes can fail on insecure registries.',
		);
		expect(step?.prompt).not.toContain('Not sure how');
		expect(step?.solution).toEqual(['docker tag alpine localhost:5000/alpine', 'docker push localhost:5000/alpine']);
	});

	it('keeps <details> that follow no exercise as prose, its summary in bold', () => {
		const draft = importCoursePage(
			{
				markdown: page(
					'## A',
					'',
					'<details>',
					'  <summary>CLI overview</summary>',
					'',
					'```',
					'docker image --help',
					'```',
					'',
					'</details>',
					'',
					'```',
					'docker ps',
					'```',
				),
			},
			't',
		);
		expect(draft.steps).toHaveLength(1);
		expect(draft.steps[0]?.prompt).toBe('**CLI overview**\n\n```\ndocker image --help\n```\n\n```\ndocker ps\n```');
		expect(draft.steps[0]?.solution).toEqual(['docker ps']);
	});
});

describe('importing a course page: variables', () => {
	it.each([
		['docker push ${dockerId}/curl', 'docker push {{dockerId}}/curl', ['dockerId']],
		['docker push $dockerId/curl', 'docker push {{dockerId}}/curl', ['dockerId']],
		['docker rm -f $(docker ps -aq)', 'docker rm -f $(docker ps -aq)', []],
		['echo $1 costs $5', 'echo $1 costs $5', []],
		["$dockerId='sixeyed'", "$dockerId='sixeyed'", []],
		['${a}-${b_2}', '{{a}}-{{b_2}}', ['a', 'b_2']],
	])('%s becomes %s', (text, expected, names) => {
		const used = new Set<string>();
		expect(toLabVariables(text, used)).toBe(expected);
		expect([...used]).toEqual(names);
	});

	it('makes a block that sets a variable to a placeholder a step that asks the learner, checked by a variable check', () => {
		const draft = importCoursePage(
			{
				markdown: page(
					'## Id',
					'',
					'Save your ID:',
					'',
					'```',
					"dockerId='<your-docker-hub-id>'",
					'',
					'# PowerShell:',
					"$dockerId='<your-docker-hub-id>'",
					'```',
					'',
					'```',
					'docker push ${dockerId}/x',
					'```',
				),
			},
			't',
		);
		expect(draft.variables).toEqual({ dockerId: { ask: 'Your docker hub id' } });
		expect(draft.steps[0]?.asks).toEqual(['dockerId']);
		expect(draft.steps[0]?.solution).toBeUndefined();
		expect(draft.steps[0]?.prompt).toContain("dockerId='{{dockerId}}'\n\n# PowerShell:\n$dockerId='{{dockerId}}'");
		expect(draft.steps[1]?.solution).toEqual(['docker push {{dockerId}}/x']);
	});

	it('writes a variable in a step title as {{name}}, underscores and all', () => {
		const draft = importCoursePage(
			{ markdown: page('## A', '', 'Push _your_ image as ${docker_id}:', '', '```', 'docker push ${docker_id}/x', '```') },
			't',
		);
		expect(draft.steps[0]?.title).toBe('Push your image as {{docker_id}}');
		expect(draft.steps[0]?.id).toBe('push-your-image-as');
	});

	it('gives a variable set to a plain value that value as its default, and asks for one the page never sets', () => {
		const draft = importCoursePage(
			{ markdown: page('## A', '', '```', 'port=5000', '```', '', '```', 'curl localhost:${port}/v2/ -u $user', '```') },
			't',
		);
		expect(draft.variables).toEqual({ port: { default: '5000' }, user: { ask: 'Your user' } });
	});
});

describe('importing a course page: questions, hints.md and solution.md', () => {
	const lab = page(
		'## Do',
		'',
		'```',
		'docker ps',
		'```',
		'',
		'## Lab',
		'',
		'Docker fills in defaults. What is the full reference for `alpine`?',
		'',
		'> Stuck? Try [hints](hints.md) or check the [solution](solution.md).',
	);

	it('makes each paragraph that asks a question a question step, its leading sentences as the prompt, and drops the link to hints.md', () => {
		const draft = importCoursePage({ markdown: lab }, 't');
		const question = draft.steps[1];
		expect(question?.question).toEqual({ ask: 'What is the full reference for `alpine`?' });
		expect(question?.prompt).toBe('Docker fills in defaults.');
		expect(question?.title).toBe('Question: What is the full reference for alpine?');
		expect(JSON.stringify(draft)).not.toContain('hints.md');
	});

	it('gives the lab section hints.md, one hint per paragraph, and solution.md as a question’s explanation', () => {
		const draft = importCoursePage(
			{
				markdown: lab,
				hints: '# Lab Hints\n\nThink about `latest`.\n\nAnd `docker.io`.\n',
				solution: '# Lab Solution\n\nIt is `docker.io/library/alpine:latest`.\n\n> Back to the [exercises](README.md).\n',
			},
			't',
		);
		expect(draft.steps[1]?.hints).toEqual(['Think about `latest`.', 'And `docker.io`.']);
		expect(draft.steps[1]?.question?.explain).toBe('It is `docker.io/library/alpine:latest`.');
		expect(draft.steps[0]?.hints).toBeUndefined();
	});

	it('makes a lab section without commands or questions a task step whose solution comes from solution.md', () => {
		const draft = importCoursePage(
			{
				markdown: page('## Lab', '', 'Scale the API up to three containers.'),
				hints: 'Use `--scale`.',
				solution: '# Solution\n\n```\ndocker compose up -d --scale api=3 && docker ps\n```\n',
			},
			't',
		);
		expect(draft.steps).toHaveLength(1);
		expect(draft.steps[0]).toMatchObject({
			title: 'Lab',
			prompt: 'Scale the API up to three containers.',
			hints: ['Use `--scale`.'],
			solution: ['docker compose up -d --scale api=3', 'docker ps'],
		});
	});
});

describe('importing the registries course page (the seed)', () => {
	const draft = importCoursePage({ markdown: seed }, 'registries');

	it('gives at least ten steps', () => {
		expect(draft.steps.length).toBeGreaterThanOrEqual(10);
	});

	it.each([
		'docker build -t {{dockerId}}/curl:21.06 -f labs/images/curl/Dockerfile.v2 labs/images/curl',
		'docker push {{dockerId}}/curl:21.06',
		'docker tag {{dockerId}}/curl:21.06 {{dockerId}}/curl:21.07',
		'docker push --all-tags {{dockerId}}/curl',
		'docker run -d -p 5000:5000 --name registry registry:2.7.1',
		'docker tag alpine localhost:5000/alpine',
		'docker push localhost:5000/alpine',
		'curl --head localhost:5000/v2/',
		'curl localhost:5000/v2/alpine/tags/list',
		'docker pull localhost:5000/alpine',
		'docker push --all-tags localhost:5000/alpine',
	])('carries `%s` in a step’s solution', (command) => {
		expect(stepWith(draft.steps, command)).toBeDefined();
	});

	it('asks for the Docker ID in a step of its own and declares it, and the two lab questions are question steps', () => {
		expect(draft.variables).toEqual({ dockerId: { ask: 'Your docker hub id' } });
		expect(draft.steps[0]?.asks).toEqual(['dockerId']);
		expect(draft.steps.filter((step) => step.question).map((step) => step.question?.ask)).toEqual([
			'What are those defaults? What is the full reference for the image `kiamol/ch05-pi`?',
			'What command would you use to pull version `5.0` of the `dotnet/runtime` image from MCR?',
		]);
		expect(draft.steps.at(-1)?.cleanup).toBe(true);
	});

	it('uses {{dockerId}} everywhere the page wrote ${dockerId}', () => {
		expect(JSON.stringify(draft)).not.toContain('${dockerId}');
	});
});
