// The values a lab's `{{name}}`s take: defaults, then what the learner gave (--set or the
// environment), checked against each variable's pattern; computed image references last, shown in
// the familiar form Docker prints.
import { parseNormalizedReference } from '../registry/reference.js';
import { explainMismatch, joinReasons } from './explain-value.js';
import { interpolate, variablesIn } from './interpolate.js';
import type { Lab, Variable } from './schema.js';

export interface ResolvedVariables {
	values: Record<string, string>;
	/** For the learner: a value that is not valid, and what a valid one looks like. */
	problems: string[];
	/** Variables with `ask` that have no value yet: the UI asks for them. */
	missing: string[];
}

export interface Builtins {
	/** Folder the lab's commands run in. */
	workspace: string;
}

type LabVariables = Pick<Lab, 'variables'>;

function matchesPattern(value: string, pattern: string): boolean {
	try {
		return new RegExp(`^(?:${pattern})$`).test(value);
	} catch {
		// An invalid pattern is the author's problem, reported by `validate`; it must not block the learner.
		return true;
	}
}

/**
 * The longest value a variable takes. A value becomes one argument of a command, and Linux refuses
 * an argument over 128 KiB; no Docker ID, host or tag comes near this, and a cap also keeps a lab's
 * pattern from being tried against megabytes of pasted text.
 */
export const maxVariableLength = 4096;

/** The value as a message shows it: quoted, escapes visible (no raw line breaks or terminal codes), long ones shortened. */
export function showValue(value: string): string {
	return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/**
 * Why a value is not valid for a variable, as a clause ("it contains a space; it has uppercase
 * letters (J)"), or undefined when it is valid. Names what this value gets wrong when that can be
 * told; otherwise the lab's help text says what a valid value looks like. The TUI's prompt and the
 * --set / environment values share it.
 */
export function whyNotValid(variable: Pick<Variable, 'pattern' | 'patternHelp'>, value: string): string | undefined {
	// Checked before the pattern, whatever it says: no program can take these as an argument.
	if (value.length > maxVariableLength) return `it is ${value.length} characters long; a value may have at most ${maxVariableLength}`;
	if (value.includes('\0')) return 'it contains a NUL character, which no command can take';
	if (variable.pattern === undefined || matchesPattern(value, variable.pattern)) return undefined;
	const reasons = explainMismatch(value, new RegExp(`^(?:${variable.pattern})$`));
	if (reasons.length > 0) return joinReasons(reasons);
	return variable.patternHelp ?? `it must match ${variable.pattern}`;
}

/** Why a value is not valid for a variable, or undefined when it is. */
export function variableValueProblem(name: string, variable: Variable, value: string): string | undefined {
	// Too long to be worth showing, even shortened.
	if (value.length > maxVariableLength) return `${name} is ${value.length} characters long; a value may have at most ${maxVariableLength}`;
	const why = whyNotValid(variable, value);
	return why === undefined ? undefined : `${name} ${showValue(value)} is not valid: ${why}`;
}

export function resolveVariables(lab: LabVariables, given: Readonly<Record<string, string>>, builtins: Builtins): ResolvedVariables {
	const definitions = lab.variables ?? {};
	const values: Record<string, string> = { workspace: builtins.workspace };
	const problems: string[] = [];
	const missing: string[] = [];

	for (const [name, variable] of Object.entries(definitions)) {
		if (variable.image !== undefined) continue;
		// An empty --set value counts as none, so the learner is asked rather than left with "".
		const value = given[name] || variable.default;
		if (value === undefined || value === '') {
			if (variable.ask !== undefined) missing.push(name);
			else problems.push(`${name} has no value: give it with --set ${name}=VALUE`);
			continue;
		}
		const problem = variableValueProblem(name, variable, value);
		if (problem) problems.push(problem);
		else values[name] = value;
	}

	const computing = new Set<string>();
	const compute = (name: string): string | undefined => {
		if (Object.hasOwn(values, name)) return values[name];
		const template = definitions[name]?.image;
		if (template === undefined || computing.has(name)) return undefined;
		if (given[name]) problems.push(`${name} is computed from "${template}" and cannot be set; set the variables it uses instead`);
		computing.add(name);
		const uses = variablesIn(template);
		const ready = uses.every((used) => compute(used) !== undefined);
		computing.delete(name);
		// A missing or invalid variable it uses is reported on its own; this one waits for it.
		if (!ready) return undefined;
		const reference = interpolate(template, values);
		try {
			values[name] = parseNormalizedReference(reference).familiar();
			return values[name];
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			problems.push(`${name} "${reference}" is not a valid image reference: ${reason}`);
			return undefined;
		}
	};
	for (const [name, variable] of Object.entries(definitions)) if (variable.image !== undefined) compute(name);

	return { values, problems, missing };
}

function snakeCase(name: string): string {
	return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** Environment names for a variable: dockerId -> REGISTRY_LAB_DOCKERID and REGISTRY_LAB_DOCKER_ID. */
export function environmentNamesFor(name: string): string[] {
	return [...new Set([`REGISTRY_LAB_${name.toUpperCase()}`, `REGISTRY_LAB_${snakeCase(name).toUpperCase()}`])];
}

/** Values for the lab's declared variables from REGISTRY_LAB_<NAME> environment variables. */
export function variablesFromEnv(lab: LabVariables, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const name of Object.keys(lab.variables ?? {})) {
		const value = environmentNamesFor(name)
			.map((envName) => env[envName])
			.find((candidate) => candidate !== undefined && candidate !== '');
		if (value !== undefined) values[name] = value;
	}
	return values;
}

export interface SetFlags {
	values: Record<string, string>;
	problems: string[];
}

/** Parses `--set name=value` flags; with a lab, names it does not declare are problems. */
export function parseSetFlags(flags: readonly string[], lab?: LabVariables): SetFlags {
	const values: Record<string, string> = {};
	const problems: string[] = [];
	const declared = lab ? Object.keys(lab.variables ?? {}) : undefined;
	for (const flag of flags) {
		const equals = flag.indexOf('=');
		if (equals <= 0) {
			problems.push(`--set ${flag}: write it as NAME=VALUE, e.g. --set dockerId=learner1`);
			continue;
		}
		const name = flag.slice(0, equals).trim();
		const value = flag.slice(equals + 1);
		if (declared && !declared.includes(name)) {
			const known = declared.length > 0 ? `; it declares: ${declared.join(', ')}` : '; it declares none';
			problems.push(`--set ${name}: this lab has no variable "${name}"${known}`);
			continue;
		}
		values[name] = value;
	}
	return { values, problems };
}
