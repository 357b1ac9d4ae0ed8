// `registry-lab check` results: a list a person reads in the terminal, or JSON for scripts. Each
// step is done for good (saved progress, or passing now) or not; what the machine shows now is
// said beside it, so a step undone by a later step (pull-back, cleanup) reads as done, not failed.
import type { CheckLabResult, StepCheckOutcome } from '../runtime/check-lab.js';

/** A mark for each step: done, not done, or skipped (its earlier steps are not done). */
function markOf(step: StepCheckOutcome): string {
	if (step.done) return '✓';
	return step.status === 'skipped' ? '-' : '✗';
}

export function formatCheckJson(result: CheckLabResult, doneAt: (stepId: string) => string | undefined = () => undefined): string {
	const report = {
		lab: result.lab,
		done: result.steps.filter((step) => step.done).length,
		total: result.steps.length,
		steps: result.steps.map((step) => {
			const at = step.done ? doneAt(step.id) : undefined;
			return {
				id: step.id,
				done: step.done,
				...(at ? { doneAt: at } : {}),
				status: step.status,
				message: step.message,
				durationMs: step.durationMs,
			};
		}),
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
	let gone = 0;
	for (const step of result.steps) {
		lines.push(`  ${markOf(step)} ${step.id.padEnd(width)}  ${step.title}`);
		if (step.done && step.status !== 'passed') {
			gone++;
			// Not a failure: a later step (or cleanup) may have removed it on purpose.
			const now = step.status === 'failed' && step.message ? `: ${step.message}` : '.';
			lines.push(indent(`Done before; this machine does not show it now${now}`, '      '));
		} else if (!step.done && step.message) lines.push(indent(step.message, '      '));
	}
	const done = result.steps.filter((step) => step.done).length;
	const skipped = result.steps.filter((step) => !step.done && step.status === 'skipped').length;
	const total = result.steps.length;
	const notes = [skipped > 0 ? `${skipped} skipped` : '', gone > 0 ? `${gone} done before but not on this machine now` : ''].filter(
		Boolean,
	);
	lines.push(`${done} of ${total} ${total === 1 ? 'step' : 'steps'} done${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`);
	return `${lines.join('\n')}\n`;
}
