import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGES_FILE_NAME, imagesFileAtHand, loadedImages, neededImages } from '../../src/docker/image-archive.js';
import { loadLab } from '../../src/lab/load-lab.js';

const labDir = fileURLToPath(new URL('../../labs/registries/', import.meta.url));

describe('the images the bundled registries lab needs', () => {
	it('are its registry, the alpine its steps pull, and the alpine its curl Dockerfile builds FROM', async () => {
		const loaded = loadLab(path.join(labDir, 'lab.yaml'));
		if (!loaded.lab) throw new Error(`the registries lab does not load: ${JSON.stringify(loaded.problems)}`);
		expect(loaded.problems).toEqual([]);

		const { images, skipped } = await neededImages(loaded.lab, {}, labDir);

		expect(images).toEqual([
			{ ref: 'registry:2', sources: ['service registry'] },
			{ ref: 'alpine:latest', sources: ['pulls'] },
			{ ref: 'alpine:3.22', sources: ['FROM in images/curl/Dockerfile.v2'] },
		]);
		expect(skipped).toEqual([]);
	});
});

describe('what docker load brought', () => {
	it('lists the names Docker printed, and the ID of an image without one', () => {
		const stdout = 'Loaded image: registry:2\nLoaded image: alpine:latest\nLoaded image: alpine:3.22\nLoaded image ID: sha256:abc\n';

		expect(loadedImages(stdout)).toEqual(['registry:2', 'alpine:latest', 'alpine:3.22', 'sha256:abc']);
	});
});

describe('the class’s file of images at hand', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-images-at-hand-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('is the file REGISTRY_LAB_IMAGES names, else registry-lab-images.tar in this folder, and only when it exists', () => {
		expect(imagesFileAtHand({}, dir)).toBeUndefined();
		writeFileSync(path.join(dir, IMAGES_FILE_NAME), '');
		expect(imagesFileAtHand({}, dir)).toBe(path.join(dir, IMAGES_FILE_NAME));

		writeFileSync(path.join(dir, 'usb.tar'), '');
		expect(imagesFileAtHand({ REGISTRY_LAB_IMAGES: 'usb.tar' }, dir)).toBe(path.join(dir, 'usb.tar'));
		expect(imagesFileAtHand({ REGISTRY_LAB_IMAGES: 'gone.tar' }, dir)).toBeUndefined();
	});
});
