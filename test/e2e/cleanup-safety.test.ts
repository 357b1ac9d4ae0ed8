// `registry-lab cleanup` removes what the lab made and nothing of the learner's: their containers
// (even one running the same registry:2 image under another name) and their images stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';
import { dockerSync, removeLabelled, requireDocker, requireRegistryNameFree } from './support/docker.js';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';

const docker = requireDocker();
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
const learnersContainer = `learner-db-${suffix}`;
const learnersRegistry = `my-registry-${suffix}`;
const learnersImage = `learner-own-${suffix}/tools:1`;

const exists = (kind: 'container' | 'image', name: string) => dockerSync([kind, 'inspect', name], { reject: false }).exitCode === 0;

describe.skipIf(!docker.available)('registry-lab cleanup', () => {
	let port: number;
	const labImages = () => ['learner1/curl:21.06', `localhost:${port}/alpine:21.07`];
	const cleanup = (...args: string[]) =>
		runCliSync(['cleanup', 'registries', '--set', 'dockerId=learner1', '--set', `registryPort=${port}`, ...args]);

	beforeAll(async () => {
		ensureBuilt();
		requireRegistryNameFree();
		port = await freePort();
		// The learner's own: no label.
		dockerSync(['create', '--name', learnersContainer, 'alpine:latest', 'sleep', '600']);
		dockerSync(['run', '-d', '--name', learnersRegistry, 'registry:2']);
		dockerSync(['tag', 'alpine:latest', learnersImage]);
		// The lab's: its labelled registry, and two of the image names it lists.
		dockerSync(['run', '-d', '--name', 'registry', '--label', 'io.registry-lab.lab=registries', '-p', `${port}:5000`, 'registry:2']);
		for (const image of labImages()) dockerSync(['tag', 'alpine:latest', image]);
	});

	afterAll(() => {
		dockerSync(['rm', '-f', '-v', learnersContainer, learnersRegistry], { reject: false });
		dockerSync(['image', 'rm', learnersImage, ...labImages()], { reject: false });
		removeLabelled('io.registry-lab.lab=registries');
	});

	it('lists what it would remove, and without a terminal or --yes removes nothing', () => {
		const result = cleanup();
		expect(result.stdout).toBe(
			[
				'The lab registries made these; cleanup removes them:',
				'  container registry (registry:2, running), with its anonymous volumes',
				...labImages().map((image) => `  image ${image}`),
				'',
			].join('\n'),
		);
		expect(result.stderr).toContain('pass --yes to remove these');
		expect(result.code).toBe(1);
		expect(exists('container', 'registry')).toBe(true);
		for (const image of labImages()) expect(exists('image', image)).toBe(true);
	});

	it('removes nothing with --dry-run', () => {
		const result = cleanup('--dry-run');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('  container registry (registry:2, running)');
		expect(exists('container', 'registry')).toBe(true);
	});

	it('with --yes removes the lab’s container and image names, and leaves the learner’s own alone', () => {
		const result = cleanup('--yes');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Removed container registry');
		for (const image of labImages()) expect(result.stdout).toContain(`Removed image name ${image}`);
		expect(result.stdout).not.toContain(learnersContainer);
		expect(result.stdout).not.toContain(learnersRegistry);

		expect(exists('container', 'registry')).toBe(false);
		for (const image of labImages()) expect(exists('image', image)).toBe(false);
		expect(exists('container', learnersContainer)).toBe(true);
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Running}}', learnersRegistry]).stdout).toBe('true');
		expect(exists('image', learnersImage)).toBe(true);
		expect(exists('image', 'alpine:latest')).toBe(true);
		expect(exists('image', 'registry:2')).toBe(true);
	});

	it('says there is nothing to clean up when the lab’s things are gone', () => {
		const result = cleanup('--yes');
		expect(result).toMatchObject({ code: 0, stdout: 'Nothing to clean up for the lab registries.\n' });
	});
});
