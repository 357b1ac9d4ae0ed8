import { describe, expect, it } from 'vitest';
import { normalizedReference, runsImage, type ContainerImage, type WantedImage } from '../../src/docker/runs-image.js';

const registryId = `sha256:${'b5'.repeat(32)}`;
const alpineId = `sha256:${'67'.repeat(32)}`;

describe('runsImage', () => {
	it.each<[string, ContainerImage, WantedImage, boolean]>([
		['the same reference as typed', { configured: 'registry:2', id: registryId }, { ref: 'registry:2' }, true],
		[
			'the reference as Podman keeps it',
			{ configured: 'docker.io/library/registry:2', id: registryId.slice(7) },
			{ ref: 'registry:2' },
			true,
		],
		['the legacy Hub domain', { configured: 'index.docker.io/library/registry:2' }, { ref: 'registry:2' }, true],
		['no tag, which means latest', { configured: 'alpine' }, { ref: 'alpine:latest' }, true],
		['another image', { configured: 'alpine', id: alpineId }, { ref: 'registry:2', id: registryId }, false],
		['another tag of the same repository', { configured: 'registry:3' }, { ref: 'registry:2' }, false],
		['the same name on another registry', { configured: 'localhost:5000/registry:2' }, { ref: 'registry:2' }, false],
		['created by image ID, the same image', { configured: registryId, id: registryId }, { ref: 'registry:2', id: registryId }, true],
		['another name for the same image', { configured: 'my/registry:copy', id: registryId }, { ref: 'registry:2', id: registryId }, true],
		[
			'Podman’s bare ID against Docker’s sha256: form',
			{ configured: 'localhost/registry:2', id: registryId.slice(7) },
			{ ref: 'registry:2', id: registryId },
			true,
		],
		['an ID that differs', { configured: 'my/registry:copy', id: alpineId }, { ref: 'registry:2', id: registryId }, false],
		[
			'the wanted image is not on this machine, so no ID to compare',
			{ configured: 'my/registry:copy', id: registryId },
			{ ref: 'registry:2' },
			false,
		],
		['nothing known about the container', {}, { ref: 'registry:2', id: registryId }, false],
		['a configured image that is no reference', { configured: 'Not An Image' }, { ref: 'registry:2' }, false],
	])('%s', (_, container, wanted, expected) => {
		expect(runsImage(container, wanted)).toBe(expected);
	});
});

describe('normalizedReference', () => {
	it('writes a reference in full, the way Docker means it, and gives nothing for text that is not one', () => {
		expect(normalizedReference('registry:2')).toBe('docker.io/library/registry:2');
		expect(normalizedReference('learner1/curl')).toBe('docker.io/learner1/curl:latest');
		expect(normalizedReference('localhost:5001/alpine:21.07')).toBe('localhost:5001/alpine:21.07');
		expect(normalizedReference('Registry:2')).toBeUndefined();
	});
});
