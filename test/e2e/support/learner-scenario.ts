// A learner does the registries lab by hand, from a clean engine (Docker, or Podman behind the
// Docker CLI: learner-scenario.test.ts and podman.test.ts call this): the course's own commands, typed
// in their shell (docker build/tag/push/run, curl for the API), the two questions answered with
// `registry-lab answer`. After each exercise `registry-lab check --json` must flip exactly that step
// to passed, and the steps done before must stay passed, until the cleanup undoes them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliSync } from '../../commands/built-cli.js';
import { dockerSync, removeLabelled, requireRegistryNameFree } from './docker.js';
import type { Hub } from './hub.js';
import { eventually } from '../../support/eventually.js';

export interface ScenarioOptions {
	engine: 'docker' | 'podman';
	/** The hub (logged in) and the port for the learner's registry, ready for the engine. */
	setUp(): Promise<{ hub: Hub; port: number }>;
	tearDown?(hub: Hub): void;
}

interface CheckReport {
	lab: string;
	done: number;
	total: number;
	steps: Array<{ id: string; done: boolean; status: 'passed' | 'failed' | 'skipped'; message: string; durationMs: number }>;
}

export function describeLearnerScenario(options: ScenarioOptions): void {
	describe(`a learner doing the registries lab by hand on ${options.engine === 'podman' ? 'Podman' : 'Docker'}`, () => {
		let hub: Hub;
		let port: number;
		let workspaceRoot: string;
		let stateDir: string;
		let env: Record<string, string>;
		let passedSoFar = new Set<string>();

		const workspace = () => path.join(workspaceRoot, 'registries');
		const curl = () => `${hub.host}/learner1/curl`;
		const registry = () => `localhost:${port}`;
		/** A command the learner types, in the workspace, logged in to the hub. */
		const learner = (...args: string[]) => dockerSync(args, { env: hub.env });
		const learnerCurl = (...args: string[]) =>
			execFileSync('curl', ['--silent', '--show-error', '--fail', ...args], { encoding: 'utf8', timeout: 30_000 });
		/** `docker push --all-tags`, which Podman does not take: there the learner pushes each tag, as the lab says. */
		const pushAllTags = (repository: string, tags: string[]) => {
			if (options.engine === 'docker') learner('push', '--all-tags', repository);
			else for (const tag of tags) learner('push', `${repository}:${tag}`);
		};
		const setFlags = () => ['--set', 'dockerId=learner1', '--set', `hub=${hub.host}`, '--set', `registryPort=${port}`];

		function check(): CheckReport {
			const result = runCliSync(['check', '--json', ...setFlags()], { env });
			expect(result.stderr).not.toMatch(/\n\s+at /);
			const report = JSON.parse(result.stdout) as CheckReport;
			// The exit code follows progress: 0 once every step is done, whatever the machine shows now.
			expect(result.code).toBe(report.steps.every((step) => step.done) ? 0 : 1);
			expect(report.done).toBe(report.steps.filter((step) => step.done).length);
			return report;
		}

		/** Waits until the registry listens, as a learner would wait a moment (node's requests do not count as theirs). */
		async function registryAnswers(): Promise<void> {
			const answers = () =>
				fetch(`http://${registry()}/v2/`).then(
					(response) => response.status === 200,
					() => false,
				);
			await eventually(answers, { what: `the learner's registry on ${registry()} to answer`, timeoutMs: 30_000 });
		}

		function passed(report: CheckReport): Set<string> {
			return new Set(report.steps.filter((step) => step.status === 'passed').map((step) => step.id));
		}

		/** The exercise flips `stepId`, and only it, to passed; whatever passed before still passes. */
		function expectFlips(stepId: string): CheckReport {
			const report = check();
			const now = passed(report);
			const explain = JSON.stringify(
				report.steps.filter((step) => step.status !== 'passed'),
				null,
				1,
			);
			expect(
				[...now].filter((id) => !passedSoFar.has(id)),
				explain,
			).toEqual([stepId]);
			expect(
				[...passedSoFar].filter((id) => !now.has(id)),
				explain,
			).toEqual([]);
			passedSoFar = now;
			return report;
		}

		beforeAll(async () => {
			ensureBuilt();
			requireRegistryNameFree();
			({ hub, port } = await options.setUp());
			workspaceRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-'));
			stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'));
			env = { ...hub.env, REGISTRY_LAB_WORKSPACE: workspaceRoot, REGISTRY_LAB_STATE_DIR: stateDir };
		});

		afterAll(() => {
			// The learner's registry has no label: remove it by name, with the names the scenario made.
			dockerSync(['rm', '-f', '-v', 'registry'], { reject: false });
			removeLabelled('io.registry-lab.lab=registries');
			if (hub) {
				const refs = [`${curl()}:21.06`, `${curl()}:21.07`, ...['latest', '21.07', 'local'].map((tag) => `${registry()}/alpine:${tag}`)];
				dockerSync(['image', 'rm', ...refs], { reject: false });
				options.tearDown?.(hub);
			}
			rmSync(workspaceRoot, { recursive: true, force: true });
			rmSync(stateDir, { recursive: true, force: true });
		});

		it('asks for the Docker ID before checking anything, naming the --set to pass', () => {
			const result = runCliSync(['check', '--json', '--set', `hub=${hub.host}`, '--set', `registryPort=${port}`], { env });
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('--set dockerId=VALUE');
		});

		it('starts with only the Docker ID done, and every other step failed or waiting', () => {
			const report = check();
			passedSoFar = passed(report);
			expect([...passedSoFar]).toEqual(['docker-id']);
			const status = Object.fromEntries(report.steps.map((step) => [step.id, step.status]));
			expect(status).toMatchObject({
				'build-curl': 'failed',
				'push-curl': 'skipped',
				'run-registry': 'failed',
				'push-alpine': 'skipped',
				cleanup: 'skipped',
			});
			expect(report.steps.find((step) => step.id === 'build-curl')?.message).toContain(`docker build -t ${curl()}:21.06`);
		});

		it('ticks each exercise off as the learner does it, and nothing else', async () => {
			learner(
				'build',
				'-t',
				`${curl()}:21.06`,
				'-f',
				path.join(workspace(), 'images/curl/Dockerfile.v2'),
				path.join(workspace(), 'images/curl'),
			);
			expectFlips('build-curl');

			learner('push', `${curl()}:21.06`);
			expectFlips('push-curl');

			learner('tag', `${curl()}:21.06`, `${curl()}:21.07`);
			expectFlips('tag-curl');

			pushAllTags(curl(), ['21.06', '21.07']);
			expectFlips('push-all-tags');

			// The learner's own registry, as the course runs it: no label.
			learner('run', '-d', '-p', `${port}:5000`, '--name', 'registry', 'registry:2');
			await registryAnswers();
			expectFlips('run-registry');

			learner('tag', 'alpine', `${registry()}/alpine`);
			learner('push', `${registry()}/alpine`);
			expectFlips('push-alpine');

			expect(learnerCurl('--head', `${registry()}/v2/`)).toMatch(/Docker-Distribution-Api-Version: registry\/2.0/i);
			expect(JSON.parse(learnerCurl(`${registry()}/v2/alpine/tags/list`))).toEqual({ name: 'alpine', tags: ['latest'] });
			expectFlips('query-api');

			// The pull-back step removes the local name first: push-alpine is still pushed (the registry
			// has the tag), so nothing that passed stops passing.
			learner('image', 'rm', `${registry()}/alpine`);
			const removed = check();
			expect(removed.steps.find((step) => step.id === 'push-alpine')).toMatchObject({ status: 'passed', done: true });
			learner('pull', `${registry()}/alpine`);
			expectFlips('pull-back');

			learner('tag', 'alpine', `${registry()}/alpine:21.07`);
			learner('tag', 'alpine', `${registry()}/alpine:local`);
			pushAllTags(`${registry()}/alpine`, ['latest', '21.07', 'local']);
			expectFlips('more-tags');
		});

		it('counts the questions once answered right', () => {
			const wrong = runCliSync(['answer', 'reference-defaults', 'kiamol/ch05-pi'], { env });
			expect(wrong.code).toBe(1);
			expect(passed(check()).has('reference-defaults')).toBe(false);

			expect(runCliSync(['answer', 'reference-defaults', 'docker.io/kiamol/ch05-pi:latest'], { env }).code).toBe(0);
			expectFlips('reference-defaults');

			expect(runCliSync(['answer', 'pull-from-mcr', 'docker', 'pull', 'mcr.microsoft.com/dotnet/runtime:5.0'], { env }).code).toBe(0);
			expectFlips('pull-from-mcr');
		});

		it('has every step but cleanup done, then cleanup done once the learner removes what the lab made', () => {
			const before = check();
			expect(before.steps.filter((step) => step.status !== 'passed').map((step) => step.id)).toEqual(['cleanup']);

			learner('rm', '-f', '-v', 'registry');
			learner(
				'image',
				'rm',
				`${curl()}:21.06`,
				`${curl()}:21.07`,
				`${registry()}/alpine`,
				`${registry()}/alpine:21.07`,
				`${registry()}/alpine:local`,
			);
			const after = check();
			const status = Object.fromEntries(after.steps.map((step) => [step.id, step.status]));
			expect(status.cleanup, JSON.stringify(after.steps.find((step) => step.id === 'cleanup'))).toBe('passed');
			// Cleanup undoes the exercises on the machine; every step stays done, so check reads as finished.
			expect(status).toMatchObject({
				'docker-id': 'passed',
				'reference-defaults': 'passed',
				'pull-from-mcr': 'passed',
				'build-curl': 'failed',
				'run-registry': 'failed',
			});
			expect(after.done).toBe(after.steps.length);
			expect(after.steps.every((step) => step.done)).toBe(true);
		});
	});
}
