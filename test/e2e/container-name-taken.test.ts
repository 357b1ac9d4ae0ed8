// A stopped container the lab did not make holds the name the lab's service needs (the registries
// lab's `registry`). `registry-lab test` stops before changing anything and says how to free the
// name; cleanup leaves that container alone, because it is not the lab's. A lab of the test's own,
// with a unique container name, so no other test's or learner's `registry` is touched.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';
import { dockerSync, requireDocker } from './support/docker.js';

const docker = requireDocker();
const name = `rl-taken-${randomUUID().slice(0, 8)}`;

describe.skipIf(!docker.available)('a container name the lab needs is taken', () => {
	let root: string;
	let env: Record<string, string>;

	beforeAll(() => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-name-taken-'));
		mkdirSync(path.join(root, 'labs', 'taken'), { recursive: true });
		writeFileSync(
			path.join(root, 'labs', 'taken', 'lab.yaml'),
			`version: 1
id: taken
title: A lab whose registry container has a name
services:
  registry:
    image: registry:2
    name: ${name}
steps:
  - id: run
    title: Run the registry
    prompt: Run it.
    hints: [docker run.]
    solution: ['docker run -d --name ${name} --label io.registry-lab.lab=taken registry:2']
    check:
      - run: docker container inspect --format '{{.State.Running}}' ${name}
        expect: { stdout: { contains: 'true' } }
`,
		);
		env = { REGISTRY_LAB_WORKSPACE: path.join(root, 'workspaces'), REGISTRY_LAB_STATE_DIR: path.join(root, 'state') };
		// The learner's own container, made long ago and stopped: no lab label.
		dockerSync(['create', '--name', name, 'registry:2']);
	});

	afterAll(() => {
		dockerSync(['rm', '-f', '-v', name], { reject: false });
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('test stops before changing anything, names the container and the fix, and exits 1', () => {
		const result = runCliSync(['test', 'labs/taken', '--yes'], { env, cwd: root });
		expect(result.code).toBe(1);
		expect(result.stdout).toContain(
			`A container named ${name} exists that this lab did not start, and the lab's steps need that name. Remove it (docker rm -f ${name}) and run the test again.`,
		);
		expect(result.stdout).not.toMatch(/✓ run/);
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Status}}', name]).stdout).toBe('created');
	});

	it('cleanup does not remove it: it is not the lab’s', () => {
		const result = runCliSync(['cleanup', 'labs/taken', '--yes'], { env, cwd: root });
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('Nothing to clean up for the lab taken.\n');
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Status}}', name]).stdout).toBe('created');
	});
});
