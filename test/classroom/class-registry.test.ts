// Publishing and reading progress against the real Distribution registry (a local binary, no
// Docker), with a login (htpasswd): what a learner pushes is what the instructor reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressLayer, publishProgress, readClassProgress } from '../../src/classroom/class-registry.js';
import { classRepository, type ProgressDocument } from '../../src/classroom/progress-document.js';
import { createRegistryClient, RegistryError } from '../../src/registry/client.js';
import { registryTestsEnabled, startRegistry, type TestRegistry } from '../support/registry-server.js';

function documentFor(learner: string, done: number): ProgressDocument {
	return {
		version: 1,
		learner,
		lab: { id: 'demo', title: 'Demo', steps: 5 },
		publishedAt: '2026-12-06T10:00:00.000Z',
		startedAt: '2026-12-06T09:00:00.000Z',
		done: Array.from({ length: done }, (_, index) => ({ step: `s${index}` })),
		current: { step: `s${done}`, title: 'Next', since: '2026-12-06T09:30:00.000Z' },
		hints: {},
		solutions: [],
		answers: { right: 0, wrong: 0 },
	};
}

describe('progressLayer', () => {
	it('finds the document only in a manifest with our artifactType', () => {
		const ours = {
			artifactType: 'application/vnd.registry-lab.progress.v1',
			layers: [{ mediaType: 'application/vnd.registry-lab.progress.v1+json', digest: 'sha256:aa' }],
		};
		expect(progressLayer(JSON.stringify(ours))).toBe('sha256:aa');
		expect(progressLayer(JSON.stringify({ ...ours, artifactType: undefined }))).toBeUndefined();
		expect(progressLayer('not json')).toBeUndefined();
	});
});

describe.runIf(registryTestsEnabled())('the classroom registry, with a login', () => {
	let registry: TestRegistry;
	const repository = classRepository('demo');
	const login = () => async () => ({ username: registry.username, password: registry.password });

	beforeAll(async () => {
		registry = await startRegistry({ mode: 'htpasswd' });
	});
	afterAll(async () => {
		await registry?.stop();
	});

	it('given five learners who published, reads every one back across pages of two, a few at a time', async () => {
		const names = ['ana', 'ben', 'cleo', 'dan', 'eve'];
		await Promise.all(
			names.map((name, index) =>
				publishProgress({ registry: registry.host, repository, tag: name, document: documentFor(name, index), credentials: login() }),
			),
		);
		const read = await readClassProgress({ registry: registry.host, repository, credentials: login(), concurrency: 2, pageSize: 2 });
		expect(read.problems).toEqual([]);
		expect(read.documents.map((document) => [document.learner, document.done.length]).sort()).toEqual(
			names.map((name, index) => [name, index]),
		);
	});

	it('pushes an OCI artifact: the empty config, one JSON layer, and the artifactType', async () => {
		const published = await publishProgress({
			registry: registry.host,
			repository,
			tag: 'fay',
			document: documentFor('fay', 1),
			credentials: login(),
		});
		const manifest = JSON.parse(
			(await createRegistryClient({ registry: registry.host, credentials: login() }).getManifest(repository, 'fay')).body,
		);
		expect(manifest).toMatchObject({
			mediaType: 'application/vnd.oci.image.manifest.v1+json',
			artifactType: 'application/vnd.registry-lab.progress.v1',
			config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2 },
			layers: [{ mediaType: 'application/vnd.registry-lab.progress.v1+json', size: Buffer.byteLength(published.text) }],
		});
	});

	it('without a login, refuses with how to log in, and leaves no tag behind', async () => {
		const publishing = publishProgress({ registry: registry.host, repository, tag: 'gus', document: documentFor('gus', 0) });
		await expect(publishing).rejects.toThrow(`docker login ${registry.host}`);
		const tags = await createRegistryClient({ registry: registry.host, credentials: login() }).listTags(repository);
		expect(tags).not.toContain('gus');
	});

	it('refuses a name that cannot be a tag before sending anything', async () => {
		const publishing = publishProgress({
			registry: registry.host,
			repository,
			tag: 'ana lopez',
			document: documentFor('ana', 0),
			credentials: login(),
		});
		await expect(publishing).rejects.toBeInstanceOf(RegistryError);
		await expect(publishing).rejects.toThrow('cannot be your name in the class');
	});

	it('reads an empty class from a lab nobody has published to', async () => {
		expect(await readClassProgress({ registry: registry.host, repository: classRepository('other'), credentials: login() })).toEqual({
			documents: [],
			problems: [],
		});
	});
});
