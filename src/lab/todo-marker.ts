// `TODO` as a field's whole value marks what a draft lab (from `registry-lab import`) leaves for its
// author to write. The schema refuses it like any wrong value; this says what to write instead, so
// `validate` lists each one at its line as a to-do rather than as a type error.
import type { LabPath } from './lint-lab.js';

/** The placeholder a draft writes where only the author can say what belongs. */
export const todoMarker = 'TODO';

const advice: Record<string, string> = {
	check:
		'write the checks that pass once the learner has done this step, e.g. `- run: docker image inspect NAME` or `- http: http://localhost:5000/v2/` (see "Checks" under "Writing a lab" in the README)',
	kind: 'choose how answers are judged: reference, command, text or choice',
	accept: 'list the right answers, e.g. `accept: [docker.io/library/alpine:latest]`',
	question: 'write the question: `ask`, `kind` and `accept`',
};

/** What validate says about a field left as `TODO`, at that field. */
export function todoMessage(at: LabPath, owner: string): string {
	const field = String(at[at.length - 1] ?? 'this field');
	const what = advice[field] ?? 'write it: the draft could not';
	return `${owner}: \`${field}\` is still TODO: ${what}`;
}
