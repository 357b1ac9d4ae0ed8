import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { loadLab } from '../../src/lab/load-lab.js';
import type { Lab } from '../../src/lab/schema.js';
import { countCommands, formatLabCommands, labCommands } from '../../src/trust/lab-commands.js';

const lab: Pick<Lab, 'services' | 'images' | 'steps'> = {
	services: { registry: { image: 'registry:2', name: 'registry', ports: ['{{registryPort}}:5000'] } },
	images: ['{{dockerId}}/curl:21.06'],
	steps: [
		{ id: 'intro', title: 'Read this', prompt: 'Nothing runs here.' },
		{
			id: 'build',
			title: 'Build it',
			prompt: 'Build.',
			setup: ['docker rmi -f {{dockerId}}/curl:21.06'],
			solution: ['docker build -t {{dockerId}}/curl:21.06 .'],
			check: [
				{ run: 'docker image inspect {{dockerId}}/curl:21.06' },
				{ http: 'http://localhost:5000/v2/' },
				{ run: 'docker images | grep curl\necho done', shell: true },
			],
		},
	],
};

describe('labCommands', () => {
	it('lists the containers, the images cleanup removes, then each step’s setup, solution and run checks, skipping steps that run nothing', () => {
		expect(labCommands(lab)).toEqual([
			{
				title: 'containers it may start',
				commands: [{ kind: 'service', text: 'registry:2 as container registry, ports {{registryPort}}:5000 (service registry)' }],
			},
			{ title: 'images `registry-lab cleanup` removes', commands: [{ kind: 'image', text: '{{dockerId}}/curl:21.06' }] },
			{
				title: 'step build: Build it',
				commands: [
					{ kind: 'setup', text: 'docker rmi -f {{dockerId}}/curl:21.06' },
					{ kind: 'solution', text: 'docker build -t {{dockerId}}/curl:21.06 .' },
					{ kind: 'check', text: 'docker image inspect {{dockerId}}/curl:21.06' },
					{ kind: 'check', text: 'docker images | grep curl\necho done', isShell: true },
				],
			},
		]);
	});

	it('formats each group with aligned labels, marks shell checks, and indents the later lines of a multi-line command', () => {
		expect(formatLabCommands(labCommands(lab))).toBe(
			[
				'  containers it may start',
				'    runs        registry:2 as container registry, ports {{registryPort}}:5000 (service registry)',
				'  images `registry-lab cleanup` removes',
				'    removes     {{dockerId}}/curl:21.06',
				'  step build: Build it',
				'    setup       docker rmi -f {{dockerId}}/curl:21.06',
				'    solution    docker build -t {{dockerId}}/curl:21.06 .',
				'    check       docker image inspect {{dockerId}}/curl:21.06',
				'    check (sh)  docker images | grep curl',
				'                echo done',
				'',
			].join('\n'),
		);
	});

	it('lists the commands of a step’s wrong states and their undo, which `test` runs too, as near misses', () => {
		// Given a step with a near miss that tags the image under a wrong name and removes it after
		const build = lab.steps[1]!;
		const wrong = [{ name: 'built without the Docker ID', run: ['docker build -t curl:21.06 .'], undo: ['docker rmi curl:21.06'] }];
		const groups = labCommands({ steps: [{ ...build, wrong }] });
		// Then both commands are listed between the solution and the checks
		expect(groups[0]?.commands.map((command) => `${command.kind}: ${command.text}`).slice(1, 4)).toEqual([
			'solution: docker build -t {{dockerId}}/curl:21.06 .',
			'wrong: docker build -t curl:21.06 .',
			'wrong: docker rmi curl:21.06',
		]);
		expect(formatLabCommands(groups)).toContain('    near miss   docker build -t curl:21.06 .\n');
	});

	it('lists a step’s Podman solution, which `test` runs on Podman, after its solution', () => {
		const build = lab.steps[1]!;
		const groups = labCommands({ steps: [{ ...build, podman: { solution: ['podman build -t {{dockerId}}/curl:21.06 .'] } }] });
		expect(groups[0]?.commands.map((command) => `${command.kind}: ${command.text}`).slice(1, 3)).toEqual([
			'solution: docker build -t {{dockerId}}/curl:21.06 .',
			'podman: podman build -t {{dockerId}}/curl:21.06 .',
		]);
		expect(formatLabCommands(groups)).toContain('    on Podman   podman build -t {{dockerId}}/curl:21.06 .\n');
	});

	it('says so when a lab runs nothing', () => {
		expect(formatLabCommands(labCommands({ steps: [lab.steps[0]!] }))).toBe('  (it runs no commands)\n');
	});

	it('lists the containers cleanup removes, by name and the image each must run, before the images', () => {
		const groups = labCommands({ ...lab, containers: [{ name: 'registry', image: 'registry:2' }] });
		expect(groups.map((group) => group.title).slice(0, 3)).toEqual([
			'containers it may start',
			'containers `registry-lab cleanup` removes, with their anonymous volumes',
			'images `registry-lab cleanup` removes',
		]);
		expect(formatLabCommands(groups)).toContain(
			'  containers `registry-lab cleanup` removes, with their anonymous volumes\n    removes     registry, when it runs registry:2\n',
		);
	});

	it('lists every command of the registries lab', () => {
		const registries = loadLab(path.join(bundledLabsDir(), 'registries', 'lab.yaml')).lab!;
		const expected =
			Object.keys(registries.services ?? {}).length +
			(registries.images ?? []).length +
			(registries.containers ?? []).length +
			registries.steps.reduce(
				(sum, step) =>
					sum +
					(step.setup ?? []).length +
					(step.solution ?? []).length +
					(step.podman?.solution ?? []).length +
					(step.wrong ?? []).reduce((count, state) => count + state.run.length + (state.undo ?? []).length, 0) +
					(step.check ?? []).filter((check) => 'run' in check).length,
				0,
			);
		expect(countCommands(labCommands(registries))).toBe(expected);
		expect(formatLabCommands(labCommands(registries))).toContain(
			'docker run -d -p {{registryPort}}:5000 --name registry --label io.registry-lab.lab=registries registry:2',
		);
	});
});
