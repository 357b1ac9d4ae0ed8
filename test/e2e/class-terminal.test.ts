// The classroom in real terminals (tmux), on the built CLI, with a classroom registry that wants a
// login (the hub stand-in: registry:2 with htpasswd on loopback, and a logged-in DOCKER_CONFIG).
// A learner's TUI opened with --classroom and --as publishes after each step it ticks, proven by
// reading the registry back; and the instructor's `class watch` lists the class and re-sorts on keys.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishProgress, readClassProgress } from '../../src/classroom/class-registry.js';
import { classRepository, classRows, type ClassRow, type ProgressDocument } from '../../src/classroom/progress-document.js';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { dockerConfigCredentials } from '../../src/registry/docker-credentials.js';
import { cliPath, ensureBuilt, repoRoot } from '../commands/built-cli.js';
import { dockerSync, requireDocker } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';
import { hasTmux, startTmux, type Tmux } from './support/tmux.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');

/** Long waits are bounds for a busy machine, not expectations. */
const bound = { timeoutMs: 120_000 };

describe.skipIf(!docker.available || !tmuxFound)('the classroom in a real terminal', () => {
	let tmux: Tmux;
	let hub: Hub;
	let stateDir: string;
	let workspaceRoot: string;

	/** Every learner's rows, read back from the classroom registry with the instructor's login. */
	async function report(): Promise<ClassRow[]> {
		const read = await readClassProgress({
			registry: hub.host,
			repository: classRepository('registries'),
			credentials: dockerConfigCredentials({ env: { ...hub.env } }),
		});
		return classRows(read.documents, new Date());
	}

	async function reportUntil(what: string, holds: (learners: ClassRow[]) => boolean): Promise<ClassRow[]> {
		const deadline = Date.now() + bound.timeoutMs;
		let last: ClassRow[] | string = [];
		while (Date.now() < deadline) {
			try {
				last = await report();
				if (holds(last)) return last;
			} catch (error) {
				last = String(error);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`the class report never showed ${what}; last: ${JSON.stringify(last)}`);
	}

	beforeAll(async () => {
		ensureBuilt();
		hub = await startHub({ username: 'teacher' });
		stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-class-state-'));
		workspaceRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-class-workspace-'));
		tmux = startTmux();
	});

	afterAll(() => {
		tmux?.kill();
		hub?.stop();
		if (stateDir) rmSync(stateDir, { recursive: true, force: true });
		if (workspaceRoot) rmSync(workspaceRoot, { recursive: true, force: true });
	});

	it('Given the TUI opened with --classroom and --as, when a step ticks and a question is answered right, then the registry holds each new state', async () => {
		const port = await freePort();
		const tui = 'learner:0';
		tmux.startSession(
			'learner',
			{
				argv: [
					process.execPath,
					cliPath,
					'registries',
					'--set',
					'dockerId=learner1',
					'--set',
					`hub=${hub.host}`,
					'--set',
					`registryPort=${port}`,
					'--classroom',
					hub.host,
					'--as',
					'ana',
				],
				env: { ...hub.env, REGISTRY_LAB_STATE_DIR: stateDir, REGISTRY_LAB_WORKSPACE: workspaceRoot },
				cwd: repoRoot,
			},
			{ width: 110, height: 30 },
		);
		await tmux.waitForText(tui, 'Press Enter to start.', bound);
		await tmux.waitForKeys(tui);
		tmux.sendKeys(tui, 'Enter');
		// The Docker ID given on the command line ticks its step; the header says when the class got it.
		await tmux.waitForText(tui, /1\/\d+ done/, bound);
		await tmux.waitForText(tui, 'class ● sent', bound);
		const first = await reportUntil('ana with one step done', (learners) => learners.some((l) => l.name === 'ana' && l.done === 1));
		expect(first.map((learner) => learner.name)).toEqual(['ana']);

		// The first question, answered right in the TUI: the next publish carries it.
		const screenBefore = tmux.capture(tui);
		expect(screenBefore).not.toContain('not sent');
		for (let index = 0; index < 9; index += 1) tmux.sendKeys(tui, 'Down');
		await tmux.waitForText(tui, 'Question: what Docker fills in', bound);
		await tmux.waitForText(tui, /Step 11 of/, bound);
		tmux.type(tui, 'docker.io/kiamol/ch05-pi:latest');
		tmux.sendKeys(tui, 'Enter');
		await tmux.waitForText(tui, /2\/\d+ done/, bound);
		const second = await reportUntil('ana with two steps done', (learners) => learners.some((l) => l.name === 'ana' && l.done === 2));
		const ana = second.find((learner) => learner.name === 'ana');
		expect(ana?.answersRight).toBe(1);

		// The classroom is saved with the progress: the next run publishes without the flags.
		tmux.sendKeys(tui, 'Tab', 'q');
		await tmux.waitFor(tui, () => tmux.isPaneDead(tui), 'the lab to exit', bound);
		const saved = JSON.parse(readFileSync(path.join(stateDir, 'progress', 'registries.json'), 'utf8')) as { classroom?: unknown };
		expect(saved.classroom).toEqual({ registry: hub.host, name: 'ana' });
		dockerSync(['rm', '-f', '-v', 'registry'], { reject: false });
	});

	it('Given three learners published, then class watch lists them stuck longest first and re-sorts by name and by progress on n and p', async () => {
		const now = Date.now();
		const minutesAgo = (count: number): string => new Date(now - count * 60_000).toISOString();
		const document = (learner: string, done: number, onStepMinutes: number | undefined): ProgressDocument => ({
			version: 1,
			learner,
			lab: { id: 'registries', title: 'Accessing images on registries', steps: 13 },
			publishedAt: new Date(now).toISOString(),
			startedAt: minutesAgo(60),
			done: Array.from({ length: done }, (_, index) => ({ step: `step-${index}` })),
			...(onStepMinutes === undefined
				? {}
				: { current: { step: 'push-curl', title: 'Push your image', since: minutesAgo(onStepMinutes) } }),
			hints: {},
			solutions: [],
			answers: { right: 0, wrong: 0 },
		});
		// yan has been stuck longest, zed has done most, ana neither: each order is a different one. ana's
		// document replaces the one her TUI published, so this test stands on its own.
		const credentials = dockerConfigCredentials({ env: { ...hub.env } });
		for (const [learner, done, minutes] of [
			['ana', 5, 10],
			['yan', 3, 50],
			['zed', 12, 2],
		] as const) {
			await publishProgress({
				registry: hub.host,
				repository: classRepository('registries'),
				tag: learner,
				document: document(learner, done, minutes),
				credentials,
			});
		}
		const watch = 'teacher:0';
		tmux.startSession(
			'teacher',
			{ argv: [process.execPath, cliPath, 'class', 'watch', 'registries', '--from', hub.host], env: { ...hub.env }, cwd: repoRoot },
			{ width: 110, height: 20 },
		);
		const order = (screen: string): string[] =>
			screen
				.split('\n')
				.map((line) => /^(ana|yan|zed)\s/.exec(line)?.[1])
				.filter((name): name is string => name !== undefined);
		const stuck = await tmux.waitFor(watch, (screen) => order(screen).length === 3, 'three learners listed', bound);
		expect(stuck).toContain('stuck longest first');
		expect(order(stuck)).toEqual(['yan', 'ana', 'zed']);
		await tmux.waitForKeys(watch);
		tmux.sendKeys(watch, 'n');
		const byName = await tmux.waitForText(watch, 'learners · by name', bound);
		expect(order(byName)).toEqual(['ana', 'yan', 'zed']);
		tmux.sendKeys(watch, 'p');
		const byProgress = await tmux.waitForText(watch, 'learners · most done first', bound);
		expect(order(byProgress)).toEqual(['zed', 'ana', 'yan']);
		tmux.sendKeys(watch, 's');
		expect(order(await tmux.waitForText(watch, 'learners · stuck longest first', bound))).toEqual(['yan', 'ana', 'zed']);
		tmux.sendKeys(watch, 'q');
		await tmux.waitFor(watch, () => tmux.isPaneDead(watch), 'class watch to exit', bound);
	});
});
