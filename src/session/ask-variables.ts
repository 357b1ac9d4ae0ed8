// Which variables the learner must type before the lab starts, and whether what they typed is valid.
import { showValue, whyNotValid } from '../lab/resolve-variables.js';
import type { Lab } from '../lab/schema.js';

export interface AskedVariable {
	name: string;
	/** The question, from the lab's `ask`. */
	ask: string;
	describe?: string;
	pattern?: string;
	patternHelp?: string;
}

/** Variables the lab asks for (`ask`) that have no value yet, in the order the lab declares them. */
export function missingVariables(lab: Lab, vars: Readonly<Record<string, string>>): AskedVariable[] {
	return Object.entries(lab.variables ?? {})
		.filter(([name, def]) => def.ask !== undefined && !vars[name])
		.map(([name, def]) => ({
			name,
			ask: def.ask ?? name,
			describe: def.describe,
			pattern: def.pattern,
			patternHelp: def.patternHelp,
		}));
}

/**
 * Why the value is not accepted, for the learner: what this value gets wrong (a space, an @,
 * uppercase, a leading dash...), the same words as for a refused --set; `undefined` when it is fine.
 */
export function variableError(variable: AskedVariable, value: string): string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return 'Please type a value, then press Enter.';
	const why = whyNotValid(variable, trimmed);
	if (why === undefined) return undefined;
	const sentence = `${showValue(trimmed)} is not valid: ${why}`;
	return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The variables worth saving with the learner's progress: declared ones that are not computed from
 * others (an `image` variable is derived again from its parts on every start).
 */
export function variablesToSave(lab: Lab, vars: Readonly<Record<string, string>>): Record<string, string> {
	const saved: Record<string, string> = {};
	for (const [name, def] of Object.entries(lab.variables ?? {})) {
		const value = vars[name];
		if (def.image === undefined && value !== undefined && value !== '') saved[name] = value;
	}
	return saved;
}
