// The learner's real journey, off the straight path, in a real terminal (tmux) on the real Docker
// engine with the built CLI: work done out of order ticks wherever the cursor is (and the cursor
// stays), and a later step that removes what an earlier step made never turns a done step red or
// makes the count drop, in the bundled lab and in a small lab written for this test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { loadLab } from '../../src/lab/load-lab.js';
import { cliPath, ensureBuilt, repoRoot, runCli } from '../commands/built-cli.js';
import { dockerSync, requireDocker, requireRegistryNameFree } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';
import { hasTmux, startTmux, type PaneCommand, type Tmux } from './support/tmux.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');

/** Bounds for a busy machine, not expectations: the 2 s target is measured by `npm run bench`. */
const tick = { timeoutMs: 60_000 };

/** How each step's row in the list reads, by the start of its title: selected, and its mark. */
function rows(screen: string): Array<{ isSelected: boolean; mark: string; title: string }> {
	return screen
		.split('\n')
		.map((row) => (row.includes('│') ? row.slice(0, row.indexOf('│')) : ''))
		.map((list) => /^(.) (.) (.*)$/.exec(list))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ isSelected: match[1] === '▶', mark: match[2] ?? '', title: (match[3] ?? '').trim() }));
}

function rowOf(screen: string, title: string) {
	return rows(screen).find((row) => title.startsWith(row.title.replace(/…$/, '')) || row.title.startsWith(title.slice(0, 18)));
}

/** The header's "N/M done". */
function doneCount(screen: string): number | undefined {
	const match = /(\d+)\/(\d+) done/.exec(screen);
	return match ? Number(match[1]) : undefined;
}

/**
 * Watches the screen while `during` runs and a while after: the count of done steps must never
 * drop, and a step once shown ✔ must never show another mark (the list has no ✖: a done step that
 * turned back would read · or …). Returns every count seen.
 */
async function watchNothingRegresses(tmux: Tmux, target: string, during: () => Promise<void>, settleMs = 4_000): Promise<number[]> {
	const counts: number[] = [];
	const problems: string[] = [];
	const ticked = new Set<string>();
	let isWatching = true;
	const look = async (): Promise<void> => {
		while (isWatching) {
			const screen = tmux.capture(target);
			const count = doneCount(screen);
			if (count !== undefined) {
				if (counts.length > 0 && count < counts.at(-1)!) problems.push(`the count dropped from ${counts.at(-1)} to ${count}:\n${screen}`);
				counts.push(count);
			}
			for (const row of rows(screen)) {
				if (row.mark === '✔') ticked.add(row.title);
				else if (ticked.has(row.title)) problems.push(`${row.title} lost its ✔ (shows ${row.mark}):\n${screen}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
	const watching = look();
	try {
		await during();
		// The changes the command caused reach the lab through docker events and polls: keep looking.
		await new Promise((resolve) => setTimeout(resolve, settleMs));
	} finally {
		isWatching = false;
		await watching;
	}
	expect(problems).toEqual([]);
	return counts;
}

describe.skipIf(!docker.available || !tmuxFound)('the learner’s journey off the straight path', () => {
	let tmux: Tmux | undefined;
	let learnerRuns = 0;

	/** The learner types a command in their own window; waits until the shell says it succeeded. */
	async function learner(pane: string, command: string): Promise<void> {
		const run = ++learnerRuns;
		tmux!.type(pane, `clear; ${command} && printf 'learner-%s-ok\\n' ${run} || printf 'learner-%s-failed\\n' ${run}`);
		tmux!.sendKeys(pane, 'Enter');
		const screen = await tmux!.waitForText(pane, new RegExp(`learner-${run}-(ok|failed)`), tick);
		if (!screen.includes(`learner-${run}-ok`)) throw new Error(`The learner's command failed: ${command}\n${screen}`);
	}

	describe('the bundled registries lab', () => {
		const lab = loadLab(path.join(repoRoot, 'labs', 'registries', 'lab.yaml')).lab!;
		const title = (id: string): string => lab.steps.find((step) => step.id === id)?.title ?? id;
		const tui = 'journey:0';
		let learnerPane = '';
		let hub: Hub;
		let port: number;
		let workspaceRoot: string;
		let stateDir: string;
		let env: Record<string, string>;
		const registry = () => `localhost:${port}`;
		const curl = () => `${hub.host}/learner1/curl`;
		const setFlags = () => ['--set', 'dockerId=learner1', '--set', `hub=${hub.host}`, '--set', `registryPort=${port}`];

		// Each test goes on from where the one before left the lab.
		let failed: string | undefined;
		afterEach((context) => {
			if (context.task.result?.state === 'fail') failed ??= context.task.name;
		});
		beforeEach((context) => {
			if (failed !== undefined) context.skip(`an earlier step failed: ${failed}`);
		});

		beforeAll(async () => {
			ensureBuilt();
			requireRegistryNameFree();
			hub = await startHub();
			port = await freePort();
			workspaceRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-journey-workspace-'));
			stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-journey-state-'));
			env = { ...hub.env, REGISTRY_LAB_STATE_DIR: stateDir, REGISTRY_LAB_WORKSPACE: workspaceRoot };
			const command: PaneCommand = { argv: [process.execPath, cliPath, 'registries', ...setFlags()], env, cwd: repoRoot };
			tmux = startTmux();
			tmux.startSession('journey', command, { width: 100, height: 30 });
			learnerPane = tmux.newWindow('journey', 'learner', {
				argv: ['bash', '--norc', '--noprofile'],
				env: { ...hub.env, PS1: '$ ' },
				cwd: workspaceRoot,
			});
		});

		afterAll(() => {
			tmux?.kill();
			tmux = undefined;
			dockerSync(['rm', '-f', '-v', 'registry'], { reject: false });
			if (hub) {
				dockerSync(['image', 'rm', `${curl()}:21.06`, `${registry()}/alpine:latest`], { reject: false });
				hub.stop();
			}
			if (workspaceRoot) rmSync(workspaceRoot, { recursive: true, force: true });
			if (stateDir) rmSync(stateDir, { recursive: true, force: true });
		});

		it('ticks the registry and Alpine steps the learner did ahead, while the cursor stays on the build step', async () => {
			await tmux!.waitForText(tui, 'Press Enter to start.', tick);
			await tmux!.waitForKeys(tui);
			tmux!.sendKeys(tui, 'Enter');
			await tmux!.waitFor(tui, (screen) => rowOf(screen, title('build-curl'))?.isSelected === true, 'the build step selected', tick);
			// The learner follows the course page and skips ahead: a registry, then Alpine pushed to it.
			await learner(learnerPane, `docker run -d -p ${port}:5000 --name registry registry:2`);
			await learner(learnerPane, `docker tag alpine ${registry()}/alpine && docker push ${registry()}/alpine`);
			const screen = await tmux!.waitFor(
				tui,
				(text) => rowOf(text, title('run-registry'))?.mark === '✔' && rowOf(text, title('push-alpine'))?.mark === '✔',
				'run-registry and push-alpine ticked',
				tick,
			);
			expect(rowOf(screen, title('build-curl'))).toMatchObject({ isSelected: true, mark: '·' });
			expect(doneCount(screen)).toBe(3);
		});

		it('moves the cursor on when the selected step ticks', async () => {
			await learner(learnerPane, `cd registries && docker build -q -t ${curl()}:21.06 -f images/curl/Dockerfile.v2 images/curl`);
			const screen = await tmux!.waitFor(tui, (text) => rowOf(text, title('build-curl'))?.mark === '✔', 'build-curl ticked', tick);
			expect(rowOf(screen, title('build-curl'))?.isSelected).toBe(false);
		});

		it('keeps push-alpine done while the pull-back step removes the local image, and ticks the pull', async () => {
			const counts = await watchNothingRegresses(tmux!, tui, async () => {
				await learner(learnerPane, `docker image rm ${registry()}/alpine`);
			});
			expect(counts.at(-1)).toBe(4);
			await learner(learnerPane, `docker pull ${registry()}/alpine`);
			const screen = await tmux!.waitFor(tui, (text) => rowOf(text, title('pull-back'))?.mark === '✔', 'pull-back ticked', tick);
			expect(rowOf(screen, title('push-alpine'))?.mark).toBe('✔');
			expect(doneCount(screen)).toBe(5);
		});

		it('after quitting, check counts every step done for good', async () => {
			tmux!.sendKeys(tui, 'q');
			await tmux!.waitFor(tui, () => tmux!.isPaneDead(tui), 'the lab to exit', tick);
			// The local Alpine and the build are gone now too: done is for good.
			dockerSync(['image', 'rm', `${registry()}/alpine`, `${curl()}:21.06`], { reject: false });
			const result = await runCli(['check', 'registries', '--json', ...setFlags()], { env: { ...process.env, ...env } });
			const report = JSON.parse(result.stdout) as { done: number; steps: Array<{ id: string; done: boolean; status: string }> };
			const byId = Object.fromEntries(report.steps.map((step) => [step.id, step]));
			expect(byId['build-curl']).toMatchObject({ done: true, status: 'failed' });
			expect(byId['push-alpine']).toMatchObject({ done: true, status: 'passed' });
			expect(byId['pull-back']).toMatchObject({ done: true });
			expect(report.done).toBe(5);
		});
	});

	describe('a lab whose second step removes what the first step’s check looks at', () => {
		const image = `registry-lab-journey-${process.pid}`;
		let labDir: string;
		let stateDir: string;
		let workspaceRoot: string;
		const tui = 'small:0';
		let learnerPane = '';

		beforeAll(() => {
			ensureBuilt();
			labDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-journey-lab-'));
			stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-journey-state-'));
			workspaceRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-journey-workspace-'));
			mkdirSync(path.join(labDir, 'labs', 'undo'), { recursive: true });
			writeFileSync(
				path.join(labDir, 'labs', 'undo', 'lab.yaml'),
				`version: 1
id: undo
title: Make it, then take it away
requires: [docker]
images: ['${image}:made']
steps:
  - id: make
    title: Tag alpine as ${image}:made
    prompt: docker tag alpine ${image}:made
    hints: [docker tag]
    solution: ['docker tag alpine ${image}:made']
    check:
      - run: docker image inspect ${image}:made
        fail: There is no ${image}:made yet.
  - id: take-away
    title: Now remove it again
    needs: [make]
    prompt: docker image rm ${image}:made
    hints: [docker image rm]
    solution: ['docker image rm ${image}:made']
    check:
      - run: docker image inspect ${image}:made
        expect: { exitCode: 1 }
        fail: ${image}:made is still there.
`,
			);
			const command: PaneCommand = {
				argv: [process.execPath, cliPath, path.join(labDir, 'labs', 'undo'), '--yes'],
				env: { REGISTRY_LAB_STATE_DIR: stateDir, REGISTRY_LAB_WORKSPACE: workspaceRoot },
				cwd: labDir,
			};
			tmux = startTmux({ socket: `registry-lab-journey-small-${process.pid}` });
			tmux.startSession('small', command, { width: 90, height: 24 });
			learnerPane = tmux.newWindow('small', 'learner', { argv: ['bash', '--norc', '--noprofile'], env: { PS1: '$ ' }, cwd: workspaceRoot });
		});

		afterAll(() => {
			tmux?.kill();
			dockerSync(['image', 'rm', `${image}:made`], { reject: false });
			for (const dir of [labDir, stateDir, workspaceRoot]) if (dir) rmSync(dir, { recursive: true, force: true });
		});

		it('keeps the first step done and the count rising when the second step undoes it', async () => {
			await tmux!.waitForText(tui, 'Press Enter to start.', tick);
			await tmux!.waitForKeys(tui);
			tmux!.sendKeys(tui, 'Enter');
			await learner(learnerPane, `docker tag alpine ${image}:made`);
			await tmux!.waitFor(tui, (screen) => rowOf(screen, `Tag alpine as ${image}:made`)?.mark === '✔', 'the first step ticked', tick);
			const counts = await watchNothingRegresses(tmux!, tui, async () => {
				await learner(learnerPane, `docker image rm ${image}:made`);
				await tmux!.waitFor(
					tui,
					(screen) => rowOf(screen, 'Now remove it again')?.mark === '✔' || screen.includes('Lab complete'),
					'the second step ticked',
					tick,
				);
			});
			expect(counts.at(-1)).toBe(2);
		});
	});
});
