// `registry-lab check` results: a list a person reads in the terminal, or JSON for scripts
// (`{ lab, steps: [ { id, status, message, durationMs } ] }`).
import type { CheckLabResult, StepCheckOutcome } from '../runtime/check-lab.js';

const marks: Record<StepCheckOutcome['status'], string> = { passed: '✓', failed: '✗', skipped: '-' };

export function formatCheckJson(result: CheckLabResult): string {
	const report = {
		lab: result.lab,
		steps: result.steps.map((step) => ({ id: step.id, status: step.status, message: step.message, durationMs: step.durationMs })),
	};
	return `${JSON.stringify(report, null, 2)}\n`;
}

/** Indents every line of a message under its step. */
function indent(text: string, prefix: string): string {
	return text
		.split('\n')
		.map((line) => `${prefix}${line}`)
		.join('\n');
}

export function formatCheckText(result: CheckLabResult, title?: string): string {
	const width = Math.max(...result.steps.map((step) => step.id.length));
	const lines = [title ? `${title} (${result.lab})` : result.lab];
	for (const step of result.steps) {
		lines.push(`  ${marks[step.status]} ${step.id.padEnd(width)}  ${step.title}`);
		if (step.status !== 'passed' && step.message) lines.push(indent(step.message, '      '));
	}
	const passed = result.steps.filter((step) => step.status === 'passed').length;
	const skipped = result.steps.filter((step) => step.status === 'skipped').length;
	const total = result.steps.length;
	lines.push(`${passed} of ${total} ${total === 1 ? 'step' : 'steps'} done${skipped > 0 ? ` (${skipped} skipped)` : ''}.`);
	return `${lines.join('\n')}\n`;
}
