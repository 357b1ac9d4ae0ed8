// The learner's TUI in a real terminal (tmux), on the real Docker engine, driven by the built CLI.
// The learner types the course's commands in a second tmux window, and the TUI must tick each step
// off by itself. Then: a hint, a wrong answer with its feedback, quitting (with the question about
// the registry the lab's command started) leaving no process behind, and reopening where it was.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/lab/load-lab.js';
import { cliPath, ensureBuilt, repoRoot } from '../commands/built-cli.js';
import { dockerSync, requireDocker, requireRegistryNameFree } from './support/docker.js';
import { startHub, type Hub } from './support/hub.js';
import { hasTmux, startTmux, type PaneCommand, type Tmux } from './support/tmux.js';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { isRunning } from '../support/process-helpers.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');
if (!tmuxFound) console.warn('Skipping the real-terminal TUI test: tmux is not installed.');

const lab = loadLab(path.join(repoRoot, 'labs', 'registries', 'lab.yaml')).lab!;
const stepTitle = (id: string): string => lab.steps.find((step) => step.id === id)?.title ?? id;
const total = lab.steps.length;

/** Long waits are bounds for a busy machine, not expectations. */
const tick = { timeoutMs: 180_000 };

/** Markdown as read on the screen: no backticks or emphasis marks, single spaces. */
function plain(text: string): string {
	return text.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
}

/** The step pane's text (right of the list's border), rows joined, as one line of words. */
function paneText(screen: string): string {
	const rows = screen.split('\n').filter((row) => row.includes('│'));
	return plain(rows.map((row) => row.slice(row.indexOf('│') + 1)).join(' '));
}

/** How a step's row in the list reads: whether it is the selected one, and its mark (✔ · ✖ …). */
function stepRow(screen: string, stepId: string): { isSelected: boolean; mark: string } | undefined {
	// Titles are cut to the list's width: match on the first words.
	const start = stepTitle(stepId).slice(0, 18);
	for (const row of screen.split('\n')) {
		const list = row.includes('│') ? row.slice(0, row.indexOf('│')) : '';
		const match = /^(.) (.) (.*)$/.exec(list);
		if (match && match[3]?.startsWith(start)) return { isSelected: match[1] === '▶', mark: match[2] ?? '' };
	}
	return undefined;
}

const isDone = (stepId: string) => (screen: string) => stepRow(screen, stepId)?.mark === '✔';

/** Process ids below `pid` (children, grandchildren…), with their command lines. */
function descendants(pid: number): Array<{ pid: number; command: string }> {
	const found: Array<{ pid: number; command: string }> = [];
	const visit = (parent: number) => {
		// pgrep exits 1 with no output when there are none.
		const children = (spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' }).stdout ?? '')
			.split('\n')
			.filter(Boolean)
			.map(Number);
		for (const child of children) {
			let command = '';
			try {
				command = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim();
			} catch {
				// it ended meanwhile
			}
			found.push({ pid: child, command });
			visit(child);
		}
	};
	visit(pid);
	return found;
}

describe.skipIf(!docker.available || !tmuxFound)('the TUI in a real terminal, ticking off the learner’s work', () => {
	let tmux: Tmux;
	let hub: Hub;
	let port: number;
	let workspaceRoot: string;
	let stateDir: string;
	let labCommand: PaneCommand;
	const tui = 'lab:0';
	let learnerPane = '';
	let learnerRuns = 0;
	/** What ran under the TUI while it was open (the docker events watcher among them). */
	let childrenSeen: Array<{ pid: number; command: string }> = [];
	let tuiPid = 0;

	const workspace = () => path.join(workspaceRoot, 'registries');
	const curl = () => `${hub.host}/learner1/curl`;
	const registry = () => `localhost:${port}`;

	/** The learner types a command in their own window; waits until the shell says it succeeded. */
	async function learner(command: string): Promise<void> {
		if (learnerPane === '') throw new Error('the learner has no window');
		const run = ++learnerRuns;
		tmux.type(learnerPane, `clear; ${command} && printf 'learner-%s-ok\\n' ${run} || printf 'learner-%s-failed\\n' ${run}`);
		tmux.sendKeys(learnerPane, 'Enter');
		const screen = await tmux.waitForText(learnerPane, new RegExp(`learner-${run}-(ok|failed)`), tick);
		if (!screen.includes(`learner-${run}-ok`)) throw new Error(`The learner's command failed: ${command}\n${screen}`);
	}

	/** Quits with q, answering n to stopping the registry, and waits until the program has exited. */
	async function quitKeepingRegistry(): Promise<string> {
		await tmux.waitForKeys(tui);
		// The lab asks about the registry once it has looked at it: the header shows it then.
		await tmux.waitForText(tui, `registry ● :${port}`, tick);
		// On a question step the letter keys type the answer: Tab hands them back.
		tmux.sendKeys(tui, 'Tab');
		tmux.sendKeys(tui, 'q');
		await tmux.waitForText(tui, 'Stop it now?');
		tmux.sendKeys(tui, 'n');
		await tmux.waitFor(tui, () => tmux.isPaneDead(tui), 'the lab to exit');
		// Evidence of a clean quit: the closing line on the screen, or exit status 0. tmux does not
		// always give both (after a respawn it records no status; a busy run can lose the screen).
		const status = (): string => tmux.tmux(['display-message', '-p', '-t', tui, '#{pane_dead_status}#{pane_dead_signal}']).trim();
		const screen = await tmux.waitFor(
			tui,
			(text) => text.includes(`7 of ${total} steps done`) || status() !== '',
			'the closing line or the exit status',
		);
		return screen.includes(`7 of ${total} steps done`) ? 'closing line' : `exit status ${status()}`;
	}

	beforeAll(async () => {
		ensureBuilt();
		requireRegistryNameFree();
		hub = await startHub();
		port = await freePort();
		workspaceRoot = mkdtempSync(path.join(tmpdir(), 'registry-lab-tui-workspace-'));
		stateDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-tui-state-'));
		labCommand = {
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
			],
			env: { ...hub.env, REGISTRY_LAB_STATE_DIR: stateDir, REGISTRY_LAB_WORKSPACE: workspaceRoot },
			cwd: repoRoot,
		};
		tmux = startTmux();
		tmux.startSession('lab', labCommand, { width: 100, height: 30 });
		learnerPane = tmux.newWindow('lab', 'learner', {
			argv: ['bash', '--norc', '--noprofile'],
			env: { ...hub.env, PS1: '$ ' },
			cwd: workspaceRoot,
		});
	});

	// Each test goes on from where the one before left the lab: after a failure the rest would only
	// wait for screens that cannot come.
	let failed: string | undefined;
	afterEach((context) => {
		if (context.task.result?.state === 'fail') failed ??= context.task.name;
	});
	beforeEach((context) => {
		if (failed !== undefined) context.skip(`an earlier step failed: ${failed}`);
	});

	afterAll(() => {
		tmux?.kill();
		dockerSync(['rm', '-f', '-v', 'registry'], { reject: false });
		if (hub) {
			const refs = [`${curl()}:21.06`, `${curl()}:21.07`, `${registry()}/alpine:latest`];
			dockerSync(['image', 'rm', ...refs], { reject: false });
			hub.stop();
		}
		if (workspaceRoot) rmSync(workspaceRoot, { recursive: true, force: true });
		if (stateDir) rmSync(stateDir, { recursive: true, force: true });
	});

	it('welcomes the learner, then ticks the Docker ID given on the command line and shows commands for the workspace', async () => {
		await tmux.waitForText(tui, 'Press Enter to start.');
		// The welcome screen says which registry plays Docker Hub: the hub stand-in, not Docker Hub.
		await tmux.waitForText(tui, `The Docker Hub steps push to ${hub.host}, which plays Docker Hub here`);
		await tmux.waitForKeys(tui);
		tuiPid = tmux.panePid(tui);
		tmux.sendKeys(tui, 'Enter');
		const screen = await tmux.waitFor(
			tui,
			(text) => isDone('docker-id')(text) && stepRow(text, 'build-curl')?.isSelected === true,
			'the Docker ID step done and the build step selected',
			tick,
		);
		expect(screen).toContain(`Step 2 of ${total}`);
		expect(paneText(screen)).toContain(`cd ${workspace()}`);
		expect(paneText(screen)).toContain(`docker build -t ${curl()}:21.06`);
	});

	it('ticks each exercise off by itself as the learner does it in another window', async () => {
		await learner(`cd ${workspace()}`);
		await learner(`docker build -t ${curl()}:21.06 -f images/curl/Dockerfile.v2 images/curl`);
		await tmux.waitFor(tui, isDone('build-curl'), 'build-curl ticked', tick);
		// While the lab is open it watches docker events: that process runs under it.
		childrenSeen = descendants(tuiPid);
		expect(childrenSeen.some((child) => child.command.includes('docker events'))).toBe(true);

		await learner(`docker push ${curl()}:21.06`);
		await tmux.waitFor(
			tui,
			(screen) => isDone('push-curl')(screen) && stepRow(screen, 'tag-curl')?.isSelected === true,
			'push-curl ticked',
			tick,
		);
	});

	it('shows the lab’s next hint on h', async () => {
		tmux.sendKeys(tui, 'h');
		const hint = plain(lab.steps.find((step) => step.id === 'tag-curl')?.hints?.[0] ?? '');
		expect(hint).not.toBe('');
		// Waits for the checks to settle too, so the picture shows the lab at rest.
		const screen = await tmux.waitFor(tui, (text) => paneText(text).includes(hint) && !text.includes('Checking…'), `the hint "${hint}"`);
		// A picture of the lab at work, for the README, when asked for.
		if (process.env.REGISTRY_LAB_E2E_SCREEN) writeFileSync(process.env.REGISTRY_LAB_E2E_SCREEN, screen);
	});

	it('keeps ticking: a second tag, all tags pushed, a registry of the learner’s own, Alpine pushed to it', async () => {
		await learner(`docker tag ${curl()}:21.06 ${curl()}:21.07`);
		await tmux.waitFor(tui, isDone('tag-curl'), 'tag-curl ticked', tick);

		await learner(`docker push --all-tags ${curl()}`);
		await tmux.waitFor(tui, isDone('push-all-tags'), 'push-all-tags ticked', tick);

		// The lab's own solution command: the label tells the lab it may offer to stop it.
		await learner(`docker run -d -p ${port}:5000 --name registry --label io.registry-lab.lab=registries registry:2`);
		// The container starts before the registry listens: only polling can see it answer.
		await tmux.waitFor(tui, isDone('run-registry'), 'run-registry ticked', tick);

		await learner(`docker tag alpine ${registry()}/alpine && docker push ${registry()}/alpine`);
		const screen = await tmux.waitFor(
			tui,
			(text) => isDone('push-alpine')(text) && stepRow(text, 'query-api')?.isSelected === true,
			'push-alpine ticked',
			tick,
		);
		expect(screen).toContain(`7/${total} done`);
	});

	it('explains what is wrong with a wrong answer to a question', async () => {
		tmux.sendKeys(tui, 'Down', 'Down', 'Down');
		await tmux.waitFor(tui, (screen) => stepRow(screen, 'reference-defaults')?.isSelected === true, 'the first question selected');
		tmux.type(tui, 'kiamol/ch05-pi');
		tmux.sendKeys(tui, 'Enter');
		const feedback = lab.steps.find((step) => step.id === 'reference-defaults')?.question?.feedback?.[0]?.say ?? '';
		expect(feedback).not.toBe('');
		const screen = await tmux.waitFor(tui, (text) => paneText(text).includes(plain(feedback)), 'the feedback for the short form');
		expect(screen).toContain('Not quite');
		expect(stepRow(screen, 'reference-defaults')?.mark).not.toBe('✔');
	});

	it('quits on q after asking about the registry it saw the lab start, and leaves no process behind', async () => {
		expect(await quitKeepingRegistry()).toMatch(/^(closing line|exit status 0)$/);
		expect(isRunning(tuiPid)).toBe(false);
		const left = childrenSeen.filter((child) => isRunning(child.pid));
		expect(left).toEqual([]);
		// The learner said no: their registry keeps running.
		expect(dockerSync(['container', 'inspect', '--format', '{{.State.Running}}', 'registry']).stdout).toBe('true');
	});

	it('resumes where the learner left: the same steps done and the same step selected', async () => {
		tmux.respawn(tui, labCommand);
		const screen = await tmux.waitFor(tui, (text) => text.includes(`Step 11 of ${total}`), 'the lab to reopen at the question', tick);
		expect(stepRow(screen, 'reference-defaults')?.isSelected).toBe(true);
		for (const id of ['docker-id', 'build-curl', 'push-curl', 'tag-curl', 'push-all-tags', 'run-registry', 'push-alpine']) {
			expect(stepRow(screen, id)?.mark, id).toBe('✔');
		}
		expect(stepRow(screen, 'query-api')?.mark).not.toBe('✔');
		expect(await quitKeepingRegistry()).toMatch(/^(closing line|exit status 0)$/);
	});
});
