import { describe, expect, it } from 'vitest';
import { labImages } from '../../src/lab/lab-images.js';
import { lintLab } from '../../src/lab/lint-lab.js';
import { labSchema } from '../../src/lab/schema.js';

describe('the images a lab needs', () => {
	it('joins the services’ images, the pulls and the Dockerfiles’ bases, each once, always with a tag', () => {
		const lab = {
			services: { registry: { image: 'registry:2', name: 'registry' } },
			pulls: ['alpine', 'docker.io/library/registry:2'],
		};
		const dockerfiles = [
			{ path: 'images/curl/Dockerfile.v2', text: 'FROM alpine:3.22\n' },
			{ path: 'images/web/Dockerfile', text: 'FROM docker.io/library/alpine\n' },
		];

		expect(labImages(lab, {}, dockerfiles)).toEqual({
			images: [
				{ ref: 'registry:2', sources: ['service registry', 'pulls'] },
				{ ref: 'alpine:latest', sources: ['pulls', 'FROM in images/web/Dockerfile'] },
				{ ref: 'alpine:3.22', sources: ['FROM in images/curl/Dockerfile.v2'] },
			],
			skipped: [],
		});
	});

	it('fills variables in, and leaves out with a reason what cannot be worked out', () => {
		const lab = { pulls: ['{{hub}}/tools:1', '{{missing}}/x', 'Not/Valid'] };
		const dockerfiles = [{ path: 'Dockerfile', text: 'ARG BASE\nFROM $BASE\n' }];

		const result = labImages(lab, { hub: 'localhost:5001' }, dockerfiles);

		expect(result.images).toEqual([{ ref: 'localhost:5001/tools:1', sources: ['pulls'] }]);
		expect(result.skipped).toEqual([
			{ text: '{{missing}}/x', source: 'pulls', reason: 'it needs a value for missing' },
			{ text: 'Not/Valid', source: 'pulls', reason: '"Not/Valid" is not a valid image reference' },
			{ text: '$BASE', source: 'FROM in Dockerfile', reason: 'it uses an ARG without a default' },
		]);
	});
});

describe('the lab’s pulls list', () => {
	const base = { version: 1, id: 'demo', title: 'Demo', steps: [{ id: 'one', title: 'One', prompt: 'Do it.' }] };

	it('is a list of image names in the schema', () => {
		expect(labSchema.safeParse({ ...base, pulls: ['alpine', '{{hub}}/x'] }).success).toBe(true);
		expect(labSchema.safeParse({ ...base, pulls: [''] }).success).toBe(false);
		expect(labSchema.safeParse({ ...base, pulls: 'alpine' }).success).toBe(false);
	});

	it('has each name that is no image reference pointed out, and names with variables judged later', () => {
		const findings = lintLab(
			{ ...base, variables: { hub: { default: 'docker.io' } }, pulls: ['alpine', 'Alpine:Latest', '{{hub}}/Anything'] },
			{ fileExists: () => true },
		);

		expect(findings.filter((finding) => finding.path[0] === 'pulls')).toEqual([
			{
				path: ['pulls', 1],
				message: '"Alpine:Latest" is not a valid image reference; write it as you would for `docker pull`, e.g. alpine or alpine:3.22',
			},
		]);
	});
});
