// `registry-lab test` results: live lines as steps finish, and the whole run as text, JSON or JUnit
// XML (one testcase per step, its failure naming the phase that failed, with the output's tail).
import type { LabTestResult, StepTestOutcome } from '../runtime/test-lab.js';
import { escapeXml } from './validate-report.js';

export type TestReporter = 'text' | 'json' | 'junit';
export const testReporters: readonly TestReporter[] = ['text', 'json', 'junit'];

const marks: Record<StepTestOutcome['status'], string> = { passed: '✓', failed: '✗', skipped: '-' };

const phaseNames: Record<NonNullable<StepTestOutcome['phase']>, string> = {
	preflight: 'before the run',
	question: 'judging the answers',
	setup: 'setup',
	'before-solution': 'checks before the solution',
	'wrong-state': 'a wrong state (wrong:)',
	solution: 'solution',
	'after-solution': 'checks after the solution',
	leftovers: 'nothing left behind',
	canceled: 'canceled',
};

/** "the checks before the solution", for a phase. Pure. */
export function phaseName(phase: NonNullable<StepTestOutcome['phase']>): string {
	return phaseNames[phase];
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(1);
}

function indent(text: string, prefix: string): string {
	return text
		.split('\n')
		.map((line) => `${prefix}${line}`)
		.join('\n');
}

/** One line (plus the reason, for a failure) as a step finishes; `idWidth` lines the titles up. */
export function formatTestProgress(outcome: StepTestOutcome, iterations = 1, idWidth = 0): string {
	const run = iterations > 1 ? `[${outcome.iteration}/${iterations}] ` : '';
	const head = `${marks[outcome.status]} ${run}${outcome.id.padEnd(idWidth)}  ${outcome.title}${outcome.durationMs > 0 ? ` (${seconds(outcome.durationMs)} s)` : ''}`;
	if (outcome.status === 'failed')
		return `${head}\n${indent(`failed in ${phaseName(outcome.phase ?? 'solution')}: ${outcome.message}`, '    ')}\n`;
	if (outcome.status === 'skipped') return `${head}\n    ${outcome.message}\n`;
	// Worth an author's eye, not failures: an input step, a later step that undid this one's work.
	return `${head}\n${outcome.notes.map((note) => `${indent(`note: ${note}`, '    ')}\n`).join('')}`;
}

function counts(result: LabTestResult) {
	return {
		passed: result.steps.filter((step) => step.status === 'passed').length,
		failed: result.steps.filter((step) => step.status === 'failed').length,
		skipped: result.steps.filter((step) => step.status === 'skipped').length,
	};
}

/** The end of a text run: the failures again with their output, then the totals. */
export function formatTestSummary(result: LabTestResult): string {
	const { passed, failed, skipped } = counts(result);
	const lines: string[] = [];
	for (const step of result.steps.filter((candidate) => candidate.status === 'failed')) {
		lines.push('', `${step.id} failed in ${phaseName(step.phase ?? 'solution')}:`, indent(step.message, '  '));
		if (step.outputTail.trim() !== '') lines.push('  output:', indent(step.outputTail.trimEnd(), '    '));
	}
	const runs = result.iterations > 1 ? ` in ${result.iterations} runs` : '';
	lines.push(
		'',
		`${result.passed ? 'The lab holds' : 'The lab does not hold'}: ${passed} passed, ${failed} failed, ${skipped} skipped${runs}.`,
	);
	return `${lines.join('\n')}\n`;
}

export function formatTestJson(result: LabTestResult, notes: readonly string[] = []): string {
	const report = {
		lab: result.lab,
		title: result.title,
		passed: result.passed,
		iterations: result.iterations,
		counts: counts(result),
		notes,
		steps: result.steps.map((step) => ({
			id: step.id,
			title: step.title,
			iteration: step.iteration,
			status: step.status,
			phase: step.phase ?? null,
			message: step.message,
			notes: step.notes,
			outputTail: step.outputTail,
			// The near misses that got through, for tools: each state's name and the checks that passed in it.
			...(step.letThrough ? { letThrough: step.letThrough } : {}),
			durationMs: step.durationMs,
		})),
	};
	return `${JSON.stringify(report, null, 2)}\n`;
}

function testcase(step: StepTestOutcome, classname: string): string {
	const open = `    <testcase name="${escapeXml(step.id)}" classname="${escapeXml(classname)}" time="${seconds(step.durationMs)}"`;
	const out = [step.message, ...step.notes].filter(Boolean).join('\n');
	const systemOut = out ? [`      <system-out>${escapeXml(out)}</system-out>`] : [];
	if (step.status === 'failed') {
		const phase = phaseName(step.phase ?? 'solution');
		const body = [step.message, step.outputTail.trim() ? `\noutput:\n${step.outputTail.trimEnd()}` : ''].join('');
		return [
			`${open}>`,
			`      <failure message="${escapeXml(`${phase}: ${step.message}`)}" type="${escapeXml(step.phase ?? 'failed')}">${escapeXml(body)}</failure>`,
			...systemOut,
			'    </testcase>',
		].join('\n');
	}
	if (step.status === 'skipped') return [`${open}>`, `      <skipped message="${escapeXml(step.message)}"/>`, '    </testcase>'].join('\n');
	return systemOut.length > 0 ? [`${open}>`, ...systemOut, '    </testcase>'].join('\n') : `${open}/>`;
}

export function formatTestJunit(result: LabTestResult, notes: readonly string[] = []): string {
	const suites: string[] = [];
	for (let iteration = 1; iteration <= result.iterations; iteration++) {
		const steps = result.steps.filter((step) => step.iteration === iteration);
		if (steps.length === 0) continue;
		const name = result.iterations > 1 ? `${result.lab} (run ${iteration} of ${result.iterations})` : result.lab;
		const failures = steps.filter((step) => step.status === 'failed').length;
		const skipped = steps.filter((step) => step.status === 'skipped').length;
		const time = seconds(steps.reduce((sum, step) => sum + step.durationMs, 0));
		const properties = notes.length > 0 ? ['    <system-out>', escapeXml(notes.join('\n')), '    </system-out>'] : [];
		suites.push(
			[
				`  <testsuite name="${escapeXml(name)}" tests="${steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
				...steps.map((step) => testcase(step, `registry-lab.${result.lab}`)),
				...(iteration === 1 ? properties : []),
				'  </testsuite>',
			].join('\n'),
		);
	}
	const { failed, skipped } = counts(result);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="registry-lab test" tests="${result.steps.length}" failures="${failed}" errors="0" skipped="${skipped}">`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
}
