import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContainerSpecs, labImageRefs, listLabContainers, planCleanup, runCleanup } from '../../src/docker/cleanup.js';
import { LAB_LABEL } from '../../src/docker/service-spec.js';
import { buildRegistryTestImage, dockerQuiet, dockerSync, hasEngine, runId } from './docker-test-engine.js';

describe('labImageRefs', () => {
	it('fills in variables, writes each reference the way docker prints it, and drops duplicates', () => {
		const lab = {
			images: [
				'{{hub}}/{{dockerId}}/curl:21.06',
				'localhost:{{registryPort}}/alpine',
				'docker.io/library/alpine:latest',
				'alpine',
				'{{dockerId}}/curl:21.06',
			],
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

describe('labContainerSpecs', () => {
	it('fills in variables and keeps the first entry of a name', () => {
		const lab = {
			containers: [
				{ name: 'registry', image: 'registry:{{tag}}' },
				{ name: '{{prefix}}-db', image: 'postgres:16' },
				{ name: 'registry', image: 'alpine' },
			],
		};

		expect(labContainerSpecs(lab, { tag: '2', prefix: 'lab' })).toEqual({
			containers: [
				{ name: 'registry', image: 'registry:2' },
				{ name: 'lab-db', image: 'postgres:16' },
			],
			skipped: [],
		});
	});

	it('skips an entry whose name or image still needs a value, or whose image is not a reference, and says why', () => {
		const lab = {
			containers: [
				{ name: '{{who}}-registry', image: 'registry:{{tag}}' },
				{ name: 'registry', image: 'Registry:2' },
			],
		};

		expect(labContainerSpecs(lab, {})).toEqual({
			containers: [],
			skipped: [
				{ ref: 'container {{who}}-registry (registry:{{tag}})', reason: 'no value for who, tag' },
				{ ref: 'container registry (Registry:2)', reason: 'Registry:2 is not a valid image reference' },
			],
		});
	});
});

describe.skipIf(!hasEngine)('cleanup of the containers a lab lists, on the real engine', () => {
	const labId = `cleanup-listed-${runId}`;
	const image = `registry-lab-test/cleanup-listed-base:${runId}`;
	const otherName = `registry-lab-test/cleanup-listed-other-name:${runId}`;
	const byReference = `rl-listed-ref-${runId}`;
	const byId = `rl-listed-id-${runId}`;
	const otherImage = `rl-listed-other-image-${runId}`;
	const otherLab = `rl-listed-other-lab-${runId}`;
	const absent = `rl-listed-absent-${runId}`;
	const all = [byReference, byId, otherImage, otherLab];
	const lab = {
		id: labId,
		containers: [byReference, byId, otherImage, otherLab, absent].map((name) => ({ name, image })),
	};
	const volumesOf = (name: string) =>
		dockerSync('container', 'inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', name).split(' ').filter(Boolean);
	let anonymous: string[] = [];

	beforeAll(() => {
		buildRegistryTestImage(image);
		dockerSync('tag', image, otherName);
		// Each has an anonymous volume, the way registry:2 keeps its storage.
		dockerSync('create', '--name', byReference, '-v', '/data', image, '/bin/sleep', '600');
		dockerSync('create', '--name', byId, '-v', '/data', otherName, '/bin/sleep', '600');
		dockerSync('create', '--name', otherImage, '-v', '/data', 'alpine', 'sleep', '600');
		dockerSync('create', '--name', otherLab, '--label', `${LAB_LABEL}=other-${labId}`, image, '/bin/sleep', '600');
		anonymous = [...volumesOf(byReference), ...volumesOf(byId)];
	});

	afterAll(() => {
		for (const name of all) dockerQuiet('rm', '-f', '-v', name);
		for (const volume of anonymous) dockerQuiet('volume', 'rm', volume);
		for (const ref of [otherName, image]) dockerQuiet('rmi', ref);
	});

	it('plans a listed container that runs the listed image (by reference or by ID), and leaves the others alone with the reason', async () => {
		const plan = await planCleanup(lab, {}, { env: process.env });

		expect(plan.containers.map((container) => [container.name, container.isLabelled])).toEqual([
			[byReference, false],
			[byId, false],
		]);
		expect(plan.leftAlone).toEqual([
			{ name: otherImage, reason: `runs alpine, not ${image}, so it is not the lab's` },
			{ name: otherLab, reason: `carries the label of another lab, other-${labId}` },
		]);
		expect(plan.problems).toEqual([]);
	});

	it('removes the planned containers with their anonymous volumes, and nothing else', async () => {
		expect(anonymous).toHaveLength(2);

		const result = await runCleanup(await planCleanup(lab, {}, { env: process.env }), { env: process.env });

		expect(result.failed).toEqual([]);
		expect(result.removedContainers.map((container) => container.name)).toEqual([byReference, byId]);
		for (const volume of anonymous) expect(spawnSync('docker', ['volume', 'inspect', volume]).status).not.toBe(0);
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Status}}', otherImage)).toBe('created');
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Status}}', otherLab)).toBe('created');
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
		for (const name of [ours, learners, otherLab, usesImage]) dockerQuiet('rm', '-f', '-v', name);
		for (const ref of [listed, learnersImage, inUse, base]) dockerQuiet('rmi', ref);
	});

	it('plans only the labelled containers and the listed images that exist, then removes just those', async () => {
		const plan = await planCleanup(lab, {}, { env: process.env });

		expect(plan.containers.map((container) => container.name)).toEqual([ours]);
		expect(plan.containers[0]).toMatchObject({ image: base });
		expect(plan.images).toEqual([listed, inUse]);
		expect(plan.problems).toEqual([]);

		const result = await runCleanup(plan, { env: process.env });

		expect(result.removedContainers.map((container) => container.name)).toEqual([ours]);
		expect(result.removedImages).toEqual([listed]);
		expect(result.failed).toHaveLength(1);
		expect(result.failed[0]).toMatchObject({ kind: 'image', target: inUse });
		expect(result.failed[0]!.message).toMatch(/container/);

		expect((await listLabContainers(labId, { env: process.env })).containers).toEqual([]);
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Running}}', learners)).toBe('true');
		expect(dockerSync('container', 'inspect', '--format', '{{.State.Running}}', otherLab)).toBe('true');
		expect(dockerSync('image', 'inspect', '--format', '{{.Id}}', learnersImage)).toBe(
			dockerSync('image', 'inspect', '--format', '{{.Id}}', base),
		);
		expect(dockerSync('image', 'inspect', '--format', '{{.Id}}', inUse)).toMatch(/^sha256:/);
		expect(dockerSync('images', '--format', '{{.Repository}}:{{.Tag}}', 'registry-lab-test/cleanup-listed')).toBe('');
	});
});
