// One entry point for every kind of check. Never throws: whatever happens becomes a CheckResult.
// When a check fails, the lab's `fail` text is what the learner reads; the plain explanation
// moves to `detail`. Timeouts, cancels and missing programs keep their own message, because a
// lab's "build the image first" would mislead when Docker is not even installed.
import { interpolate } from '../lab/interpolate.js';
import { checkKindOf } from '../lab/check-kind.js';
import type { Check, HttpCheck, PushedCheck, RunCheck, TagsCheck, VariableCheck } from '../lab/schema.js';
import { evaluateRunExpect } from './expectations.js';
import { runHttpCheck } from './http-check.js';
import { runPushedCheck, runTagsCheck } from './registry-checks.js';
import { defaultTimeoutMs, runCommand } from '../process/run-command.js';
import type { CheckContext, CheckResult, CheckStatus } from './types.js';

/** What a check is about, for lists and reports: the command, "GET http://…", "tags of …". */
export function checkSubject(check: Check, vars: Readonly<Record<string, string>>): string {
	switch (checkKindOf(check)) {
		case 'run':
			return interpolate((check as RunCheck).run, vars);
		case 'http':
			return `${(check as HttpCheck).method ?? 'GET'} ${interpolate((check as HttpCheck).http, vars)}`;
		case 'tags':
			return `tags of ${interpolate((check as TagsCheck).tags, vars)}`;
		case 'pushed':
			return `${interpolate((check as PushedCheck).pushed, vars)} pushed`;
		case 'variable':
			return `variable ${(check as VariableCheck).variable}`;
		default:
			return 'unknown check';
	}
}

async function runRunCheck(check: RunCheck, ctx: CheckContext): Promise<CheckResult> {
	const timeoutSeconds = check.timeout ?? ctx.defaultTimeoutSeconds;
	const result = await runCommand(check.run, {
		vars: ctx.vars,
		shell: check.shell,
		cwd: ctx.cwd,
		env: ctx.env,
		signal: ctx.signal,
		timeoutMs: timeoutSeconds === undefined ? defaultTimeoutMs : timeoutSeconds * 1000,
	});
	const common = {
		subject: result.command,
		outputTail: result.outputTail,
		durationMs: result.durationMs,
		...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
	};
	if (result.status === 'timed-out' || result.status === 'canceled' || result.status === 'spawn-error') {
		return { ...common, status: result.status, message: result.message, detail: '' };
	}
	const verdict = evaluateRunExpect(check.expect, result, ctx.vars);
	if (verdict.passed) return { ...common, status: 'passed', message: '', detail: '' };
	const detail = verdict.failures.join('; ');
	return { ...common, status: 'failed', message: `\`${result.command}\`: ${detail}`, detail };
}

function runVariableCheck(check: VariableCheck, ctx: CheckContext): CheckResult {
	const name = check.variable;
	const value = ctx.vars[name] ?? '';
	const definition = ctx.variableDefs?.[name];
	const result = (status: CheckStatus, message = '', detail = ''): CheckResult => ({
		status,
		message,
		detail,
		subject: `variable ${name}`,
		outputTail: '',
		durationMs: 0,
	});
	if (value === '') return result('failed', `${name} has no value yet`, `expected ${name} to have a value, got nothing`);
	if (definition?.pattern === undefined) return result('passed');
	let pattern: RegExp;
	try {
		pattern = new RegExp(`^(?:${definition.pattern})$`);
	} catch (error) {
		return result('failed', `the pattern for ${name} in this lab is not a valid regular expression (${(error as Error).message})`);
	}
	if (pattern.test(value)) return result('passed');
	const help = definition.patternHelp ? `: ${definition.patternHelp}` : '';
	return result(
		'failed',
		`${JSON.stringify(value)} is not a valid value for ${name}${help}`,
		`expected ${name} to match /${definition.pattern}/, got ${JSON.stringify(value)}`,
	);
}

async function dispatch(check: Check, ctx: CheckContext): Promise<CheckResult> {
	switch (checkKindOf(check)) {
		case 'run':
			return runRunCheck(check as RunCheck, ctx);
		case 'http':
			return runHttpCheck(check as HttpCheck, ctx);
		case 'tags':
			return runTagsCheck(check as TagsCheck, ctx);
		case 'pushed':
			return runPushedCheck(check as PushedCheck, ctx);
		case 'variable':
			return runVariableCheck(check as VariableCheck, ctx);
		default:
			return {
				status: 'failed',
				message: 'This check is of an unknown kind (expected run, http, tags, pushed or variable).',
				detail: '',
				subject: 'unknown check',
				outputTail: '',
				durationMs: 0,
			};
	}
}

/** Runs one check of any kind. */
export async function runCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
	if (ctx.signal?.aborted) {
		return {
			status: 'canceled',
			message: 'The check was canceled.',
			detail: '',
			subject: checkSubject(check, ctx.vars),
			outputTail: '',
			durationMs: 0,
		};
	}
	let result: CheckResult;
	try {
		result = await dispatch(check, ctx);
	} catch (error) {
		// A bug or an unforeseen error must not take the lab down; say it plainly.
		const why = error instanceof Error ? error.message : String(error);
		result = {
			status: 'failed',
			message: `This check could not run: ${why}`,
			detail: '',
			subject: checkSubject(check, ctx.vars),
			outputTail: '',
			durationMs: 0,
		};
	}
	if (result.status === 'failed' && check.fail !== undefined) {
		const fail = interpolate(check.fail, ctx.vars);
		return { ...result, message: fail, detail: result.detail || result.message };
	}
	return result;
}

/**
 * A `runCheck` for one round over many steps (a whole-lab check): a check that several steps share
 * (only the words on failure differ) runs once, and each step still gets its own words. The round
 * sees the machine as it was once, rather than running `docker logs` three times.
 */
export function createSharedCheckRunner(): (check: Check, ctx: CheckContext) => Promise<CheckResult> {
	const runs = new Map<string, Promise<CheckResult>>();
	return (check, ctx) => {
		const { fail, ...judged } = check as Check & { fail?: string };
		const key = JSON.stringify(judged);
		let run = runs.get(key);
		if (!run) {
			run = runCheck(judged as Check, ctx);
			runs.set(key, run);
		}
		return run.then((result) =>
			fail !== undefined && result.status === 'failed'
				? { ...result, message: interpolate(fail, ctx.vars), detail: result.detail || result.message }
				: result,
		);
	};
}

export interface ChecksOutcome {
	/** `passed` when every check passed (or there are none); else the status of the first that did not. */
	status: CheckStatus;
	/** One result per check that ran; checks after the first that did not pass do not run. */
	results: CheckResult[];
}

/** Runs a step's checks in order and stops at the first that does not pass. */
export async function runChecks(
	checks: readonly Check[],
	ctx: CheckContext,
	run: (check: Check, ctx: CheckContext) => Promise<CheckResult> = runCheck,
): Promise<ChecksOutcome> {
	const results: CheckResult[] = [];
	for (const check of checks) {
		const result = await run(check, ctx);
		results.push(result);
		if (result.status !== 'passed') return { status: result.status, results };
	}
	return { status: 'passed', results };
}
