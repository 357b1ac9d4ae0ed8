// Which variables the learner must type before the lab starts, and whether what they typed is valid.
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

/** Why the value is not accepted, for the learner; `undefined` when it is fine. */
export function variableError(variable: AskedVariable, value: string): string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return 'Please type a value, then press Enter.';
	if (variable.pattern === undefined) return undefined;
	let pattern: RegExp;
	try {
		pattern = new RegExp(`^(?:${variable.pattern})$`);
	} catch {
		// A broken pattern is the lab author's mistake (the linter reports it); do not block the learner.
		return undefined;
	}
	if (pattern.test(trimmed)) return undefined;
	return variable.patternHelp ?? `“${trimmed}” does not look right: it must match ${variable.pattern}.`;
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
