// The runtime behind the TUI, with its effects (checks, docker events, the engine, containers)
// replaced by fakes: what it checks with, what it reports to the watcher and when, what it says
// about the registry, and that it only ever stops the container the lab started.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChecksOutcome } from '../../src/checks/run-check.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { WatchDockerEventsOptions } from '../../src/docker/watch-docker-events.js';
import { labSchema, type Check, type Lab } from '../../src/lab/schema.js';
import {
	createLabRuntime,
	nextPollDelay,
	polledChecks,
	answersChanged,
	reasonForEvent,
	registryServiceId,
} from '../../src/runtime/lab-runtime.js';
import * as realEffects from '../../src/runtime/runtime-effects.js';
import type { RuntimeEffects } from '../../src/runtime/runtime-effects.js';
import type { WatchReason } from '../../src/session/lab-port.js';

const lab: Lab = labSchema.parse({
	version: 1,
	id: 'mini',
	title: 'A mini lab',
	variables: {
		dockerId: { ask: 'Your Docker ID', pattern: '^[a-z0-9]+$', patternHelp: 'lowercase letters and digits' },
		hub: { default: 'docker.io' },
		registryPort: { default: '5000', freePort: true },
		curlImage: { image: '{{hub}}/{{dockerId}}/curl' },
	},
	services: {
		registry: {
			image: 'registry:2',
			name: 'registry',
			ports: ['{{registryPort}}:5000'],
			ready: { http: 'http://localhost:{{registryPort}}/v2/', status: 200 },
		},
	},
	steps: [
		{ id: 'docker-id', title: 'Docker ID', prompt: 'Give it.', check: [{ variable: 'dockerId' }] },
		{ id: 'build', title: 'Build', prompt: 'Build.', check: [{ run: 'docker image inspect {{curlImage}}:1' }] },
		{ id: 'push', title: 'Push', prompt: 'Push.', check: [{ pushed: '{{curlImage}}:1' }] },
		{
			id: 'run-registry',
			title: 'Run a registry',
			prompt: 'Run it.',
			check: [{ http: 'http://localhost:{{registryPort}}/v2/', fail: 'Start it.' }, { run: 'docker container inspect registry' }],
		},
		{
			id: 'query',
			title: 'Query',
			prompt: 'Ask it.',
			check: [
				{ http: 'http://localhost:{{registryPort}}/v2/', fail: 'Start it first.' },
				{ tags: 'localhost:{{registryPort}}/alpine', include: ['latest'] },
				{ run: 'docker logs registry', expect: { stdout: { contains: 'curl/' } } },
			],
		},
		{
			id: 'question',
			title: 'Question',
			prompt: 'Answer.',
			question: { ask: 'Where is your image?', kind: 'reference', accept: ['{{curlImage}}:1'] },
		},
	],
});

const initialVars = { workspace: '/tmp/ws', hub: 'docker.io', registryPort: '5001' };

const passed: ChecksOutcome = { status: 'passed', results: [] };
const failed: ChecksOutcome = { status: 'failed', results: [] };

function quietEffects(overrides: Partial<RuntimeEffects> = {}): Partial<RuntimeEffects> {
	return {
		runChecks: async () => passed,
		watchEvents: () => ({ done: Promise.resolve() }),
		isEngineUp: async () => true,
		isServiceReady: async () => false,
		findContainer: async () => null,
		stopContainer: async () => undefined,
		runDoctor: async () => [],
		...overrides,
	};
}

describe('what the watcher makes of docker events', () => {
	it.each([
		[{ type: 'image', action: 'tag' }, 'images'],
		[{ type: 'image', action: 'push' }, 'images'],
		[{ type: 'container', action: 'start' }, 'containers'],
		[{ type: 'container', action: 'die' }, 'containers'],
		[{ type: 'container', action: 'exec_start' }, undefined],
		[{ type: 'container', action: 'health_status' }, undefined],
		[{ type: 'network', action: 'connect' }, undefined],
	])('%o is %s', (event, reason) => {
		expect(reasonForEvent(event)).toBe(reason);
	});
});

describe('the wait between polls', () => {
	const delays = { initialMs: 1000, maxMs: 5000 };
	it.each([
		[undefined, false, 1000],
		[1000, false, 2000],
		[2000, false, 4000],
		[4000, false, 5000],
		[5000, false, 5000],
		[5000, true, 1000],
	])('after %s ms, changed %s: %s ms', (previous, changed, next) => {
		expect(nextPollDelay(previous, changed, delays)).toBe(next);
	});
});

describe('which checks are polled', () => {
	it('polls HTTP, tag lists and container logs once each, and leaves the rest to docker events', () => {
		const kinds = [...polledChecks(lab).values()].map((check) =>
			Object.keys(check).find((key) => ['run', 'http', 'tags', 'pushed', 'variable'].includes(key)),
		);
		expect(kinds).toEqual(['http', 'tags', 'run']);
		expect([...polledChecks(lab).values()][2]).toMatchObject({ run: 'docker logs registry' });
	});

	it('polls only the checks of the steps it is told a change would re-check', () => {
		expect([...polledChecks(lab, new Set(['run-registry'])).values()]).toEqual([
			{ http: 'http://localhost:{{registryPort}}/v2/', fail: 'Start it.' },
		]);
		expect(polledChecks(lab, new Set(['run-registry', 'query'])).size).toBe(3);
		expect(polledChecks(lab, new Set()).size).toBe(0);
		expect(polledChecks(lab, new Set(['build'])).size).toBe(0);
	});

	it('counts a change only for a check answered twice, differently', () => {
		const map = (entries: Array<[string, boolean]>) => new Map(entries);
		expect(answersChanged(map([]), map([['a', true]]))).toBe(false);
		expect(
			answersChanged(
				map([['a', false]]),
				map([
					['a', false],
					['b', true],
				]),
			),
		).toBe(false);
		expect(answersChanged(map([['a', false]]), map([['a', true]]))).toBe(true);
		expect(
			answersChanged(
				map([
					['a', false],
					['b', true],
				]),
				map([['b', true]]),
			),
		).toBe(false);
	});

	it('finds the registry service', () => {
		expect(registryServiceId(lab)).toBe('registry');
		expect(registryServiceId({ services: {} })).toBeUndefined();
	});
});

describe('variables', () => {
	it('computes image names once the learner gives the missing value, keeping the chosen port', () => {
		const runtime = createLabRuntime({ lab, env: {}, vars: { ...initialVars }, workspace: '/tmp/ws', effects: quietEffects() });
		expect(runtime.vars.curlImage).toBeUndefined();
		const all = runtime.setVariables({ dockerId: 'learner1' });
		expect(all).toMatchObject({ dockerId: 'learner1', curlImage: 'learner1/curl', registryPort: '5001', workspace: '/tmp/ws' });
		expect(runtime.vars).toMatchObject(all);
	});

	it('refuses a value that does not match its pattern, saying what a valid one looks like', () => {
		const runtime = createLabRuntime({ lab, env: {}, vars: { ...initialVars }, workspace: '/tmp/ws', effects: quietEffects() });
		expect(() => runtime.setVariables({ dockerId: 'Me@example.com' })).toThrow(
			/contains an @, so it looks like an email address; it has an uppercase letter/,
		);
		expect(runtime.vars.dockerId).toBeUndefined();
	});
});

describe('checking a step and judging an answer', () => {
	it('runs the step’s checks with the current values, the workspace and the signal', async () => {
		const seen: Array<{ checks: readonly Check[]; ctx: CheckContext }> = [];
		const runtime = createLabRuntime({
			lab,
			vars: { ...initialVars },
			workspace: '/tmp/ws',
			env: { ONLY: 'this' },
			effects: quietEffects({ runChecks: async (checks, ctx) => (seen.push({ checks, ctx }), failed) }),
		});
		runtime.setVariables({ dockerId: 'learner1' });
		const controller = new AbortController();
		const result = await runtime.checkStep('build', controller.signal);
		expect(result.status).toBe('failed');
		expect(seen[0]?.checks).toEqual([{ run: 'docker image inspect {{curlImage}}:1' }]);
		expect(seen[0]?.ctx).toMatchObject({ cwd: '/tmp/ws', signal: controller.signal, env: { ONLY: 'this' }, variableDefs: lab.variables });
		expect(seen[0]?.ctx.vars.curlImage).toBe('learner1/curl');
	});

	it('runs the steps checked under one signal (one round) with one shared runner, and a new round with a new one', async () => {
		const runners: unknown[] = [];
		const used: unknown[] = [];
		const runtime = createLabRuntime({
			lab,
			env: {},
			vars: { ...initialVars },
			workspace: '/tmp/ws',
			effects: quietEffects({
				createSharedCheckRunner: () => {
					const runner = async () => ({ status: 'passed' as const, message: '', detail: '', subject: '', outputTail: '', durationMs: 0 });
					runners.push(runner);
					return runner;
				},
				runChecks: async (_checks, _ctx, run) => (used.push(run), passed),
			}),
		});
		const round = new AbortController();
		await Promise.all([runtime.checkStep('run-registry', round.signal), runtime.checkStep('query', round.signal)]);
		await runtime.checkStep('query', new AbortController().signal);
		expect(runners).toHaveLength(2);
		expect(used).toEqual([runners[0], runners[0], runners[1]]);
	});

	it('rejects a step the lab does not have', async () => {
		const runtime = createLabRuntime({ lab, env: {}, vars: { ...initialVars }, workspace: '/tmp/ws', effects: quietEffects() });
		await expect(runtime.checkStep('nope', new AbortController().signal)).rejects.toThrow(/no step "nope"/);
	});

	it('judges an answer against the question with the learner’s values filled in', () => {
		const runtime = createLabRuntime({ lab, env: {}, vars: { ...initialVars }, workspace: '/tmp/ws', effects: quietEffects() });
		runtime.setVariables({ dockerId: 'learner1' });
		expect(runtime.judgeAnswer('question', 'docker.io/learner1/curl:1').correct).toBe(true);
		const wrong = runtime.judgeAnswer('question', 'learner2/curl:1');
		expect(wrong.correct).toBe(false);
		expect(wrong.feedback).not.toBe('');
		expect(runtime.judgeAnswer('build', 'anything').correct).toBe(false);
	});
});

// The watch runs on fake timers, so each test can say when every poll happens. The effects come
// from a module already loaded: the runtime's own dynamic import would wait on real file reads,
// which advancing fake time does not wait for.
const loadedEffects = () => Promise.resolve(realEffects);

/** A watch with fake effects: the test flips what the polled checks and the engine answer. */
function watching(watchedSteps?: () => readonly string[]) {
	const world = { isHttpUp: false, isEngineUp: true, engineAsks: 0, polled: [] as { at: number; kind: string }[] };
	let events: WatchDockerEventsOptions | undefined;
	const reasons: WatchReason[] = [];
	const runtime = createLabRuntime({
		lab,
		env: {},
		vars: { ...initialVars, dockerId: 'learner1' },
		workspace: '/tmp/ws',
		loadEffects: loadedEffects,
		effects: quietEffects({
			runChecks: async (checks) => {
				world.polled.push({ at: Date.now(), kind: Object.keys(checks[0] ?? {})[0] ?? '' });
				return 'http' in (checks[0] ?? {}) && world.isHttpUp ? passed : failed;
			},
			isEngineUp: async () => {
				world.engineAsks++;
				return world.isEngineUp;
			},
			watchEvents: (options) => {
				events = options;
				return { done: Promise.resolve() };
			},
		}),
	});
	const controller = new AbortController();
	runtime.watch((reason) => reasons.push(reason), controller.signal, watchedSteps);
	return {
		world,
		reasons,
		controller,
		events: () => events,
		/** When each round of polling ran (ms since the watch started). */
		rounds: () => [...new Set(world.polled.map((poll) => poll.at))],
		/** What the round at `at` polled. */
		polledAt: (at: number) =>
			world.polled
				.filter((poll) => poll.at === at)
				.map((poll) => poll.kind)
				.sort(),
	};
}

/** Moves fake time on to `ms` after the watch started, running every timer and promise due by then. */
const advanceTo = async (ms: number): Promise<void> => {
	await vi.advanceTimersByTimeAsync(ms - Date.now());
};

const imageTagged = { type: 'image', action: 'tag', id: 'sha256:1', attributes: {} } as const;

describe('watching', () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('passes image and container events on, and ignores the ones no check can see', async () => {
		const { reasons, controller, events } = watching();
		// The events watcher starts once the effects are loaded, a moment after watch() returns.
		await vi.advanceTimersByTimeAsync(0);
		events()?.onEvent(imageTagged);
		events()?.onEvent({ type: 'container', action: 'exec_start', id: 'c1', attributes: {} });
		events()?.onEvent({ type: 'container', action: 'start', id: 'c1', attributes: {} });
		expect(reasons).toEqual(['images', 'containers']);
		controller.abort();
	});

	it('polls at once, then after 1 s, 2 s, 4 s and every 5 s from then on, each polled check once a round', async () => {
		const { controller, rounds, polledAt } = watching();
		await advanceTo(30_000);
		expect(rounds()).toEqual([0, 1_000, 3_000, 7_000, 12_000, 17_000, 22_000, 27_000]);
		expect(polledAt(0)).toEqual(['http', 'run', 'tags']);
		expect(polledAt(27_000)).toEqual(['http', 'run', 'tags']);
		controller.abort();
	});

	it('polls 1 s after a docker event, and the waits grow again from there', async () => {
		const { controller, events, rounds } = watching();
		await advanceTo(13_000);
		// The learner is at work: the poll due at 17 s comes at 14 s.
		events()?.onEvent(imageTagged);
		await advanceTo(30_000);
		expect(rounds().filter((at) => at > 12_000)).toEqual([14_000, 16_000, 20_000, 25_000, 30_000]);
		controller.abort();
	});

	it('never puts off a poll due sooner than 1 s when an event comes', async () => {
		const { controller, events, rounds } = watching();
		await advanceTo(500);
		events()?.onEvent(imageTagged);
		await advanceTo(7_000);
		expect(rounds()).toEqual([0, 1_000, 3_000, 7_000]);
		controller.abort();
	});

	it('reports http only when a polled answer changes, not for the first answers or unchanged ones, and polls again 1 s later', async () => {
		const { world, reasons, controller, rounds } = watching();
		await advanceTo(8_000);
		expect(reasons).toEqual([]);
		world.isHttpUp = true;
		await advanceTo(11_999);
		expect(reasons).toEqual([]);
		await advanceTo(12_000);
		expect(reasons).toEqual(['http']);
		await advanceTo(30_000);
		expect(rounds().filter((at) => at > 12_000)).toEqual([13_000, 15_000, 19_000, 24_000, 29_000]);
		expect(reasons).toEqual(['http']);
		controller.abort();
	});

	it('polls nothing while no watched step has a polled check, and starts when one comes into view', async () => {
		let watched: string[] = ['build', 'docker-id'];
		const { world, reasons, controller, events, polledAt } = watching(() => watched);
		await advanceTo(30_000);
		expect(world.polled).toEqual([]);
		// The engine is known to be up: the empty rounds do not ask it again either.
		expect(world.engineAsks).toBe(1);
		watched = ['query'];
		events()?.onEvent(imageTagged);
		await advanceTo(31_000);
		expect(polledAt(31_000)).toEqual(['http', 'run', 'tags']);
		world.isHttpUp = true;
		await advanceTo(33_000);
		expect(reasons).toEqual(['images', 'http']);
		controller.abort();
	});

	it('reports the engine going down at once, and coming back at the next poll', async () => {
		const { world, reasons, controller, events } = watching();
		await advanceTo(500);
		world.isEngineUp = false;
		events()?.onState?.('reconnecting');
		await vi.advanceTimersByTimeAsync(0);
		expect(reasons).toEqual(['engine']);
		world.isEngineUp = true;
		await advanceTo(999);
		expect(reasons).toEqual(['engine']);
		await advanceTo(1_000);
		expect(reasons).toEqual(['engine', 'engine']);
		controller.abort();
	});

	it('stops polling, leaves no timer, and hands the aborted signal to the events watcher when the watch ends', async () => {
		const { world, reasons, controller, events, rounds } = watching();
		await advanceTo(7_000);
		controller.abort();
		expect(events()?.signal?.aborted).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
		world.isHttpUp = true;
		await advanceTo(60_000);
		expect(rounds()).toEqual([0, 1_000, 3_000, 7_000]);
		expect(reasons).toEqual([]);
	});
});

describe('effects that cannot load (a damaged install)', () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('watches without throwing, reports nothing, and says so when a step is checked', async () => {
		const reasons: WatchReason[] = [];
		const runtime = createLabRuntime({
			lab,
			env: {},
			vars: { ...initialVars, dockerId: 'learner1' },
			workspace: '/tmp/ws',
			loadEffects: () => Promise.reject(new Error('Cannot find module runtime-effects')),
		});
		const controller = new AbortController();
		// An unhandled rejection here would fail the test run.
		runtime.watch(
			(reason) => reasons.push(reason),
			controller.signal,
			() => ['query'],
		);
		await advanceTo(30_000);
		expect(reasons).toEqual([]);
		await expect(runtime.checkStep('build', controller.signal)).rejects.toThrow(/runtime-effects/);
		await expect(runtime.environment(controller.signal)).rejects.toThrow(/runtime-effects/);
		controller.abort();
	});
});

describe('the registry', () => {
	it('is up on its port, and started by the lab when its container carries the lab’s label', async () => {
		const runtime = createLabRuntime({
			lab,
			env: {},
			vars: { ...initialVars },
			workspace: '/tmp/ws',
			effects: quietEffects({
				isServiceReady: async (service) => service.ready?.url === 'http://localhost:5001/v2/',
				findContainer: async (name, labId) =>
					name === 'registry' && labId === 'mini' ? { id: 'c1', isRunning: true, isOurs: true } : null,
			}),
		});
		expect(await runtime.environment(new AbortController().signal)).toEqual({
			docker: 'up',
			registry: { up: true, port: '5001', startedByLab: true },
		});
	});

	it('is the learner’s own when the container has no label, and down when nothing answers', async () => {
		const runtime = createLabRuntime({
			lab,
			env: {},
			vars: { ...initialVars },
			workspace: '/tmp/ws',
			effects: quietEffects({
				isEngineUp: async () => false,
				findContainer: async () => ({ id: 'c2', isRunning: true, isOurs: false }),
			}),
		});
		expect(await runtime.environment(new AbortController().signal)).toEqual({
			docker: 'down',
			registry: { up: false, port: '5001', startedByLab: false },
		});
	});

	it('stops only the container the lab started', async () => {
		const stopped: string[] = [];
		const make = (isOurs: boolean) =>
			createLabRuntime({
				lab,
				env: {},
				vars: { ...initialVars },
				workspace: '/tmp/ws',
				effects: quietEffects({
					findContainer: async () => ({ id: isOurs ? 'ours' : 'theirs', isRunning: true, isOurs }),
					stopContainer: async (id) => void stopped.push(id),
				}),
			});
		await make(false).stopRegistry?.();
		await make(true).stopRegistry?.();
		expect(stopped).toEqual(['ours']);
	});

	it('says how to stop it by hand when stopping fails', async () => {
		const runtime = createLabRuntime({
			lab,
			env: {},
			vars: { ...initialVars },
			workspace: '/tmp/ws',
			effects: quietEffects({
				findContainer: async () => ({ id: 'ours', isRunning: true, isOurs: true }),
				stopContainer: async () => {
					throw new Error('permission denied');
				},
			}),
		});
		await expect(runtime.stopRegistry?.()).rejects.toThrow(/permission denied.*docker stop registry/);
	});
});

describe('the doctor', () => {
	it('gives the doctor the learner’s hub, so it checks that registry and skips nothing the CLI’s doctor checks', async () => {
		const calls: Array<{ hub?: string; skipInternet?: boolean }> = [];
		const effects = quietEffects({
			runDoctor: async (_lab, vars, options) => (calls.push({ hub: vars.hub, skipInternet: options?.skipInternet }), []),
		});
		await createLabRuntime({ lab, env: {}, vars: { ...initialVars, hub: '127.0.0.1:5999' }, workspace: '/tmp/ws', effects }).doctor?.(
			new AbortController().signal,
		);
		expect(calls).toEqual([{ hub: '127.0.0.1:5999', skipInternet: undefined }]);
	});

	it('gives the doctor the lab’s folder, so it finds the base images of the lab’s Dockerfiles as the CLI’s doctor does', async () => {
		const dirs: Array<string | undefined> = [];
		const effects = quietEffects({ runDoctor: async (_lab, _vars, options) => (dirs.push(options?.labDir), []) });
		await createLabRuntime({ lab, env: {}, vars: initialVars, workspace: '/tmp/ws', labDir: '/labs/registries', effects }).doctor?.(
			new AbortController().signal,
		);
		expect(dirs).toEqual(['/labs/registries']);
	});
});
