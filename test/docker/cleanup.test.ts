import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labImageRefs, listLabContainers, planCleanup, runCleanup } from '../../src/docker/cleanup.js';
import { LAB_LABEL } from '../../src/docker/docker-cli.js';
import { buildRegistryTestImage, dockerQuiet, dockerSync, hasEngine, runId } from './docker-test-engine.js';

describe('labImageRefs', () => {
	it('fills in variables, writes each reference the way docker prints it, and drops duplicates', () => {
		const lab = {
			images: ['{{hub}}/{{dockerId}}/curl:21.06', 'localhost:{{registryPort}}/alpine', 'docker.io/library/alpine:latest', 'alpine', '{{dockerId}}/curl:21.06'],
		};

		const { refs, skipped } = labImageRefs(lab, { hub: 'docker.io', dockerId: 'learner1', registryPort: '5001' });

		expect(refs).toEqual(['learner1/curl:21.06', 'localhost:5001/alpine:latest', 'alpine:latest']);
		expect(skipped).toEqual([]);
	});

	it('skips references with a variable that has no value, and ones that are not references', () => {
		const { refs, skipped } = labImageRefs({ images: ['{{dockerId}}/curl:21.06', 'Not A Reference'] }, {});

		expect(refs).toEqual([]);
		expect(skipped).toEqual([
			{ ref: '{{dockerId}}/curl:21.06', reason: 'no value for dockerId' },
			{ ref: 'Not A Reference', reason: 'not a valid image reference' },
		]);
	});
});

describe.skipIf(!hasEngine)('cleanup on the real engine', () => {
	const labId = `cleanup-test-${runId}`;
	const base = `registry-lab-test/cleanup-base:${runId}`;
	const listed = `registry-lab-test/cleanup-listed:${runId}`;
	const absent = `registry-lab-test/cleanup-absent:${runId}`;
	const learnersImage = `registry-lab-test/cleanup-learners:${runId}`;
	const inUse = `registry-lab-test/cleanup-in-use:${runId}`;
	const ours = `rl-clean-ours-${runId}`;
	const learners = `rl-clean-learners-${runId}`;
	const otherLab = `rl-clean-other-lab-${runId}`;
	const usesImage = `rl-clean-uses-image-${runId}`;
	const lab = { id: labId, images: [listed, absent, inUse] };

	beforeAll(() => {
		buildRegistryTestImage(base);
		dockerSync('tag', base, listed);
		dockerSync('tag', base, learnersImage);
		dockerSync('run', '-d', '--name', ours, '--label', `${LAB_LABEL}=${labId}`, base, '/bin/sleep', '600');
		dockerSync('run', '-d', '--name', learners, base, '/bin/sleep', '600');
		dockerSync('run', '-d', '--name', otherLab, '--label', `${LAB_LABEL}=other-${labId}`, base, '/bin/sleep', '600');
		// An image whose only tag is listed by the lab, used by a container the learner made.
		dockerSync('commit', learners, inUse);
		dockerSync('create', '--name', usesImage, inUse);
	});

	afterAll(() => {
		for (const name of [ours, learners, otherLab, usesImage]) dockerQuiet('rm', '-f', name);
		for (const ref of [listed, learnersImage, inUse, base]) dockerQuiet('rmi', ref);
	});

	it('plans only the labelled containers and the listed images that exist, then removes just those', async () => {
		const plan = await planCleanup(lab, {});

		expect(plan.containers.map((container) => container.name)).toEqual([ours]);
		expect(plan.containers[0]).toMatchObject({ image: base });
		expect(plan.images).toEqual([listed, inUse]);
		expect(plan.problems).toEqual([]);

		const result = await runCleanup(plan);

		expect(result.removedContainers.map((container) => container.name)).toEqual([ours]);
		expect(result.removedImages).toEqual([listed]);
		expect(result.failed).toHaveLength(1);
		expect(result.failed[0]).toMatchObject({ kind: 'image', target: inUse });
		expect(result.failed[0]!.message).toMatch(/container/);

		expect((await listLabContainers(labId)).containers).toEqual([]);
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Running}}', learners)).toBe('true');
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Running}}', otherLab)).toBe('true');
		expect(dockerSync('image', 'inspect', '--format', '{{.Id}}', learnersImage)).toBe(dockerSync('image', 'inspect', '--format', '{{.Id}}', base));
		expect(dockerSync('image', 'inspect', '--format', '{{.Id}}', inUse)).toMatch(/^sha256:/);
		expect(dockerSync('images', '--format', '{{.Repository}}:{{.Tag}}', 'registry-lab-test/cleanup-listed')).toBe('');
	});
});
