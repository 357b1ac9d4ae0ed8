// The doctor command's report and exit code, with a fake docker (or none) on PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../src/commands/doctor.js';
import { goodLab, makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';
import { runCommandFn } from './command-io.js';
import { makeFakeDocker, type FakeDocker } from './fake-docker.js';

const dockerLab = goodLab.replace('files: [scripts]\n', 'files: [scripts]\nrequires: [docker]\n');
let fixture: FixtureLab | undefined;
let fake: FakeDocker | undefined;
let emptyBin: string | undefined;

afterEach(() => {
	fixture?.remove();
	fake?.remove();
	if (emptyBin) rmSync(emptyBin, { recursive: true, force: true });
	fixture = fake = emptyBin = undefined;
});

function doctor(env: Record<string, string | undefined>, ...args: string[]) {
	fixture ??= makeFixtureLab(dockerLab);
	return runCommandFn(runDoctorCommand, [fixture.labDir, ...args], {
		cwd: fixture.workspaceRoot,
		env: { ...env, REGISTRY_LAB_STATE_DIR: fixture.stateDir },
	});
}

describe('registry-lab doctor', () => {
	it('says the machine is ready, and exits 0, when Docker answers', async () => {
		fake = makeFakeDocker(`'version --format {{json .}}') echo '{"Client":{"Version":"28.0.0"},"Server":{"Version":"20.10.24"}}';;`);
		const result = await doctor(fake.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/^Is this machine ready for A fixture lab\?\n {2}ok {4}Docker command: Found .*\/docker\.\n {2}ok {4}Docker engine: The engine answers \(version 20\.10\.24\)\.\n/,
		);
		expect(result.stdout).toMatch(/\nReady\.\n$/);
	});

	it('fails, with the fix, when there is no docker command, and exits 1', async () => {
		emptyBin = mkdtempSync(path.join(tmpdir(), 'registry-lab-empty-bin-'));
		const result = await doctor({ ...process.env, PATH: emptyBin }, '--json');
		expect(result.code).toBe(1);
		const report = JSON.parse(result.stdout) as {
			lab: string;
			ready: boolean;
			findings: Array<{ id: string; status: string; fix?: string }>;
		};
		expect(report).toMatchObject({ lab: 'fixture', ready: false });
		expect(report.findings[0]).toMatchObject({
			id: 'docker-cli',
			status: 'fail',
			fix: expect.stringContaining('https://docs.docker.com/get-docker/'),
		});
	});

	it('shows the fix under a failing item in text', async () => {
		emptyBin = mkdtempSync(path.join(tmpdir(), 'registry-lab-empty-bin-'));
		const result = await doctor({ ...process.env, PATH: emptyBin });
		expect(result.stdout).toContain('  FAIL  Docker command: The docker command is not on your PATH.\n        fix: Install Docker Desktop');
		expect(result.stdout).toMatch(/Not ready: fix the problem marked FAIL, then run registry-lab doctor again\.\n$/);
	});
});
