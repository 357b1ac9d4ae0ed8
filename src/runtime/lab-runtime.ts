// The real world behind the learner's TUI: the check engine, the answer judge, the Docker watcher and
// the registry's status, joined into the `LabRuntime` the UI talks to. The UI never spawns anything;
// everything it asks for goes through here and stops when its signal aborts. The effects (the
// process runner, the docker CLI, the doctor) load on first use, after the TUI's first frame.
import { judgeAnswer as judgeQuestion } from '../answer/judge-answer.js';
import type { CheckContext } from '../checks/types.js';
import type { DockerOptions } from '../docker/docker-cli.js';
import type { ResolvedService } from '../docker/service-spec.js';
import type { DockerEvent } from '../docker/watch-docker-events.js';
import { resolveVariables } from '../lab/resolve-variables.js';
import { isPolledCheck } from '../lab/check-kind.js';
import type { Check, Lab } from '../lab/schema.js';
import type { ProgressState } from '../progress/progress-store.js';
import type { Classroom, DoctorItem, EnvironmentStatus, LabRuntime, StepCheck, Verdict, WatchReason } from '../session/lab-port.js';
import { interpolateQuestion } from '../answer/question-proof.js';
import type { CheckRunner, RuntimeEffects } from './runtime-effects.js';

/** The effects and the one pure helper that comes with them (it lives beside the docker CLI wrapper). */
interface World {
	effects: RuntimeEffects;
	resolveService: (lab: Lab, id: string, vars: Record<string, string>) => { service?: ResolvedService };
}

export interface PollDelays {
	/** The first wait, and the wait after anything changed. Default 1000 ms. */
	initialMs: number;
	/** Waits double while nothing changes, up to this. Default 5000 ms. */
	maxMs: number;
}

export interface LabRuntimeOptions {
	lab: Lab;
	/** Every variable resolved so far (ports chosen, image names computed); `ask` ones may be missing. */
	vars: Record<string, string>;
	workspace: string;
	/** Environment for every command and for the docker CLI, decided at the top (cli.ts). */
	env: Record<string, string | undefined>;
	poll?: Partial<PollDelays>;
	effects?: Partial<RuntimeEffects>;
	/** The classroom registry the learner's progress is published to (--classroom, --as). */
	classroom?: Classroom;
	/** The lab's folder: the doctor reads the base images of the Dockerfiles among its files there. */
	labDir?: string;
	/** Loads the real effects (tests: one that fails, as a damaged install would). */
	loadEffects?: () => Promise<Pick<typeof import('./runtime-effects.js'), 'defaultEffects' | 'resolveService'>>;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers.

// Container actions that happen on their own (health checks, `docker exec`, a terminal resize) and
// change nothing a check looks at; re-checking on each would keep the lab busy for nothing.
const quietContainerActions = /^(exec_|health_status|top$|resize$|attach$|detach$|archive-path$|copy$)/;

/** Why a docker event may matter to a check, or undefined when it cannot. Pure. */
export function reasonForEvent(event: Pick<DockerEvent, 'type' | 'action'>): WatchReason | undefined {
	if (event.type === 'image') return 'images';
	if (event.type === 'container') return quietContainerActions.test(event.action) ? undefined : 'containers';
	return undefined;
}

/** The next wait between polls: back to the start after a change, else doubled up to the limit. Pure. */
export function nextPollDelay(previousMs: number | undefined, changed: boolean, delays: PollDelays): number {
	if (changed || previousMs === undefined) return delays.initialMs;
	return Math.min(previousMs * 2, delays.maxMs);
}

/**
 * The checks whose answer can change with no docker event (`isPolledCheck`). The same check in
 * several steps is polled once (only the words shown on failure differ), keyed by what it judges.
 * Only the steps in `stepIds` when given: a change elsewhere would re-check nothing. Pure.
 */
export function polledChecks(lab: Pick<Lab, 'steps'>, stepIds?: ReadonlySet<string>): Map<string, Check> {
	const byKey = new Map<string, Check>();
	for (const step of lab.steps) {
		if (stepIds !== undefined && !stepIds.has(step.id)) continue;
		for (const check of step.check ?? []) {
			if (!isPolledCheck(check)) continue;
			const { fail: _fail, ...judged } = check as Check & { fail?: string };
			const key = JSON.stringify(judged);
			if (!byKey.has(key)) byKey.set(key, check);
		}
	}
	return byKey;
}

/** Whether any check answered both times, differently: a check seen for the first time is where it starts from. Pure. */
export function answersChanged(before: ReadonlyMap<string, boolean>, after: ReadonlyMap<string, boolean>): boolean {
	for (const [key, answer] of after) {
		const previous = before.get(key);
		if (previous !== undefined && previous !== answer) return true;
	}
	return false;
}

/** The lab's registry service: the one named `registry`, else the first with a ready probe. Pure. */
export function registryServiceId(lab: Pick<Lab, 'services'>): string | undefined {
	const services = lab.services ?? {};
	if (services.registry) return 'registry';
	return Object.entries(services).find(([, service]) => service.ready !== undefined)?.[0];
}

// ---------------------------------------------------------------------------------------------

/** The runtime of the author's mode: the same, and its lab can be replaced when the file is saved. */
export interface ReloadableLabRuntime extends LabRuntime {
	/**
	 * Goes on with a new version of the lab: what was typed or chosen (a port moved) is kept, the
	 * rest resolved again from the new lab. Returns the variables; throws with what is wrong with them.
	 */
	replaceLab(next: Lab): Record<string, string>;
}

export function createLabRuntime(options: LabRuntimeOptions): ReloadableLabRuntime {
	// Let, not const: the author's mode replaces the lab when its file is saved (replaceLab).
	let lab = options.lab;
	const { workspace } = options;
	const env = options.env;
	// Loaded once, when something first needs the machine: nothing before the first frame does.
	let loading: Promise<World> | undefined;
	const world = (): Promise<World> =>
		(loading ??= (options.loadEffects ?? (() => import('./runtime-effects.js')))().then((real) => ({
			effects: { ...real.defaultEffects, ...options.effects },
			resolveService: real.resolveService,
		})));
	const delays: PollDelays = { initialMs: options.poll?.initialMs ?? 1_000, maxMs: options.poll?.maxMs ?? 5_000 };
	let vars: Record<string, string> = { ...options.vars };
	let stepsById = new Map(lab.steps.map((step) => [step.id, step]));
	const context = (signal?: AbortSignal): CheckContext => ({ vars, variableDefs: lab.variables, cwd: workspace, signal, env });

	const registry = async (): Promise<ResolvedService | undefined> => {
		const id = registryServiceId(lab);
		return id === undefined ? undefined : (await world()).resolveService(lab, id, vars).service;
	};

	const setVariables = (given: Record<string, string>): Record<string, string> => {
		// Keep what is resolved already (a port moved off a busy one), add what the learner typed, and
		// compute the image names again from the result.
		const inputs = Object.fromEntries(
			Object.entries(vars).filter(([name]) => name !== 'workspace' && lab.variables?.[name]?.image === undefined),
		);
		const resolved = resolveVariables(lab, { ...inputs, ...given }, { workspace });
		if (resolved.problems.length > 0) throw new Error(resolved.problems.join(' '));
		vars = resolved.values;
		return { ...vars };
	};

	// Steps checked under the same signal belong to one round of the UI: a check they share (the
	// registry's logs, its /v2/ answer) runs once for all of them, as in the whole-lab check.
	const sharedRunners = new WeakMap<AbortSignal, CheckRunner>();
	const checkStep = async (stepId: string, signal: AbortSignal): Promise<StepCheck> => {
		const step = stepsById.get(stepId);
		if (!step) throw new Error(`The lab ${lab.id} has no step "${stepId}".`);
		const { effects } = await world();
		let run = sharedRunners.get(signal);
		if (!run) {
			run = effects.createSharedCheckRunner();
			sharedRunners.set(signal, run);
		}
		return effects.runChecks(step.check ?? [], context(signal), run);
	};

	const judgeAnswer = (stepId: string, answer: string): Verdict => {
		const question = stepsById.get(stepId)?.question;
		if (!question) return { correct: false, feedback: 'This step has no question to answer.' };
		return judgeQuestion(interpolateQuestion(question, vars), answer);
	};

	const watch = (onChange: (reason: WatchReason) => void, signal: AbortSignal, watchedSteps?: () => readonly string[]): void => {
		if (signal.aborted) return;
		const report = (reason: WatchReason): void => {
			if (!signal.aborted) onChange(reason);
		};
		const dockerOptions: DockerOptions = { signal, env };

		// The engine going away or coming back changes every docker check at once.
		let isEngineUp: boolean | undefined;
		const probeEngine = async (): Promise<void> => {
			// Effects that cannot load (a damaged install) count as an engine that does not answer.
			const isUp = await world()
				.then(({ effects }) => effects.isEngineUp(dockerOptions))
				.catch(() => false);
			if (signal.aborted) return;
			const changed = isEngineUp !== undefined && isUp !== isEngineUp;
			isEngineUp = isUp;
			if (changed) report('engine');
		};

		// Polling what events cannot see, with a wait that grows while nothing changes and starts
		// over when anything does (a change seen here, or a docker event: the learner is at work).
		// Only the checks of the steps a change would re-check: a learner idle at an early step
		// costs no `docker logs` every few seconds for a step far ahead.
		let delay: number | undefined;
		let timer: NodeJS.Timeout | undefined;
		let dueAt = 0;
		let isPolling = false;
		let lastAnswers = new Map<string, boolean>();
		const schedule = (ms: number): void => {
			clearTimeout(timer);
			if (signal.aborted) return;
			dueAt = Date.now() + ms;
			timer = setTimeout(() => void poll(), ms);
		};
		const poll = async (): Promise<void> => {
			timer = undefined;
			isPolling = true;
			try {
				if (isEngineUp !== true) await probeEngine();
				const checks = polledChecks(lab, watchedSteps === undefined ? undefined : new Set(watchedSteps()));
				const answers = new Map<string, boolean>();
				const runChecks = await world().then(
					({ effects }) => effects.runChecks,
					() => undefined,
				);
				for (const [key, check] of checks) {
					if (signal.aborted) return;
					const outcome = await runChecks?.([check], context(signal)).catch(() => undefined);
					answers.set(key, outcome?.status === 'passed');
				}
				if (signal.aborted) return;
				// The first answers are where we start from: the UI checks a step when it comes into view.
				const changed = answersChanged(lastAnswers, answers);
				lastAnswers = answers;
				if (changed) report('http');
				delay = nextPollDelay(delay, changed, delays);
			} finally {
				isPolling = false;
			}
			schedule(delay);
		};
		const onActivity = (): void => {
			delay = delays.initialMs;
			if (!isPolling && timer !== undefined && dueAt - Date.now() > delays.initialMs) schedule(delays.initialMs);
		};

		signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
		void probeEngine().then(() => {
			if (!signal.aborted && timer === undefined && !isPolling) void poll();
		});
		// Without a watcher (effects that cannot load) the lab still works: c checks, and moving checks.
		void world().then(
			({ effects }) => {
				if (signal.aborted) return;
				effects.watchEvents({
					signal,
					env,
					onEvent: (event) => {
						const reason = reasonForEvent(event);
						if (!reason) return;
						onActivity();
						report(reason);
					},
					onState: (state) => {
						// The events stream died: most often because the engine went away.
						if (state === 'reconnecting') void probeEngine();
					},
				});
			},
			() => undefined,
		);
	};

	const environment = async (signal: AbortSignal): Promise<EnvironmentStatus> => {
		const dockerOptions: DockerOptions = { signal, env };
		const [service, { effects }] = await Promise.all([registry(), world()]);
		const port = service?.ports[0]?.host ?? vars.registryPort ?? '';
		const [isUp, container] = await Promise.all([
			effects.isEngineUp(dockerOptions).catch(() => false),
			service ? effects.findContainer(service.name, lab.id, dockerOptions).catch(() => null) : Promise.resolve(null),
		]);
		const answers = service?.ready ? await effects.isServiceReady(service, signal).catch(() => false) : container?.isRunning === true;
		return {
			docker: isUp ? 'up' : 'down',
			registry: { up: answers, port, startedByLab: container?.isOurs === true && container.isRunning },
		};
	};

	const stopRegistry = async (): Promise<void> => {
		const [service, { effects }] = await Promise.all([registry(), world()]);
		if (!service) return;
		const dockerOptions: DockerOptions = { env };
		const container = await effects.findContainer(service.name, lab.id, dockerOptions);
		// Only a container the lab started: the learner's own registry is theirs to keep.
		if (!container || !container.isOurs || !container.isRunning) return;
		try {
			await effects.stopContainer(container.id, dockerOptions);
		} catch (error) {
			const why = error instanceof Error ? error.message : String(error);
			throw new Error(`Could not stop the registry container ${service.name}: ${why}. Stop it with docker stop ${service.name}`);
		}
	};

	const replaceLab = (next: Lab): Record<string, string> => {
		// Values the lab no longer declares are dropped; ones it still declares are kept, checked against the new lab.
		const inputs = Object.fromEntries(
			Object.entries(vars).filter(([name]) => next.variables?.[name] !== undefined && next.variables[name]?.image === undefined),
		);
		const resolved = resolveVariables(next, inputs, { workspace });
		if (resolved.problems.length > 0) throw new Error(resolved.problems.join(' '));
		lab = next;
		stepsById = new Map(next.steps.map((step) => [step.id, step]));
		vars = resolved.values;
		return { ...vars };
	};

	// The proof engine loads with the first proof: a learner's lab never needs it.
	const proveStep = async (stepId: string, signal: AbortSignal, onPhase: (phase: string) => void) => {
		const step = stepsById.get(stepId);
		if (!step) throw new Error(`The lab ${lab.id} has no step "${stepId}".`);
		const [{ proveStep: prove }, { engineInfo }] = await Promise.all([import('./test-lab.js'), import('../docker/docker-cli.js')]);
		// On Podman the step's `podman.solution` is what proves it, as in `registry-lab test`.
		const engine = await engineInfo({ env, signal });
		return prove(step, context(signal), { onPhase, env, engine: engine.kind });
	};

	// The classroom's modules (and zod with them) load with the first publish, after the first frame.
	// The logins are read from the learner's Docker config at each publish: a `docker login` done
	// meanwhile counts.
	const classroom = options.classroom;
	const publishProgress = async (progress: ProgressState, signal: AbortSignal): Promise<void> => {
		if (!classroom) return;
		const [{ progressDocument, classRepository }, registry, { dockerConfigCredentials }] = await Promise.all([
			import('../classroom/progress-document.js'),
			import('../classroom/class-registry.js'),
			import('../registry/docker-credentials.js'),
		]);
		await registry.publishProgress({
			registry: classroom.registry,
			repository: classRepository(lab.id),
			tag: classroom.name,
			document: progressDocument(lab, progress, classroom.name, new Date()),
			credentials: dockerConfigCredentials({ env }),
			signal,
		});
	};

	// The same doctor as the CLI's, with the learner's values: it checks the registry the `hub`
	// variable names (Docker Hub, or an offline classroom's) and never Docker Hub in its place.
	const doctor = async (signal: AbortSignal): Promise<DoctorItem[]> =>
		(await world()).effects.runDoctor(lab, vars, { signal, env, ...(options.labDir === undefined ? {} : { labDir: options.labDir }) });

	return {
		get lab() {
			return lab;
		},
		get vars() {
			return vars;
		},
		workspace,
		setVariables,
		checkStep,
		judgeAnswer,
		watch,
		environment,
		...(registryServiceId(lab) === undefined ? {} : { stopRegistry }),
		doctor,
		proveStep,
		replaceLab,
		...(classroom ? { classroom, publishProgress } : {}),
	};
}
