// NO_COLOR and FORCE_COLOR, read from what the built CLI writes to a real terminal (a tmux pane,
// recorded byte for byte): the TUI's welcome screen and a step screen, and the plain commands. The
// same screens without NO_COLOR must be in colour, so a check that finds no colour can fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { loadLab } from '../../src/lab/load-lab.js';
import { cliPath, ensureBuilt, repoRoot } from '../commands/built-cli.js';
import { requireDocker, requireRegistryNameFree } from './support/docker.js';
import { colourParameters, startRecordedSession, type RecordedPane } from './support/recorded-pane.js';
import { hasTmux, startTmux, type Tmux } from './support/tmux.js';

const docker = requireDocker();
const tmuxFound = hasTmux();
if (!tmuxFound && process.env.CI === 'true') throw new Error('CI=true, so the terminal tests must run, but tmux is not installed.');

const lab = loadLab(path.join(repoRoot, 'labs', 'registries', 'lab.yaml')).lab!;
const total = lab.steps.length;
const tick = { timeoutMs: 60_000 };

describe.skipIf(!docker.available || !tmuxFound)('colour in a real terminal: NO_COLOR and FORCE_COLOR', () => {
	let tmux: Tmux;
	let scratch: string;
	let registryPort: number;
	/** Nothing listens there: the hub steps fail fast, and nothing reaches for the internet. */
	let hubPort: number;
	let runs = 0;

	beforeAll(async () => {
		ensureBuilt();
		requireRegistryNameFree();
		scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-colour-'));
		registryPort = await freePort();
		hubPort = await freePort();
		tmux = startTmux();
	});

	afterAll(() => {
		tmux?.kill();
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	});

	/**
	 * Runs the CLI in a terminal of its own, with a fresh state folder and the colour variables of
	 * this process left out (only `env` decides).
	 */
	function start(args: string[], env: Record<string, string>): RecordedPane {
		const run = ++runs;
		const dir = path.join(scratch, `run-${run}`);
		const argv = [
			'env',
			'-u',
			'NO_COLOR',
			'-u',
			'FORCE_COLOR',
			...Object.entries(env).map(([name, value]) => `${name}=${value}`),
			process.execPath,
			cliPath,
			...args,
		];
		return startRecordedSession(
			tmux,
			`run${run}`,
			{
				argv,
				env: {
					TERM: 'xterm-256color',
					REGISTRY_LAB_STATE_DIR: path.join(dir, 'state'),
					REGISTRY_LAB_WORKSPACE: path.join(dir, 'workspace'),
				},
				cwd: repoRoot,
			},
			{ width: 100, height: 30 },
			path.join(scratch, `run-${run}.raw`),
		);
	}

	const labArgs = () => [
		'registries',
		'--set',
		'dockerId=learner1',
		'--set',
		`hub=127.0.0.1:${hubPort}`,
		'--set',
		`registryPort=${registryPort}`,
	];

	/** Opens the lab, reads the welcome screen once the doctor has answered, starts, reads the first step's screen, quits. */
	async function welcomeAndStep(env: Record<string, string>): Promise<{ welcome: string; step: string }> {
		const pane = start(labArgs(), env);
		await tmux.waitFor(
			pane.target,
			// The keys line, not "Press Enter to start.": that line can be cut when the doctor has much to say.
			(screen) => screen.includes('Enter start') && /Your machine is ready|Fix these first/.test(screen),
			'the welcome screen with the doctor’s findings',
			tick,
		);
		const welcome = pane.raw();
		await tmux.waitForKeys(pane.target);
		tmux.sendKeys(pane.target, 'Enter');
		// The Docker ID step ticks (it was given) and the lab moves on to the build step.
		await tmux.waitFor(
			pane.target,
			(screen) => screen.includes(`Step 2 of ${total}`) && !screen.includes('Checking…'),
			'the build step',
			tick,
		);
		const step = pane.raw().slice(welcome.length);
		tmux.sendKeys(pane.target, 'q');
		await tmux.waitFor(pane.target, () => tmux.isPaneDead(pane.target), 'the lab to exit', tick);
		return { welcome, step };
	}

	/** Runs a command to its end and returns what it wrote. */
	async function command(args: string[], env: Record<string, string>): Promise<string> {
		const pane = start(args, env);
		await tmux.waitFor(pane.target, () => tmux.isPaneDead(pane.target), `registry-lab ${args.join(' ')} to finish`, tick);
		return pane.raw();
	}

	it('with NO_COLOR=1 the welcome screen and a step screen write no colour, and the marks still say each state', async () => {
		const { welcome, step } = await welcomeAndStep({ NO_COLOR: '1' });
		expect(welcome).toContain('Enter start');
		expect(colourParameters(welcome)).toEqual([]);
		expect(step).toContain(`Step 2 of ${total}`);
		expect(colourParameters(step)).toEqual([]);
		// Selected and done read without colour: ▶ at the build step, ✔ at the Docker ID step.
		expect(step).toContain('▶');
		expect(step).toContain('✔');
	});

	it('without NO_COLOR the same screens are in colour (so the test above can fail)', async () => {
		const { welcome, step } = await welcomeAndStep({});
		expect(colourParameters(welcome)).not.toEqual([]);
		expect(colourParameters(step)).not.toEqual([]);
	});

	it('FORCE_COLOR wins over NO_COLOR when both are set', async () => {
		const { welcome } = await welcomeAndStep({ NO_COLOR: '1', FORCE_COLOR: '1' });
		expect(colourParameters(welcome)).not.toEqual([]);
	});

	it('with NO_COLOR=1 the commands write plain text too: --help, validate, doctor, check', async () => {
		const outputs = {
			help: await command(['--help'], { NO_COLOR: '1' }),
			validate: await command(['validate', 'registries'], { NO_COLOR: '1' }),
			doctor: await command(['doctor', ...labArgs()], { NO_COLOR: '1' }),
			check: await command(['check', ...labArgs()], { NO_COLOR: '1' }),
		};
		expect(outputs.help).toContain('Usage: registry-lab');
		expect(outputs.check).toContain(lab.steps[0]!.title);
		for (const [name, raw] of Object.entries(outputs)) expect(colourParameters(raw), name).toEqual([]);
	});
});
