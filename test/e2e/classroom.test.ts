// The classroom on a registry with a login (htpasswd registry:2 on localhost, as a school's would
// be): three learners make progress as learners do (`check`, `answer`), each on their own machine
// (their own state folder), and publish it with the built CLI; the instructor's `class report`
// lists all three. A learner without push rights gets told how to log in, and nothing of theirs
// appears in the class.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../commands/built-cli.js';
import { requireDocker } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';

interface ReportEntry {
	name: string;
	done: number;
	total: number;
	currentStep: string | null;
	hints: number;
	answersRight: number;
	answersWrong: number;
}

const docker = requireDocker();
const wrongAnswerText = 'kiamol/ch05-pi';

describe.skipIf(!docker.available)('a class publishing its progress to a registry with a login', () => {
	let hub: Hub;
	const dirs: string[] = [];
	const learners = new Map<string, Record<string, string>>();

	const tempDir = (prefix: string) => {
		const dir = mkdtempSync(path.join(tmpdir(), prefix));
		dirs.push(dir);
		return dir;
	};
	/** A learner's own machine: their state folder and workspace, logged in to the class registry. */
	const machine = (name: string, dockerConfig: string): Record<string, string> => {
		const env = {
			...hub.env,
			DOCKER_CONFIG: dockerConfig,
			REGISTRY_LAB_STATE_DIR: tempDir(`registry-lab-state-${name}-`),
			REGISTRY_LAB_WORKSPACE: tempDir(`registry-lab-workspace-${name}-`),
		};
		learners.set(name, env);
		return env;
	};
	const cli = (name: string, ...args: string[]) => runCliSync(args, { env: learners.get(name)! });
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const report = (...args: string[]) => runCliSync(['class', 'report', '--from', hub.host, ...args], { env: hub.env });

	beforeAll(async () => {
		ensureBuilt();
		hub = await startHub();
		// cleo did the first step long ago, ben a step more a little later, ana three steps just now.
		machine('cleo', hub.env.DOCKER_CONFIG);
		expect(cli('cleo', 'check', '--step', 'docker-id', '--set', 'dockerId=cleo').stderr).not.toMatch(/\n\s+at /);
		await sleep(1_100);
		machine('ben', hub.env.DOCKER_CONFIG);
		cli('ben', 'check', '--step', 'docker-id', '--set', 'dockerId=ben');
		expect(cli('ben', 'answer', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest').code).toBe(0);
		await sleep(1_100);
		machine('ana', hub.env.DOCKER_CONFIG);
		cli('ana', 'check', '--step', 'docker-id', '--set', 'dockerId=ana');
		expect(cli('ana', 'answer', 'pull-from-mcr', 'docker pull mcr.microsoft.com/dotnet/runtime:5.0').code).toBe(0);
		expect(cli('ana', 'answer', 'reference-defaults', wrongAnswerText).code).toBe(1);
		expect(cli('ana', 'answer', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest').code).toBe(0);
		// dan has no login for the class registry.
		machine('dan', tempDir('registry-lab-docker-config-empty-'));
	}, 180_000);

	afterAll(() => {
		hub?.stop();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	it('given three learners, publish prints the repository, the tag and exactly the JSON it sends, without any answer typed', () => {
		for (const name of ['cleo', 'ben', 'ana']) {
			const result = cli(name, 'class', 'publish', '--to', hub.host, '--as', name);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`to ${hub.host}, repository registry-lab/registries, tag ${name}.`);
			expect(result.stdout).toContain(`Published ${hub.host}/registry-lab/registries:${name} (sha256:`);
			const json = result.stdout.slice(result.stdout.indexOf('{'), result.stdout.lastIndexOf('}') + 1);
			expect(JSON.parse(json)).toMatchObject({ version: 1, learner: name, lab: { id: 'registries' } });
			expect(json).not.toContain('ch05-pi');
			expect(json).not.toContain('dotnet');
		}
	});

	it('class report --json lists all three with their done counts, stuck longest first', () => {
		const result = report('--json');
		expect(result.code).toBe(0);
		const entries = JSON.parse(result.stdout) as ReportEntry[];
		expect(entries.map((entry) => [entry.name, entry.done])).toEqual([
			['cleo', 1],
			['ben', 2],
			['ana', 3],
		]);
		expect(entries.find((entry) => entry.name === 'ana')).toMatchObject({ currentStep: 'build-curl', answersRight: 2, answersWrong: 0 });
	});

	it('class report sorted by progress, as a table and as CSV, has the same learners most done first', () => {
		const table = report('--sort', 'progress');
		expect(table.code).toBe(0);
		const names = table.stdout
			.split('\n')
			.slice(3)
			.filter(Boolean)
			.map((line) => line.split(/\s+/)[0]);
		expect(names).toEqual(['ana', 'ben', 'cleo']);
		expect(table.stdout).toMatch(/ana +3\/\d+ +build-curl/);
		const csv = report('--csv', '--sort', 'name').stdout.trim().split('\r\n');
		expect(csv[0]).toMatch(/^name,done,total,/);
		expect(csv.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
			['ana', '3'],
			['ben', '2'],
			['cleo', '1'],
		]);
	});

	it('a learner without push rights is told how to log in, and nothing of theirs is in the class', () => {
		const result = cli('dan', 'class', 'publish', '--to', hub.host, '--as', 'dan');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`docker login ${hub.host}`);
		expect(result.stderr).toContain('Nothing was published');
		expect(result.stderr).not.toMatch(/\n\s+at /);
		const entries = JSON.parse(report('--json').stdout) as ReportEntry[];
		expect(entries.map((entry) => entry.name).sort()).toEqual(['ana', 'ben', 'cleo']);
	});

	it('a name that cannot be a tag is refused before anything is sent', () => {
		const result = cli('ana', 'class', 'publish', '--to', hub.host, '--as', 'ana lopez');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('cannot be your name in the class');
		expect(result.stdout).toBe('');
	});
});
