// A class without internet: the instructor saves every image the registries lab needs to one file,
// and a learner whose machine lacks them loads that file. Through the built CLI, on the real engine,
// with the local stand-in images (nothing is pulled). The images this test removes are the ones
// every other test needs, so they are always put back, from the file or by rebuilding the stand-ins.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCliSync } from '../commands/built-cli.js';
import { dockerSync, requireDocker } from './support/docker.js';

const docker = requireDocker();
const labImages = ['registry:2', 'alpine:latest', 'alpine:3.22'];
const isHere = (ref: string) => dockerSync(['image', 'inspect', ref], { reject: false }).exitCode === 0;

/** The RepoTags of a `docker save` file, in Docker's familiar form. */
function repoTags(file: string): string[] {
	const manifest = spawnSync('tar', ['-xOf', file, 'manifest.json'], { encoding: 'utf8' });
	if (manifest.status !== 0) throw new Error(`no manifest.json in ${file}: ${manifest.stderr}`);
	const entries = JSON.parse(manifest.stdout) as Array<{ RepoTags?: string[] | null }>;
	return entries.flatMap((entry) => entry.RepoTags ?? []).map((tag) => tag.replace(/^docker\.io\/(library\/)?/, ''));
}

/** Puts the stand-in images back, whatever happened: from the saved file, else by building them again. */
function restoreImages(file: string): void {
	if (labImages.every(isHere)) return;
	if (existsSync(file)) dockerSync(['load', '--input', file], { reject: false, timeoutMs: 600_000 });
	if (labImages.every(isHere)) return;
	spawnSync('bash', [path.join(repoRoot, 'scripts', 'build-standin-images.sh')], { cwd: repoRoot, stdio: 'ignore', timeout: 600_000 });
}

describe.skipIf(!docker.available)('registry-lab images save and load, for a class without internet', () => {
	let root: string;
	let usb: string;
	let file: string;
	let env: Record<string, string>;

	beforeAll(() => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-images-'));
		usb = path.join(root, 'usb');
		mkdirSync(usb);
		file = path.join(usb, 'registry-lab-images.tar');
		env = { REGISTRY_LAB_STATE_DIR: path.join(root, 'state'), REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces') };
		for (const ref of labImages) if (!isHere(ref)) throw new Error(`${ref} is missing: run scripts/build-standin-images.sh first.`);
	});

	afterAll(() => {
		restoreImages(file);
		rmSync(root, { recursive: true, force: true });
	});

	it('saves the registry, the alpine the steps pull and the curl Dockerfile’s base into one file, and nothing else beside it', () => {
		const saved = runCliSync(['images', 'save', 'registries', file], { env, cwd: root });

		expect(saved.stderr).toBe('');
		expect(saved.code).toBe(0);
		expect(saved.stdout).toContain('registry:2     service registry');
		expect(saved.stdout).toContain('alpine:3.22    FROM in images/curl/Dockerfile.v2');
		expect(saved.stdout).toMatch(
			/Saved .*registry-lab-images\.tar \(\d.* MB\)\. On each machine without internet: registry-lab images load /,
		);
		expect(repoTags(file).sort()).toEqual([...labImages].sort());
		expect(readdirSync(usb)).toEqual(['registry-lab-images.tar']);
	});

	it('with those images gone, doctor names each and points at the file, and images load brings them all back', () => {
		expect(repoTags(file).sort()).toEqual([...labImages].sort());
		try {
			// Given a learner's machine without the lab's images, and the class's file in the folder.
			dockerSync(['image', 'rm', '--force', ...labImages]);
			expect(labImages.filter(isHere)).toEqual([]);

			const doctor = runCliSync(['doctor', 'registries', '--skip-internet', '--json'], { env, cwd: usb });
			const findings = (JSON.parse(doctor.stdout) as { findings: Array<{ id: string; status: string; fix?: string }> }).findings;
			for (const ref of labImages) {
				expect(findings.find((finding) => finding.id === `image:${ref}`)).toMatchObject({
					status: 'warn',
					fix: expect.stringContaining(`registry-lab images load ${file}`),
				});
			}

			// When the learner loads the file.
			const loaded = runCliSync(['images', 'load', 'registry-lab-images.tar'], { env, cwd: usb });

			// Then every image is back, and the command said which.
			expect(loaded.stderr).toBe('');
			expect(loaded.code).toBe(0);
			for (const ref of labImages) expect(loaded.stdout).toMatch(new RegExp(`^  (docker\\.io/library/)?${ref.replace('.', '\\.')}$`, 'm'));
			expect(labImages.filter(isHere)).toEqual(labImages);
		} finally {
			restoreImages(file);
		}
	});

	it('names the images that are missing, says docker pull fixes it, and writes nothing', () => {
		const labDir = path.join(root, 'labs', 'needs-more');
		mkdirSync(labDir, { recursive: true });
		writeFileSync(
			path.join(labDir, 'lab.yaml'),
			[
				'version: 1',
				'id: needs-more',
				'title: Needs more',
				'pulls: [alpine, registry-lab-test/never-here:1]',
				'steps:',
				'  - id: one',
				'    title: One',
				'    prompt: Look at alpine.',
				'    hints: [Inspect it.]',
				"    solution: ['docker image inspect alpine']",
				"    check: [{ run: 'docker image inspect alpine' }]",
				'',
			].join('\n'),
		);
		const out = path.join(root, 'out');
		mkdirSync(out);

		const saved = runCliSync(['images', 'save', labDir, path.join(out, 'images.tar')], { env, cwd: root });

		expect(saved.code).toBe(1);
		expect(saved.stderr).toContain(
			'an image the lab needs is not on this machine, so nothing was written:\n  registry-lab-test/never-here:1  pulls\n',
		);
		expect(saved.stderr).toContain('docker pull registry-lab-test/never-here:1');
		expect(readdirSync(out)).toEqual([]);
	});
});
