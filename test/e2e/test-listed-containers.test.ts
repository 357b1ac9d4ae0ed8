// `registry-lab test` and a lab's `containers:` list: a container the lab tells the learner to start
// by hand (no label). What the test's own run starts goes away with its anonymous volumes; one that
// was there before the test is the learner's, so the test stops before changing anything. A lab of
// the test's own, with a unique container name, so no other test's or learner's `registry` is touched.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';
import { dockerSync, requireDocker } from './support/docker.js';

const docker = requireDocker();
const name = `rl-listed-${randomUUID().slice(0, 8)}`;

/** A lab whose one step starts `name` from registry:2 the way a learner would: without the lab's label. */
const labYaml = (cleanupStep: string) => `version: 1
id: listed
title: A lab that lists the container the learner starts
containers:
  - { name: ${name}, image: 'registry:2' }
steps:
  - id: run
    title: Run the registry
    prompt: Run it.
    hints: [docker run.]
    solution: ['docker run -d --name ${name} registry:2']
    check:
      - run: docker container inspect --format '{{.State.Running}}' ${name}
        expect: { stdout: { contains: 'true' } }
${cleanupStep}`;

const volumeCount = () => dockerSync(['volume', 'ls', '-q']).stdout.split('\n').filter(Boolean).length;
const volumesOf = (container: string) =>
	dockerSync(['container', 'inspect', '--format', '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}', container], {
		reject: false,
	})
		.stdout.split(' ')
		.filter(Boolean);

describe.skipIf(!docker.available)('registry-lab test with a lab that lists containers', () => {
	let root: string;
	let env: Record<string, string>;
	let made: string[] = [];
	const writeLab = (cleanupStep = '') => {
		mkdirSync(path.join(root, 'labs', 'listed'), { recursive: true });
		writeFileSync(path.join(root, 'labs', 'listed', 'lab.yaml'), labYaml(cleanupStep));
	};

	beforeAll(() => {
		ensureBuilt();
	});

	beforeEach(() => {
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-listed-'));
		env = { REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'), REGISTRY_LAB_STATE_DIR: path.join(root, 'state') };
		made = [];
	});

	afterEach(() => {
		made.push(...volumesOf(name));
		dockerSync(['rm', '-f', '-v', name], { reject: false });
		for (const volume of made) dockerSync(['volume', 'rm', volume], { reject: false });
		rmSync(root, { recursive: true, force: true });
	});

	it('removes the container its run started, with its anonymous volume, and reports it left behind when the lab has no cleanup step', () => {
		// Given a lab without a cleanup step, and no container of that name.
		writeLab();
		const before = volumeCount();

		// When
		const result = runCliSync(['test', 'labs/listed', '--yes'], { env, cwd: root });

		// Then the run's own container was found and removed, volume and all.
		expect(result.stdout).toContain(`The lab has no cleanup step, and these were left behind: container ${name} (registry:2).`);
		expect(result.code).toBe(1);
		expect(dockerSync(['container', 'inspect', name], { reject: false }).exitCode).not.toBe(0);
		expect(volumeCount()).toBe(before);
	});

	it('passes when the cleanup step removes the container with -v, and leaves no volume behind', () => {
		writeLab(`  - id: tidy
    title: Clean up
    prompt: Remove it.
    hints: [docker rm.]
    cleanup: true
    solution: ['docker rm -f -v ${name}']
    check:
      - run: docker container inspect ${name}
        expect: { exitCode: 1 }
`);
		const before = volumeCount();

		const result = runCliSync(['test', 'labs/listed', '--yes'], { env, cwd: root });

		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(volumeCount()).toBe(before);
	});

	it('stops before changing anything when the learner already has a container of that name, and leaves it alone', () => {
		// Given the learner's own container of that name, from the listed image, made before the test.
		writeLab();
		dockerSync(['create', '--name', name, 'registry:2']);
		made = volumesOf(name);

		// When
		const result = runCliSync(['test', 'labs/listed', '--yes'], { env, cwd: root });

		// Then
		expect(result.code).toBe(1);
		expect(result.stdout).toContain(
			`A container named ${name} exists that this lab did not start, and the lab's steps need that name. Remove it (docker rm -f ${name}) and run the test again.`,
		);
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Status}}', name]).stdout).toBe('created');
	});
});
