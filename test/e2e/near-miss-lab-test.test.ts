// Near misses (`wrong:`) proven by `registry-lab test` on the real engine, against a registry:2 this
// test starts: two small labs in test/fixtures/labs differ only in their check. The lax one reads
// `/v2/_catalog` for "web", so its near miss (alpine pushed as `webapp`) passes and `test` must fail,
// naming the step, the wrong state and the check; the strict one reads the tag list of `web` itself
// and must hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot, runCli, type CliResult } from '../commands/built-cli.js';
import { eventually } from '../support/eventually.js';
import { dockerSync, removeLabelled, requireDocker } from './support/docker.js';

const docker = requireDocker();
/** On the registries this test starts; not a lab's label, so no lab's cleanup touches them. */
const registryLabel = 'io.registry-lab.test=near-miss';

interface JsonStep {
	id: string;
	status: string;
	phase: string | null;
	message: string;
	letThrough?: { wrong: string; checks: string[] }[];
}

/** A fresh registry:2 on a free port of every interface (so `localhost` reaches it), ready to push to. */
async function startRegistry(): Promise<{ id: string; port: number }> {
	const id = dockerSync(['run', '-d', '--label', registryLabel, '-p', '5000', 'registry:2']).stdout;
	const port = Number(/:(\d+)$/m.exec(dockerSync(['port', id, '5000/tcp']).stdout)?.[1]);
	await eventually(
		async () => {
			try {
				const response = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2_000) });
				await response.body?.cancel();
				return response.status === 200;
			} catch {
				return false;
			}
		},
		{ what: `the test registry on port ${port} to answer /v2/`, timeoutMs: 30_000 },
	);
	return { id, port };
}

/** `registry-lab test` of a fixture lab, with its own registry, workspace and state folder. */
async function testFixture(name: string): Promise<{ result: CliResult; steps: JsonStep[]; port: number }> {
	const registry = await startRegistry();
	const dirs = [mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-')), mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'))];
	try {
		const result = await runCli(
			['test', path.join(repoRoot, 'test/fixtures/labs', name), '--yes', '--set', `registryPort=${registry.port}`, '--reporter', 'json'],
			{ env: { REGISTRY_LAB_WORKSPACE: dirs[0], REGISTRY_LAB_STATE_DIR: dirs[1] } },
		);
		const steps = result.stdout.startsWith('{') ? (JSON.parse(result.stdout) as { steps: JsonStep[] }).steps : [];
		return { result, steps, port: registry.port };
	} finally {
		dockerSync(['rm', '-f', '-v', registry.id], { reject: false });
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	}
}

function imageExists(ref: string): boolean {
	return dockerSync(['image', 'inspect', ref], { reject: false }).exitCode === 0;
}

describe.skipIf(!docker.available)('registry-lab test proves near misses (wrong:) on the real engine', () => {
	let lax: Awaited<ReturnType<typeof testFixture>>;
	let strict: Awaited<ReturnType<typeof testFixture>>;

	beforeAll(async () => {
		ensureBuilt();
		lax = await testFixture('near-miss-lax');
		strict = await testFixture('near-miss-strict');
	});

	afterAll(() => {
		removeLabelled(registryLabel);
		for (const port of [lax?.port, strict?.port].filter(Boolean))
			dockerSync(['image', 'rm', `localhost:${port}/web:1`, `localhost:${port}/webapp:1`], { reject: false });
	});

	it('fails the lab whose catalog check accepts webapp for web, naming the step, the wrong state and the check', () => {
		// Given the lax lab, When `test` brings the registry to the near miss, Then the step fails there
		expect(lax.result.code, lax.result.stderr).toBe(1);
		expect(lax.steps.filter((candidate) => candidate.status === 'failed').map((candidate) => candidate.id)).toEqual(['push-web']);
		const step = lax.steps.find((candidate) => candidate.id === 'push-web');
		expect(step).toMatchObject({
			status: 'failed',
			phase: 'wrong-state',
			letThrough: [{ wrong: 'pushed as webapp, not web', checks: [`check 1 (GET http://localhost:${lax.port}/v2/_catalog)`] }],
		});
		expect(step?.message).toBe(
			`The checks of step push-web let a wrong state through: “pushed as webapp, not web” passes check 1 (GET http://localhost:${lax.port}/v2/_catalog). A learner in that state would see the step done: make the checks stricter, so that they fail there.`,
		);
		// The progress the author reads says the same as the step finishes.
		expect(lax.result.stderr).toMatch(
			/^✗ push-web .*\n {4}failed in a wrong state \(wrong:\): The checks of step push-web let a wrong state/m,
		);
	});

	it('holds the twin whose check reads the tag list of web itself', () => {
		expect(strict.result.code, `${strict.result.stderr}\n${strict.result.stdout}`).toBe(0);
		expect(strict.steps.find((candidate) => candidate.id === 'push-web')).toMatchObject({
			status: 'passed',
			message: 'Its checks fail before the solution and in its wrong state, and pass after it.',
		});
	});

	it('leaves neither lab’s images behind: the near miss’s webapp goes by its undo, web by the lab’s cleanup', () => {
		for (const port of [lax.port, strict.port]) {
			expect(imageExists(`localhost:${port}/webapp:1`)).toBe(false);
			expect(imageExists(`localhost:${port}/web:1`)).toBe(false);
		}
		expect(imageExists('alpine:latest')).toBe(true);
	});
});
