// `registry-lab test`: proves a lab works, the way rustlings proves its exercises. For each step, in
// order (the cleanup step last): run its setup, prove its checks fail, run its solution, prove its
// checks pass. A step's `wrong:` states (near misses) are proven between the two: after the setup,
// each state's commands, and the checks must fail there. Questions: every accepted answer is right
// and a wrong one is wrong. At the end the lab's cleanup must leave nothing behind: no container
// labelled as the lab's, none of its images.
// The lab's registry is never started up front: the step that starts it must be able to fail first.
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSubject, createSharedCheckRunner, runChecks, type ChecksOutcome } from '../checks/run-check.js';
import { runCommand, type CommandResult } from '../process/run-command.js';
import type { CheckContext } from '../checks/types.js';
import { labContainerSpecs, planCleanup, runCleanup, type CleanupPlan } from '../docker/cleanup.js';
import { inspectContainer } from '../docker/docker-cli.js';
import { LAB_LABEL, resolveService } from '../docker/service-spec.js';
import type { Lab, Step } from '../lab/schema.js';
import { isInputStep, usesDocker } from './check-lab.js';
import { interpolateQuestion, proveQuestion } from '../answer/question-proof.js';

export type TestPhase =
	'preflight' | 'question' | 'setup' | 'before-solution' | 'wrong-state' | 'solution' | 'after-solution' | 'leftovers' | 'canceled';

/** A near miss the checks did not reject: the state's name and the checks that passed in it. */
export interface WrongStateLetThrough {
	wrong: string;
	/** What each check looked at ("GET http://…/v2/_catalog"), numbered as in the step: "check 1 (…)". */
	checks: string[];
}
export type StepTestStatus = 'passed' | 'failed' | 'skipped';

export interface StepTestOutcome {
	id: string;
	title: string;
	/** 1 for the first run, 2 for the second with --repeat... */
	iteration: number;
	status: StepTestStatus;
	/** The phase that failed. */
	phase?: TestPhase;
	/** What failed and what to do about it; for a pass, what was proven. */
	message: string;
	/** Things worth knowing that are not failures (an input step, a question without wrong choices). */
	notes: string[];
	/** The last lines of output of the command or check that failed. */
	outputTail: string;
	/** Wrong states (`wrong:`) the checks let through, when that is why the step failed. */
	letThrough?: WrongStateLetThrough[];
	durationMs: number;
}

export interface LabTestResult {
	lab: string;
	title: string;
	iterations: number;
	steps: StepTestOutcome[];
	/** Every step held in every iteration (skipped steps count as held). */
	passed: boolean;
}

export interface TestLabOptions {
	signal?: AbortSignal;
	/** Skip `online: true` steps. */
	skipOnline?: boolean;
	/** Run the whole lab this many times. Default 1. */
	repeat?: number;
	/** Called as each step finishes, for live progress. */
	onStep?: (outcome: StepTestOutcome) => void;
	/** Called with things to say along the way (what an earlier run left and was removed). */
	onNote?: (note: string) => void;
	/** Called as each phase of a task step starts, so `dev` shows a step's proof as it happens. */
	onPhase?: (phase: TestPhase) => void;
	/** How long checks may take to pass after a solution (a registry needs a moment to listen). Default 10 000. */
	settleMs?: number;
	/** Time between those tries. Default 500. */
	retryIntervalMs?: number;
	/** Seconds a setup or solution command may take when the step sets no `timeout`. Default 120. */
	defaultStepTimeoutSeconds?: number;
	/** Environment for docker (cleanup, inspecting containers). Default: the check context's. */
	env?: Record<string, string | undefined>;
	/** The engine behind the docker command: on Podman a step's `podman.solution` replaces its solution. Default docker. */
	engine?: 'docker' | 'podman';
}

/** The commands that complete a step on this engine. Pure. */
export function solutionFor(step: Pick<Step, 'solution' | 'podman'>, engine: 'docker' | 'podman' = 'docker'): string[] {
	return engine === 'podman' && step.podman ? step.podman.solution : (step.solution ?? []);
}

export interface TestablePreparedLab {
	lab: Lab;
	vars: Record<string, string>;
	checkContext(signal?: AbortSignal): CheckContext;
}

/** The steps in the order `test` runs them: the cleanup step(s) last. Pure. */
export function testOrder(lab: Pick<Lab, 'steps'>): Step[] {
	return [...lab.steps.filter((step) => !step.cleanup), ...lab.steps.filter((step) => step.cleanup)];
}

export interface PhaseFailure {
	phase: TestPhase;
	message: string;
	outputTail: string;
	letThrough?: WrongStateLetThrough[];
}

async function runCommands(
	commands: readonly string[],
	phase: TestPhase,
	ctx: CheckContext,
	timeoutSeconds: number,
	what: string = `${phase} command`,
): Promise<PhaseFailure | undefined> {
	for (const command of commands) {
		const result: CommandResult = await runCommand(command, {
			vars: ctx.vars,
			cwd: ctx.cwd,
			env: ctx.env,
			signal: ctx.signal,
			timeoutMs: timeoutSeconds * 1000,
		});
		if (result.status !== 'passed') {
			const output = result.status === 'failed' ? firstErrorLine(result) : '';
			return {
				phase: result.status === 'canceled' ? 'canceled' : phase,
				message: `The ${what} failed: ${result.message}${output ? ` (${output})` : ''}`,
				outputTail: result.outputTail,
			};
		}
	}
	return undefined;
}

function firstErrorLine(result: CommandResult): string {
	return (
		result.stderr
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line !== '')
			.at(-1) ?? ''
	);
}

function checkTail(outcome: ChecksOutcome): string {
	const failed = outcome.results.find((result) => result.status !== 'passed');
	if (!failed) return '';
	return [failed.subject && `check: ${failed.subject}`, failed.detail && `why: ${failed.detail}`, failed.outputTail]
		.filter(Boolean)
		.join('\n');
}

function failedMessage(outcome: ChecksOutcome): string {
	const failed = outcome.results.find((result) => result.status !== 'passed');
	return failed ? failed.message || failed.detail || `a check ended ${failed.status}` : 'a check did not pass';
}

/** Checks that did not pass in a phase, as a failure: a cancel is reported as such, not as the phase. */
function checksFailure(phase: TestPhase, what: string, outcome: ChecksOutcome): PhaseFailure {
	return {
		phase: outcome.status === 'canceled' ? 'canceled' : phase,
		message: `${what}: ${failedMessage(outcome)}`,
		outputTail: checkTail(outcome),
	};
}

/** Runs the checks until they pass or `settleMs` is spent. */
async function checksSettle(step: Step, ctx: CheckContext, options: TestLabOptions): Promise<ChecksOutcome> {
	const deadline = performance.now() + (options.settleMs ?? 10_000);
	for (;;) {
		const outcome = await runChecks(step.check ?? [], ctx);
		if (outcome.status === 'passed' || outcome.status === 'canceled' || performance.now() >= deadline) return outcome;
		try {
			await sleep(options.retryIntervalMs ?? 500, undefined, { signal: ctx.signal });
		} catch {
			return outcome;
		}
	}
}

/** "check 1 (GET http://…/v2/_catalog)" for each of a step's checks, numbered as the lab lists them. */
function numberedChecks(step: Pick<Step, 'check'>, vars: Readonly<Record<string, string>>): string[] {
	return (step.check ?? []).map((check, index) => `check ${index + 1} (${checkSubject(check, vars)})`);
}

/** Why near misses the checks let through fail the step: the step, each state, the checks. Pure. */
export function letThroughMessage(stepId: string, letThrough: readonly WrongStateLetThrough[]): string {
	const states = letThrough.length === 1 ? 'a wrong state' : `${letThrough.length} wrong states`;
	const each = letThrough.map((leak) => `“${leak.wrong}” passes ${leak.checks.join(', ')}`).join('; ');
	return `The checks of step ${stepId} let ${states} through: ${each}. A learner in that state would see the step done: make the checks stricter, so that they fail there.`;
}

/**
 * Proves a step's near misses (`wrong:`): each from the step's start (its setup again, except for
 * the first, which follows the setup that just ran), then the state's commands, then the checks,
 * which must fail; then the state's `undo`. Every state is tried, so the author sees all that get
 * through at once. The machine is left in a wrong state's wake: run the setup before the solution.
 */
export async function proveWrongStates(step: Step, ctx: CheckContext, timeoutSeconds: number): Promise<PhaseFailure | undefined> {
	const letThrough: WrongStateLetThrough[] = [];
	for (const [index, state] of (step.wrong ?? []).entries()) {
		if (index > 0) {
			const setupFailure = await runCommands(step.setup ?? [], 'setup', ctx, timeoutSeconds);
			if (setupFailure) return setupFailure;
		}
		const undo = (): Promise<PhaseFailure | undefined> =>
			runCommands(state.undo ?? [], 'wrong-state', ctx, timeoutSeconds, `undo command of the wrong state “${state.name}”`);
		const runFailure = await runCommands(state.run, 'wrong-state', ctx, timeoutSeconds, `command of the wrong state “${state.name}”`);
		if (runFailure) {
			await undo();
			return runFailure;
		}
		const outcome = await runChecks(step.check ?? [], ctx);
		const undoFailure = await undo();
		if (outcome.status === 'passed') letThrough.push({ wrong: state.name, checks: numberedChecks(step, ctx.vars) });
		else if (outcome.status !== 'failed')
			return checksFailure('wrong-state', `A check could not run in the wrong state “${state.name}”`, outcome);
		if (undoFailure) return undoFailure;
	}
	if (letThrough.length === 0) return undefined;
	return { phase: 'wrong-state', message: letThroughMessage(step.id, letThrough), outputTail: '', letThrough };
}

/** What a passing task step proved. Pure. */
function provenMessage(step: Pick<Step, 'wrong'>, isInput: boolean): string {
	if (isInput) return 'The input is given and its checks pass.';
	const count = step.wrong?.length ?? 0;
	if (count === 0) return 'Its checks fail before the solution and pass after it.';
	return `Its checks fail before the solution and in ${count === 1 ? 'its wrong state' : `each of its ${count} wrong states`}, and pass after it.`;
}

async function testTaskStep(
	step: Step,
	ctx: CheckContext,
	options: TestLabOptions,
): Promise<{ failure?: PhaseFailure; notes: string[]; message: string }> {
	const timeoutSeconds = step.timeout ?? options.defaultStepTimeoutSeconds ?? 120;
	const notes: string[] = [];
	options.onPhase?.('setup');
	const setupFailure = await runCommands(step.setup ?? [], 'setup', ctx, timeoutSeconds);
	if (setupFailure) return { failure: setupFailure, notes, message: '' };

	const isInput = isInputStep(step);
	if (isInput) {
		const names = (step.check ?? []).map((check) => ('variable' in check ? check.variable : '')).join(', ');
		notes.push(`Its checks only read ${names}, an input the learner gives: they are not expected to fail first.`);
	} else {
		options.onPhase?.('before-solution');
		const before = await runChecks(step.check ?? [], ctx);
		if (before.status === 'passed') {
			return {
				failure: {
					phase: 'before-solution',
					message:
						'The checks already pass before the solution ran, so they cannot tell whether the learner did the step. Make the setup undo the step, or make the checks stricter.',
					outputTail: '',
				},
				notes,
				message: '',
			};
		}
		if (before.status !== 'failed')
			return { failure: checksFailure('before-solution', 'A check could not run before the solution', before), notes, message: '' };
		if ((step.wrong ?? []).length > 0) {
			options.onPhase?.('wrong-state');
			const wrongFailure =
				(await proveWrongStates(step, ctx, timeoutSeconds)) ?? (await runCommands(step.setup ?? [], 'setup', ctx, timeoutSeconds));
			if (wrongFailure) return { failure: wrongFailure, notes, message: '' };
		}
	}

	if (options.engine === 'podman' && step.podman) notes.push('Ran its Podman solution (podman.solution).');
	options.onPhase?.('solution');
	const solutionFailure = await runCommands(solutionFor(step, options.engine), 'solution', ctx, timeoutSeconds);
	if (solutionFailure) return { failure: solutionFailure, notes, message: '' };

	options.onPhase?.('after-solution');
	const after = await checksSettle(step, ctx, options);
	if (after.status !== 'passed')
		return { failure: checksFailure('after-solution', 'The checks do not pass after the solution', after), notes, message: '' };
	return { notes, message: provenMessage(step, isInput) };
}

/**
 * Re-checks the steps proven so far (all at once, a shared check once) and returns those whose
 * checks no longer pass: a later step's solution undid them. Not a failure: learners keep such a
 * step done through saved progress; the author sees which steps rely on that.
 */
async function undoneSince(steps: readonly Step[], ctx: CheckContext): Promise<Array<{ step: Step; why: string }>> {
	const run = createSharedCheckRunner();
	const outcomes = await Promise.all(steps.map(async (step) => ({ step, outcome: await runChecks(step.check ?? [], ctx, run) })));
	return outcomes.filter(({ outcome }) => outcome.status === 'failed').map(({ step, outcome }) => ({ step, why: failedMessage(outcome) }));
}

function describePlan(plan: CleanupPlan): string[] {
	return [
		...plan.containers.map((container) => `container ${container.name || container.id} (${container.image})`),
		...plan.images.map((image) => `image ${image}`),
	];
}

/**
 * Containers that hold a service's name or a listed container name but are not the lab's: the lab's
 * steps would collide with them. A listed container the learner started by hand counts too: `test`
 * did not make it, so it never removes it.
 */
async function foreignServiceContainers(prepared: TestablePreparedLab, env: Record<string, string | undefined>): Promise<string[]> {
	const found: string[] = [];
	if (!usesDocker(prepared.lab)) return found;
	const names = new Set(labContainerSpecs(prepared.lab, prepared.vars).containers.map((listed) => listed.name));
	for (const id of Object.keys(prepared.lab.services ?? {})) {
		const { service } = resolveService(prepared.lab, id, prepared.vars);
		if (service) names.add(service.name);
	}
	for (const name of names) {
		const existing = await inspectContainer(name, { env });
		if (existing.container && existing.container.Config?.Labels?.[LAB_LABEL] !== prepared.lab.id) found.push(name);
	}
	return found;
}

/**
 * Removes what the lab made (labelled containers and the listed ones running their image, with
 * their anonymous volumes; its exact images); says what was there. Before the run, `labelledOnly`:
 * an unlabelled container there was not made by this test, so it is left for the preflight to name.
 */
async function sweep(
	prepared: TestablePreparedLab,
	env: Record<string, string | undefined>,
	labelledOnly = false,
): Promise<{ leftovers: string[]; problems: string[] }> {
	if (!usesDocker(prepared.lab)) return { leftovers: [], problems: [] };
	const found = await planCleanup(prepared.lab, prepared.vars, { env });
	const plan = labelledOnly ? { ...found, containers: found.containers.filter((container) => container.isLabelled) } : found;
	const leftovers = describePlan(plan);
	const removed = leftovers.length > 0 ? await runCleanup(plan, { env }) : { failed: [] };
	return {
		leftovers,
		problems: [
			...plan.problems,
			...removed.failed.map((failure) => `could not remove ${failure.kind} ${failure.target}: ${failure.message}`),
		],
	};
}

export async function testLab(prepared: TestablePreparedLab, options: TestLabOptions = {}): Promise<LabTestResult> {
	const { lab } = prepared;
	const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
	const env = options.env ?? prepared.checkContext().env;
	const steps: StepTestOutcome[] = [];
	const record = (outcome: StepTestOutcome) => {
		steps.push(outcome);
		options.onStep?.(outcome);
	};

	for (let iteration = 1; iteration <= repeat; iteration++) {
		const base = (step: Pick<Step, 'id' | 'title'>) => ({
			id: step.id,
			title: step.title,
			iteration,
			notes: [] as string[],
			outputTail: '',
			durationMs: 0,
		});

		// Start from a clean machine: what an earlier run left would make checks pass too early.
		const before = await sweep(prepared, env, true);
		if (before.leftovers.length > 0) options.onNote?.(`Removed what an earlier run left: ${before.leftovers.join(', ')}.`);
		const blocking = await foreignServiceContainers(prepared, env);
		if (blocking.length > 0 || before.problems.length > 0) {
			const message = [
				...blocking.map(
					(name) =>
						`A container named ${name} exists that this lab did not start, and the lab's steps need that name. Remove it (docker rm -f ${name}) and run the test again.`,
				),
				...before.problems,
			].join(' ');
			record({ ...base({ id: 'preflight', title: 'Prepare a clean machine' }), status: 'failed', phase: 'preflight', message });
			break;
		}

		// Task steps proven so far whose checks still pass: a later solution may undo them.
		let holding: Step[] = [];
		for (const step of testOrder(lab)) {
			const started = performance.now();
			const took = () => Math.round(performance.now() - started);
			if (options.signal?.aborted) {
				record({ ...base(step), status: 'skipped', message: 'Not run: the test was canceled.' });
				continue;
			}
			if (step.online && options.skipOnline) {
				record({ ...base(step), status: 'skipped', message: 'An online step, skipped with --skip-online.' });
				continue;
			}
			if (step.question) {
				const proof = proveQuestion(interpolateQuestion(step.question, prepared.vars));
				record({
					...base(step),
					status: proof.ok ? 'passed' : 'failed',
					...(proof.ok ? {} : { phase: 'question' as const }),
					message: proof.ok ? 'Its right answers are judged right and a wrong one wrong.' : proof.problems.join(' '),
					notes: proof.notes,
					durationMs: took(),
				});
				continue;
			}
			if ((step.check ?? []).length === 0) {
				record({ ...base(step), status: 'skipped', message: 'This step has no checks to prove.' });
				continue;
			}
			const tested = await testTaskStep(step, prepared.checkContext(options.signal), options);
			if (step.cleanup && !tested.failure) {
				const left = await sweep(prepared, env);
				if (left.leftovers.length > 0 || left.problems.length > 0) {
					tested.failure = {
						phase: 'leftovers',
						message: `The cleanup left things behind: ${[...left.leftovers, ...left.problems].join(', ')}.`,
						outputTail: '',
					};
				} else if (usesDocker(lab))
					tested.notes.push(`Nothing labelled ${LAB_LABEL}=${lab.id} is left, and none of the lab's images exist.`);
			}
			// The lab as one sequence: after this step's solution, do the earlier steps still pass?
			// (Cleanup undoes them all on purpose, so it is not asked.)
			if (!tested.failure && !step.cleanup && !options.signal?.aborted) {
				const undone = await undoneSince(holding, prepared.checkContext(options.signal));
				for (const { step: earlier, why } of undone) {
					tested.notes.push(
						`After this step's setup and solution, the checks of ${earlier.id} no longer pass (${why}). Learners keep ${earlier.id} done through their saved progress; a step that needs it says what to redo.`,
					);
				}
				holding = holding.filter((earlier) => !undone.some((gone) => gone.step === earlier));
				if (!isInputStep(step)) holding.push(step);
			}
			record({
				...base(step),
				status: tested.failure ? 'failed' : 'passed',
				...(tested.failure ? { phase: tested.failure.phase, outputTail: tested.failure.outputTail } : {}),
				...(tested.failure?.letThrough ? { letThrough: tested.failure.letThrough } : {}),
				message: tested.failure?.message ?? tested.message,
				notes: tested.notes,
				durationMs: took(),
			});
		}

		// Whatever happened, leave the machine as it was. A lab without a cleanup step is proven here.
		const hasCleanupStep = lab.steps.some((step) => step.cleanup);
		const after = await sweep(prepared, env);
		if (!hasCleanupStep && usesDocker(lab)) {
			const clean = after.leftovers.length === 0;
			record({
				...base({ id: 'leftovers', title: 'Nothing left behind' }),
				status: clean ? 'passed' : 'failed',
				...(clean ? {} : { phase: 'leftovers' as const }),
				message: clean
					? `Nothing labelled ${LAB_LABEL}=${lab.id} is left, and none of the lab's images exist.`
					: `The lab has no cleanup step, and these were left behind: ${after.leftovers.join(', ')}.`,
			});
		}
		if (options.signal?.aborted) break;
	}

	const passed = steps.every((step) => step.status !== 'failed') && !options.signal?.aborted;
	return { lab: lab.id, title: lab.title, iterations: repeat, steps, passed };
}

/** One step's proof, as `dev` runs it on a key: the same phases as `test`, for this step alone. */
export interface StepProof {
	status: StepTestStatus;
	/** The phase that failed. */
	phase?: TestPhase;
	message: string;
	notes: string[];
	outputTail: string;
}

/**
 * Proves one task step the way `test` does (setup, checks fail, solution, checks pass), calling
 * `options.onPhase` as each phase starts. A question or a step without checks has nothing to prove.
 */
export async function proveStep(step: Step, ctx: CheckContext, options: TestLabOptions = {}): Promise<StepProof> {
	if (step.question || (step.check ?? []).length === 0)
		return { status: 'skipped', message: 'This step has no checks to prove.', notes: [], outputTail: '' };
	const tested = await testTaskStep(step, ctx, options);
	if (!tested.failure) return { status: 'passed', message: tested.message, notes: tested.notes, outputTail: '' };
	const { phase, message, outputTail } = tested.failure;
	return { status: 'failed', phase, message, notes: tested.notes, outputTail };
}
