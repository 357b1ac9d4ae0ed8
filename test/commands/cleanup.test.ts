// The cleanup command's conversation, against a fake docker: it lists first, removes only when told,
// and asks at a terminal. (That it leaves the learner's own things alone on a real engine is shown
// in test/e2e/cleanup-safety.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCleanupCommand } from '../../src/commands/cleanup.js';
import { runCommandFn } from './command-io.js';
import { makeFakeDocker, type FakeDocker } from './fake-docker.js';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';

let fake: FakeDocker;
let stateDir: string;
let port: number;

/** `docker container inspect registry` as the engine answers it: the lab's own labelled registry by default. */
const labsRegistry =
	'[{"Id":"c0ffee","Name":"/registry","Image":"sha256:b5b5","State":{"Status":"running"},"Config":{"Image":"registry:2","Labels":{"io.registry-lab.lab":"registries"}}}]';

function fakeDocker({ labelled = true, registry = labsRegistry }: { labelled?: boolean; registry?: string } = {}): FakeDocker {
	return makeFakeDocker(`
'ps --all --no-trunc --filter label=io.registry-lab.lab=registries --format {{json .}}') ${labelled ? `echo '{"ID":"c0ffee","Names":"registry","Image":"registry:2","State":"running"}'` : 'true'};;
'container inspect registry') echo '${registry}';;
'image inspect --format {{.Id}} learner1/curl:21.06') echo sha256:1234;;
'image inspect --format {{.Id}} registry:2') echo sha256:b5b5;;
'image inspect'*) echo "Error response from daemon: No such image: $5" >&2; exit 1;;
'rm --force --volumes c0ffee') echo c0ffee;;
'rmi learner1/curl:21.06') echo 'Untagged: learner1/curl:21.06';;
`);
}

beforeEach(async () => {
	port = await freePort();
	fake = fakeDocker();
	stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'));
});

afterEach(() => {
	fake.remove();
	rmSync(stateDir, { recursive: true, force: true });
});

function cleanup(args: string[], confirm?: (question: string) => Promise<boolean>) {
	return runCommandFn(runCleanupCommand, ['--set', 'dockerId=learner1', '--set', `registryPort=${port}`, ...args], {
		cwd: stateDir,
		env: { ...fake.env, REGISTRY_LAB_STATE_DIR: stateDir },
		confirm,
	});
}

const removals = () => fake.calls().filter((call) => /^(rm|rmi) /.test(call));
const plan =
	'The lab registries made these; cleanup removes them:\n  container registry (registry:2, running), with its anonymous volumes\n  image learner1/curl:21.06\n';

describe('registry-lab cleanup', () => {
	it('lists what it would remove and, without a terminal or --yes, removes nothing and says how', async () => {
		const result = await cleanup([]);
		expect(result).toEqual({
			code: 1,
			stdout: plan,
			stderr: 'Nothing removed: pass --yes to remove these (registry-lab cleanup --yes).\n',
		});
		expect(removals()).toEqual([]);
	});

	it('asks at a terminal, and no means nothing is removed', async () => {
		const asked: string[] = [];
		const result = await cleanup([], async (question) => {
			asked.push(question);
			return false;
		});
		expect(asked).toEqual(['Remove them? [y/N] ']);
		expect(result).toMatchObject({ code: 1, stdout: `${plan}Nothing removed.\n` });
		expect(removals()).toEqual([]);
	});

	it('removes the container and untags the image after a yes', async () => {
		const result = await cleanup([], async () => true);
		expect(result).toEqual({
			code: 0,
			stdout: `${plan}Removed container registry and its anonymous volumes\nRemoved image name learner1/curl:21.06\n`,
			stderr: '',
		});
		expect(removals()).toEqual(['rm --force --volumes c0ffee', 'rmi learner1/curl:21.06']);
	});

	it('removes without asking with --yes, and only lists with --dry-run', async () => {
		expect((await cleanup(['--dry-run'], async () => true)).code).toBe(0);
		expect(removals()).toEqual([]);
		expect((await cleanup(['--yes'])).code).toBe(0);
		expect(removals()).toEqual(['rm --force --volumes c0ffee', 'rmi learner1/curl:21.06']);
	});

	it('lists the labelled registry once, though the lab also lists its name', async () => {
		const result = await cleanup(['--dry-run']);
		expect(result).toEqual({ code: 0, stdout: plan, stderr: '' });
	});

	it('removes the registry the learner started without the label, when it runs registry:2, with its volumes', async () => {
		fake.remove();
		fake = fakeDocker({ labelled: false, registry: labsRegistry.replace(/"Labels":\{[^}]*\}/, '"Labels":null') });

		const result = await cleanup(['--yes']);

		expect(result).toEqual({
			code: 0,
			stdout: `${plan}Removed container registry and its anonymous volumes\nRemoved image name learner1/curl:21.06\n`,
			stderr: '',
		});
		expect(removals()).toEqual(['rm --force --volumes c0ffee', 'rmi learner1/curl:21.06']);
	});

	it('names a container called registry that runs another image, and leaves it alone', async () => {
		fake.remove();
		fake = fakeDocker({
			labelled: false,
			registry:
				'[{"Id":"beef","Name":"/registry","Image":"sha256:6767","State":{"Status":"running"},"Config":{"Image":"alpine","Labels":{}}}]',
		});

		const result = await cleanup(['--yes']);

		expect(result).toEqual({
			code: 0,
			stdout: [
				'The lab registries made these; cleanup removes them:',
				'  image learner1/curl:21.06',
				"Left alone: the container registry runs alpine, not registry:2, so it is not the lab's.",
				'Removed image name learner1/curl:21.06',
				'',
			].join('\n'),
			stderr: '',
		});
		expect(removals()).toEqual(['rmi learner1/curl:21.06']);
	});

	it('says which image names it could not look for without the Docker ID, and how to include them', async () => {
		const result = await runCommandFn(runCleanupCommand, ['--dry-run', '--set', `registryPort=${port}`], {
			cwd: stateDir,
			env: { ...fake.env, REGISTRY_LAB_STATE_DIR: stateDir },
		});
		expect(result.stdout).toContain(
			'Not looked for, because they need dockerId: {{curlImage}}:21.06, {{curlImage}}:21.07. Pass --set dockerId=VALUE to include them.\n',
		);
	});
});
