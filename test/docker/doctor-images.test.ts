import { describe, expect, it } from 'vitest';
import { imageFinding } from '../../src/docker/doctor.js';

describe('doctor’s finding for an image the lab needs', () => {
	const alpine = { ref: 'alpine:latest', sources: ['pulls'] };
	const registry = { ref: 'registry:2', sources: ['service registry'] };

	it('is ok when the image is on this machine', () => {
		expect(imageFinding(alpine, { exists: true })).toEqual({
			id: 'image:alpine:latest',
			title: 'Image alpine:latest',
			status: 'ok',
			message: 'alpine:latest is on this machine.',
		});
	});

	it('names a missing image, why the lab needs it, and how to get it online or from the class’s file', () => {
		expect(imageFinding(alpine, { exists: false })).toEqual({
			id: 'image:alpine:latest',
			title: 'Image alpine:latest',
			status: 'warn',
			message: 'alpine:latest is not on this machine yet; the lab needs it (pulls), and getting it needs the internet.',
			fix: "Pull it now with `docker pull alpine:latest` while you are online, or load the class's file of images with `registry-lab images load FILE`.",
		});
	});

	it('suggests loading the file at hand when there is one', () => {
		expect(imageFinding(alpine, { exists: false }, '/media/usb/registry-lab-images.tar').fix).toBe(
			"Load the lab's images from /media/usb/registry-lab-images.tar with `registry-lab images load /media/usb/registry-lab-images.tar` (no internet needed), or pull it with `docker pull alpine:latest` while you are online.",
		);
	});

	it('says a missing service image is pulled on first run', () => {
		expect(imageFinding(registry, { exists: false }).message).toBe(
			'registry:2 is not on this machine yet; it will be pulled on first run, which needs the internet.',
		);
	});

	it('says when Docker could not be asked', () => {
		expect(imageFinding(registry, { exists: false, error: 'timed out' }).message).toBe('Could not check for registry:2: timed out');
	});
});
