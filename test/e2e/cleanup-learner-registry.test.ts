// The learner follows the lab: `docker run -d -p 5000:5000 --name registry registry:2`, with no label.
// `registry-lab cleanup` must remove that registry and the anonymous volume that holds everything
// pushed to it (the lab's cleanup step says `-v` deletes it), and must leave alone a container named
// `registry` that runs some other image. Through the built CLI, on the real engine, with local
// stand-in images (nothing is pulled).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';
import { dockerSync, requireDocker, requireRegistryNameFree } from './support/docker.js';

const docker = requireDocker();

const volumeCount = () => dockerSync(['volume', 'ls', '-q']).stdout.split('\n').filter(Boolean).length;
const volumesOf = (name: string) =>
	dockerSync(['container', 'inspect', '--format', '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}', name])
		.stdout.split(' ')
		.filter(Boolean);
const exists = (kind: 'container' | 'volume', name: string) => dockerSync([kind, 'inspect', name], { reject: false }).exitCode === 0;

describe.skipIf(!docker.available)('registry-lab cleanup after the learner started the registry themselves', () => {
	let root: string;
	let port: number;
	let made: string[] = [];
	const cleanup = (...args: string[]) =>
		runCliSync(['cleanup', 'registries', '--set', 'dockerId=learner1', '--set', `registryPort=${port}`, ...args], {
			env: { REGISTRY_LAB_STATE_DIR: path.join(root, 'state'), REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces') },
		});

	beforeAll(() => {
		ensureBuilt();
	});

	beforeEach(async () => {
		requireRegistryNameFree();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-cleanup-learner-'));
		port = await freePort();
		made = [];
	});

	afterEach(() => {
		// Only what this test made: the name `registry` was free when it started.
		if (exists('container', 'registry')) made.push(...volumesOf('registry'));
		dockerSync(['rm', '-f', '-v', 'registry'], { reject: false });
		for (const volume of made) dockerSync(['volume', 'rm', volume], { reject: false });
		rmSync(root, { recursive: true, force: true });
	});

	it.each(['registry:2', 'docker.io/library/registry:2'])(
		'removes the unlabelled registry started as %s, with its storage volume, leaving as many volumes as before',
		(image) => {
			// Given the learner's registry, started the way the lab shows it (no label).
			const before = volumeCount();
			dockerSync(['run', '-d', '-p', `${port}:5000`, '--name', 'registry', image]);
			made = volumesOf('registry');
			expect(made).toHaveLength(1);
			expect(volumeCount()).toBe(before + 1);

			// When
			const result = cleanup('--yes');

			// Then
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`  container registry (${image}, running), with its anonymous volumes\n`);
			expect(result.stdout).toContain('Removed container registry and its anonymous volumes\n');
			expect(exists('container', 'registry')).toBe(false);
			expect(exists('volume', made[0]!)).toBe(false);
			expect(volumeCount()).toBe(before);
			expect(exists('container', 'registry')).toBe(false);
		},
	);

	it('names a container called registry that runs another image, and leaves it running', () => {
		// Given the learner's own container that happens to be called registry.
		dockerSync(['run', '-d', '--name', 'registry', 'alpine', 'sleep', '300']);
		made = volumesOf('registry');

		// When
		const dryRun = cleanup('--dry-run');
		const result = cleanup('--yes');

		// Then
		const leftAlone = "Left alone: the container registry runs alpine, not registry:2, so it is not the lab's.\n";
		expect(dryRun.stdout).toContain(leftAlone);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(leftAlone);
		expect(result.stdout).not.toContain('Removed container registry');
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Running}} {{.Config.Image}}', 'registry']).stdout).toBe('true alpine');
	});
});
