// The whole registries lab, proven by `registry-lab test` on the real engine, offline: the Docker Hub
// steps push to a logged-in stand-in hub, and the port asked for is held by a server that answers
// like macOS AirPlay (403, Server: AirTunes), so the lab must move its registry to a free port.
// One run, several questions asked of it: the suite runs on 2 cores within a budget.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/lab/load-lab.js';
import { ensureBuilt, repoRoot, runCli, type CliResult } from '../commands/built-cli.js';
import { dockerSync, removeLabelled, requireDocker, requireRegistryNameFree } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';

const docker = requireDocker();
const labLabel = 'io.registry-lab.lab=registries';
const labSteps = loadLab(path.join(repoRoot, 'labs/registries')).lab?.steps ?? [];
const stepIds = labSteps.map((step) => step.id);
const stepsWithNearMisses = labSteps.filter((step) => (step.wrong ?? []).length > 0).map((step) => step.id);

/** A stand-in for AirPlay Receiver: every request gets 403 from "AirTunes". */
async function startAirTunes(): Promise<{ server: Server; port: number }> {
	const server = createServer((_request, response) => {
		response.writeHead(403, { Server: 'AirTunes/860.7.1' });
		response.end();
	});
	// Both IPv4 and IPv6 where the machine has them, as AirPlay does, so `localhost` reaches it either way.
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '::', () => resolve());
	}).catch(
		() =>
			new Promise<void>((resolve) => {
				server.listen(0, '0.0.0.0', () => resolve());
			}),
	);
	const address = server.address();
	if (typeof address !== 'object' || address === null) throw new Error('the AirTunes stand-in has no port');
	return { server, port: address.port };
}

function imageExists(ref: string): boolean {
	return dockerSync(['image', 'inspect', ref], { reject: false }).exitCode === 0;
}

describe.skipIf(!docker.available)('registry-lab test registries on the real engine', () => {
	let hub: Hub | undefined;
	let airTunes: { server: Server; port: number } | undefined;
	let dirs: string[] = [];
	let result: CliResult;
	let movedTo: number | undefined;

	beforeAll(async () => {
		ensureBuilt();
		requireRegistryNameFree();
		hub = await startHub();
		airTunes = await startAirTunes();
		dirs = [mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-')), mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'))];
		result = await runCli(
			[
				'test',
				'registries',
				'--set',
				'dockerId=learner1',
				'--set',
				`hub=${hub.host}`,
				'--set',
				`registryPort=${airTunes.port}`,
				'--reporter',
				'junit',
			],
			{ env: { ...hub.env, REGISTRY_LAB_WORKSPACE: dirs[0], REGISTRY_LAB_STATE_DIR: dirs[1] } },
		);
		const moved = /uses port (\d+) instead/.exec(result.stderr)?.[1];
		movedTo = moved === undefined ? undefined : Number(moved);
	});

	afterAll(() => {
		airTunes?.server.close();
		removeLabelled(labLabel);
		if (hub) {
			const refs = [`${hub.host}/learner1/curl:21.06`, `${hub.host}/learner1/curl:21.07`];
			if (movedTo !== undefined) refs.push(...['latest', '21.07', 'local'].map((tag) => `localhost:${movedTo}/alpine:${tag}`));
			dockerSync(['image', 'rm', ...refs], { reject: false });
		}
		hub?.stop();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	it('passes every step and exits 0', () => {
		expect(result.stderr).not.toMatch(/✗/);
		expect(result.code, result.stderr).toBe(0);
	});

	it('writes a JUnit report to stdout with one passing testcase per step', () => {
		expect(result.stdout).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="registry-lab test" tests="13" failures="0" errors="0" skipped="0">/,
		);
		expect(stepIds).toHaveLength(13);
		for (const id of stepIds) expect(result.stdout).toContain(`<testcase name="${id}" classname="registry-lab.registries"`);
		expect(result.stdout).not.toContain('<failure');
		expect(result.stdout).not.toContain('<skipped');
	});

	it('reports each step on stderr as it finishes, so stdout stays XML', () => {
		for (const id of stepIds) expect(result.stderr).toMatch(new RegExp(`^✓ ${id} `, 'm'));
		expect(result.stdout).not.toMatch(/^✓/m);
	});

	it('proves every near miss of the lab (wrong:) fails its step’s checks', () => {
		expect(stepsWithNearMisses.length).toBeGreaterThanOrEqual(6);
		for (const id of stepsWithNearMisses)
			expect(result.stdout).toMatch(
				new RegExp(
					`<testcase name="${id}" [^>]*>\\n +<system-out>Its checks fail before the solution and in (its wrong state|each of its \\d+ wrong states), and pass after it\\.`,
				),
			);
	});

	it('moves the registry off the port AirPlay holds, and says why', () => {
		expect(result.stderr).toMatch(new RegExp(`Port ${airTunes?.port} is held by macOS AirPlay Receiver`));
		expect(movedTo).toBeDefined();
		expect(movedTo).not.toBe(airTunes?.port);
	});

	it('leaves nothing labelled as the lab’s, and none of its images', () => {
		expect(dockerSync(['ps', '--all', '--quiet', '--filter', `label=${labLabel}`]).stdout).toBe('');
		expect(dockerSync(['container', 'inspect', 'registry'], { reject: false }).exitCode).not.toBe(0);
		expect(imageExists(`${hub?.host}/learner1/curl:21.06`)).toBe(false);
		expect(imageExists(`localhost:${movedTo}/alpine:local`)).toBe(false);
		// Removing the lab's names only untagged: the learner's own alpine stays.
		expect(imageExists('alpine:latest')).toBe(true);
	});
});
