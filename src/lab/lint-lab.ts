// What the schema cannot say: the checks that need the whole lab (ids, variables, `needs`, files).
// It reads the parsed YAML defensively, so it also runs on a lab the schema rejected and an author
// sees every problem of the file in one go. Findings carry a path; the loader turns it into line:column.
import path from 'node:path';
import { commandProblem } from './split-command.js';
import { parseDockerRef } from '../registry/reference.js';
import { variableUsesIn } from './interpolate.js';
import { isPlainCommand } from './plain-command.js';
import { checkKindOf } from './check-kind.js';

export type LabPath = (string | number)[];

export interface LintFinding {
	path: LabPath;
	message: string;
	/** Point at the key of the last path segment instead of its value. */
	at?: 'key' | 'value';
	/** Point inside the value, at this occurrence of this text (e.g. one `{{name}}` in a prompt). */
	find?: { text: string; occurrence: number };
}

export interface LintContext {
	/** Name of the folder the lab.yaml is in; the lab's id must equal it. */
	dirName?: string;
	/** Whether a path relative to the lab folder exists. */
	fileExists: (relativePath: string) => boolean;
}

/** Variables every lab may use without declaring them. */
export const builtinVariables = ['workspace'] as const;

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Loose {
	return isRecord(value) ? value : {};
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

export function lintLab(data: unknown, context: LintContext): LintFinding[] {
	if (!isRecord(data)) return [];
	const steps = asArray(data.steps);
	return [
		...lintLabId(data, context),
		...lintStepIds(steps),
		...lintVariableUses(data),
		...lintVariables(asRecord(data.variables)),
		...lintNeeds(steps),
		...steps.flatMap((step, index) => lintStep(step, index, asRecord(data.variables))),
		...lintCleanup(steps),
		...lintFiles(data.files, context),
		...lintServices(asRecord(data.services)),
		...lintContainers(data.containers),
		...lintPulls(data.pulls),
	];
}

function lintLabId(data: Loose, context: LintContext): LintFinding[] {
	const id = asString(data.id);
	if (id === undefined || context.dirName === undefined || id === context.dirName) return [];
	return [
		{
			path: ['id'],
			message: `lab id \`${id}\` does not match its folder name \`${context.dirName}\`: rename one of them so \`registry-lab ${id}\` finds this lab`,
		},
	];
}

function stepLabel(step: unknown, index: number): string {
	const id = asString(asRecord(step).id);
	return id === undefined ? `step ${index + 1}` : `step \`${id}\``;
}

function lintStepIds(steps: unknown[]): LintFinding[] {
	const firstIndex = new Map<string, number>();
	const findings: LintFinding[] = [];
	steps.forEach((step, index) => {
		const id = asString(asRecord(step).id);
		if (id === undefined) return;
		const first = firstIndex.get(id);
		if (first === undefined) firstIndex.set(id, index);
		else
			findings.push({
				path: ['steps', index, 'id'],
				message: `duplicate step id \`${id}\`: step ${first + 1} already uses it; step ids must be unique`,
			});
	});
	return findings;
}

/**
 * Calls `visit` with every string in the lab and its path; object keys are names, not text, so
 * they are skipped. One path array is reused for the whole walk: copy it to keep it.
 */
function forEachString(value: unknown, at: LabPath, visit: (text: string, at: LabPath) => void): void {
	if (typeof value === 'string') visit(value, at);
	else if (Array.isArray(value))
		for (let index = 0; index < value.length; index++) {
			at.push(index);
			forEachString(value[index], at, visit);
			at.pop();
		}
	else if (isRecord(value))
		for (const [key, item] of Object.entries(value)) {
			at.push(key);
			forEachString(item, at, visit);
			at.pop();
		}
}

function isRegexPath(at: LabPath): boolean {
	// A variable's `pattern` is a regular expression, where `{{` is not a template.
	return at.length === 3 && at[0] === 'variables' && at[2] === 'pattern';
}

function lintVariableUses(data: Loose): LintFinding[] {
	const declared = [...Object.keys(asRecord(data.variables)), ...builtinVariables];
	const findings: LintFinding[] = [];
	forEachString(data, [], (text, at) => {
		// Most strings use no variable; that is quicker to see than to look for every `{{name}}`.
		if (!text.includes('{{') || isRegexPath(at)) return;
		const seen = new Map<string, number>();
		for (const use of variableUsesIn(text)) {
			const occurrence = seen.get(use.raw) ?? 0;
			seen.set(use.raw, occurrence + 1);
			if (declared.includes(use.name)) continue;
			const suggestion = closest(use.name, declared);
			const advice = suggestion
				? ` (did you mean \`${suggestion}\`?)`
				: `: declare it under \`variables:\` (declared: ${declared.join(', ')})`;
			findings.push({ path: [...at], find: { text: use.raw, occurrence }, message: `undeclared variable \`${use.name}\`${advice}` });
		}
	});
	return findings;
}

/** Why a regular expression does not compile, with the flags and anchoring the runtime uses. */
function regexError(source: string, flags: string, isWhole = false): string | undefined {
	try {
		new RegExp(isWhole ? `^(?:${source})$` : source, flags);
		return undefined;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// "Invalid regular expression: /^(?:[a-z)$/: Unterminated character class" -> the reason.
		return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
	}
}

function lintVariables(variables: Loose): LintFinding[] {
	const findings: LintFinding[] = [];
	for (const [name, raw] of Object.entries(variables)) {
		const variable = asRecord(raw);
		const pattern = asString(variable.pattern);
		if (pattern !== undefined) {
			const problem = regexError(pattern, '', true);
			if (problem)
				findings.push({
					path: ['variables', name, 'pattern'],
					message: `\`pattern\` of variable \`${name}\` is not a valid regular expression: ${problem}`,
				});
			else {
				const fallback = asString(variable.default);
				if (fallback !== undefined && !new RegExp(`^(?:${pattern})$`).test(fallback))
					findings.push({
						path: ['variables', name, 'default'],
						message: `default "${fallback}" of variable \`${name}\` does not match its own \`pattern\``,
					});
			}
		}
		const image = asString(variable.image);
		if (image !== undefined && variableUsesIn(image).some((use) => use.name === name))
			findings.push({
				path: ['variables', name, 'image'],
				message: `variable \`${name}\` is computed from itself; its \`image\` template must use other variables`,
			});
		if (image !== undefined && (variable.default !== undefined || variable.ask !== undefined))
			findings.push({
				path: ['variables', name, 'image'],
				at: 'key',
				message: `variable \`${name}\` has an \`image\` template, so it is computed: remove its \`${variable.default !== undefined ? 'default' : 'ask'}\``,
			});
	}
	return findings;
}

function lintNeeds(steps: unknown[]): LintFinding[] {
	const ids = steps.map((step) => asString(asRecord(step).id));
	const known = ids.filter((id): id is string => id !== undefined);
	const findings: LintFinding[] = [];
	const edges = new Map<string, { to: string; index: number; stepIndex: number }[]>();
	steps.forEach((step, stepIndex) => {
		const id = ids[stepIndex];
		asArray(asRecord(step).needs).forEach((need, index) => {
			if (typeof need !== 'string') return;
			if (!known.includes(need)) {
				const suggestion = closest(need, known);
				findings.push({
					path: ['steps', stepIndex, 'needs', index],
					message: `\`needs\` names no step \`${need}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
				});
				return;
			}
			// The first step with an id owns it; a duplicate id is reported on its own.
			if (id !== undefined && ids.indexOf(id) === stepIndex) {
				const list = edges.get(id) ?? [];
				list.push({ to: need, index, stepIndex });
				edges.set(id, list);
			}
		});
	});
	for (const cycle of findCycles(known, edges)) {
		const [from, to] = cycle;
		const edge = edges.get(from!)?.find((candidate) => candidate.to === to);
		if (!edge) continue;
		findings.push({
			path: ['steps', edge.stepIndex, 'needs', edge.index],
			message: `\`needs\` forms a cycle: ${cycle.join(' -> ')}; no step in it could ever be done`,
		});
	}
	return findings;
}

/** Each cycle once, as a list of ids starting and ending with the same id, in step order. */
function findCycles(order: string[], edges: Map<string, { to: string }[]>): string[][] {
	const cycles: string[][] = [];
	const reported = new Set<string>();
	const state = new Map<string, 'visiting' | 'done'>();
	const stack: string[] = [];
	const visit = (id: string): void => {
		state.set(id, 'visiting');
		stack.push(id);
		for (const { to } of edges.get(id) ?? []) {
			if (state.get(to) === 'visiting') {
				const cycle = [...stack.slice(stack.indexOf(to)), to];
				const key = [...new Set(cycle)].sort().join(' ');
				if (!reported.has(key)) {
					reported.add(key);
					cycles.push(cycle);
				}
			} else if (!state.has(to)) visit(to);
		}
		stack.pop();
		state.set(id, 'done');
	};
	for (const id of order) if (!state.has(id)) visit(id);
	return cycles;
}

function lintStep(raw: unknown, index: number, variables: Loose): LintFinding[] {
	if (!isRecord(raw)) return [];
	const step = raw;
	const label = stepLabel(step, index);
	const at: LabPath = ['steps', index];
	const findings: LintFinding[] = [];
	if (step.question !== undefined) findings.push(...lintQuestion(step.question, [...at, 'question']));
	else {
		const required: [string, string][] = [
			['check', 'add a `check:` list so the lab can tell when the step is done'],
			['solution', 'add `solution:` commands (shown on request, run by `registry-lab test`)'],
			['hints', 'add at least one hint under `hints:`'],
		];
		// A step whose checks only ask the learner for a value (a Docker ID) has no command to show.
		const checks = asArray(step.check);
		const isOnlyVariables = checks.length > 0 && checks.every((check) => checkKindOf(check) === 'variable');
		for (const [field, advice] of required) {
			if (field === 'solution' && isOnlyVariables) continue;
			const value = step[field];
			if (value === undefined) findings.push({ path: at, message: `${label} has no ${field}: ${advice}` });
			else if (Array.isArray(value) && value.length === 0)
				findings.push({ path: [...at, field], message: `${label} has an empty \`${field}\` list: ${advice}` });
		}
	}
	const podman = isRecord(step.podman) ? step.podman : {};
	const commandLists: [LabPath, string, unknown][] = [
		[[...at, 'setup'], 'setup', step.setup],
		[[...at, 'solution'], 'solution', step.solution],
		[[...at, 'podman', 'solution'], 'solution', podman.solution],
		// A near miss runs like a solution, so its commands follow the same rules, at their own path.
		...asArray(step.wrong).flatMap((state, stateIndex): [LabPath, string, unknown][] => [
			[[...at, 'wrong', stateIndex, 'run'], 'wrong state', asRecord(state).run],
			[[...at, 'wrong', stateIndex, 'undo'], 'undo', asRecord(state).undo],
		]),
	];
	for (const [listAt, field, list] of commandLists) {
		asArray(list).forEach((command, commandIndex) => {
			if (typeof command !== 'string') return;
			const problem = problemOfCommand(command);
			if (problem) findings.push({ path: [...listAt, commandIndex], message: withoutShellAdvice(problem, field) });
		});
	}
	asArray(step.check).forEach((check, checkIndex) => findings.push(...lintCheck(check, [...at, 'check', checkIndex], variables)));
	findings.push(...lintWrongStates(step, label, at));
	return findings;
}

/** Near misses are proven against the step's checks: without checks that commands can change, there is nothing to fail. */
function lintWrongStates(step: Loose, label: string, at: LabPath): LintFinding[] {
	if (asArray(step.wrong).length === 0) return [];
	const checks = asArray(step.check);
	if (checks.length === 0)
		return [
			{
				path: [...at, 'wrong'],
				at: 'key',
				message: `${label} lists wrong states but has no checks for them to fail: add a \`check:\` list`,
			},
		];
	if (checks.every((check) => checkKindOf(check) === 'variable'))
		return [
			{
				path: [...at, 'wrong'],
				at: 'key',
				message: `${label} lists wrong states, but its checks only read variables, which no command changes: remove \`wrong\``,
			},
		];
	return [];
}

/** commandProblem, without asking shell-quote about the commands that are plainly fine. */
function problemOfCommand(command: string): string | undefined {
	return isPlainCommand(command) ? undefined : commandProblem(command);
}

function lintCheck(raw: unknown, at: LabPath, variables: Loose): LintFinding[] {
	if (!isRecord(raw)) return [];
	const check = raw;
	const findings: LintFinding[] = [];
	const kind = checkKindOf(check);
	const run = asString(check.run);
	if (kind === 'run' && run !== undefined && check.shell !== true) {
		const problem = problemOfCommand(run);
		if (problem) findings.push({ path: [...at, 'run'], message: problem });
	}
	const variable = asString(check.variable);
	if (kind === 'variable' && variable !== undefined && !Object.hasOwn(variables, variable)) {
		const suggestion = closest(variable, Object.keys(variables));
		findings.push({
			path: [...at, 'variable'],
			message: `\`variable\` names no declared variable \`${variable}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
		});
	}
	const expect = asRecord(check.expect);
	for (const stream of ['stdout', 'stderr', 'body']) {
		const matches = asString(asRecord(expect[stream]).matches);
		const problem = matches === undefined ? undefined : regexError(matches, 'm');
		if (problem)
			findings.push({ path: [...at, 'expect', stream, 'matches'], message: `\`matches\` is not a valid regular expression: ${problem}` });
	}
	return findings;
}

function lintQuestion(raw: unknown, at: LabPath): LintFinding[] {
	if (!isRecord(raw)) return [];
	const question = raw;
	const findings: LintFinding[] = [];
	const kind = asString(question.kind);
	const accept = asArray(question.accept);
	const choices = Array.isArray(question.choices) ? question.choices : undefined;
	if (kind === 'choice') {
		if (choices === undefined)
			findings.push({ path: at, message: 'a `choice` question needs `choices`: the options the learner picks from' });
		else
			accept.forEach((answer, index) => {
				if (typeof answer === 'string' && !choices.includes(answer))
					findings.push({
						path: [...at, 'accept', index],
						message: `accepted answer "${answer}" is not one of the \`choices\`; copy it exactly as written there`,
					});
			});
	} else if (choices !== undefined && kind !== undefined) {
		findings.push({
			path: [...at, 'choices'],
			at: 'key',
			message: `\`choices\` only apply to \`kind: choice\` questions; this one is \`${kind}\``,
		});
	}
	if (kind === 'text')
		accept.forEach((answer, index) => {
			const problem = typeof answer === 'string' ? regexError(answer, 'i', true) : undefined;
			if (problem)
				findings.push({
					path: [...at, 'accept', index],
					message: `\`text\` answers are regular expressions, and this one is not valid: ${problem}`,
				});
		});
	asArray(question.feedback).forEach((rule, index) => {
		const when = asString(asRecord(rule).when);
		const problem = when === undefined ? undefined : regexError(when, 'i');
		if (problem)
			findings.push({ path: [...at, 'feedback', index, 'when'], message: `\`when\` is not a valid regular expression: ${problem}` });
	});
	return findings;
}

function lintCleanup(steps: unknown[]): LintFinding[] {
	const cleanupSteps = steps.flatMap((step, index) => (asRecord(step).cleanup === true ? [index] : []));
	const [first, ...others] = cleanupSteps;
	if (first === undefined) return [];
	return others.map((index) => ({
		path: ['steps', index, 'cleanup'],
		at: 'key' as const,
		message: `only one step may have \`cleanup: true\`; ${stepLabel(steps[first], first)} already does`,
	}));
}

function lintFiles(files: unknown, context: LintContext): LintFinding[] {
	const findings: LintFinding[] = [];
	asArray(files).forEach((file, index) => {
		if (typeof file !== 'string') return;
		const normalized = path.posix.normalize(file.replaceAll('\\', '/'));
		if (path.posix.isAbsolute(normalized) || path.win32.isAbsolute(file) || normalized === '..' || normalized.startsWith('../'))
			findings.push({
				path: ['files', index],
				message: `\`${file}\` is outside the lab folder; list paths relative to the folder that holds lab.yaml`,
			});
		else if (!context.fileExists(normalized))
			findings.push({ path: ['files', index], message: `\`${file}\` does not exist in the lab folder` });
	});
	return findings;
}

function lintServices(services: Loose): LintFinding[] {
	const findings: LintFinding[] = [];
	for (const [name, raw] of Object.entries(services)) {
		asArray(asRecord(raw).ports).forEach((port, index) => {
			if (typeof port !== 'string' || !port.includes(':')) return;
			const host = port.slice(0, port.lastIndexOf(':')).trim();
			const isTemplate = /^\{\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}\}$/.test(host);
			if (!isTemplate && !/^\d+$/.test(host))
				findings.push({
					path: ['services', name, 'ports', index],
					message: `the host side of "${port}" must be a port number or one \`{{variable}}\`, e.g. "{{registryPort}}:5000"`,
				});
		});
	}
	return findings;
}

/** Docker's rule for a container name (what `docker run --name` accepts). */
const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Cleanup removes a listed container by its exact name, and only while it runs the listed image: a
 * name Docker refuses, or an image that is no reference, would match nothing; a second entry with
 * the same name is one that can never apply. Texts with `{{var}}` are judged once filled in, at run time.
 */
function lintContainers(containers: unknown): LintFinding[] {
	const findings: LintFinding[] = [];
	const firstIndex = new Map<string, number>();
	asArray(containers).forEach((raw, index) => {
		const entry = asRecord(raw);
		const name = asString(entry.name);
		const image = asString(entry.image);
		if (name !== undefined && !name.includes('{{') && !containerNamePattern.test(name))
			findings.push({
				path: ['containers', index, 'name'],
				message: `"${name}" is not a container name Docker accepts: use letters, digits, \`_\`, \`.\` and \`-\`, starting with a letter or digit (at least two characters)`,
			});
		if (image !== undefined && !image.includes('{{')) {
			try {
				parseDockerRef(image);
			} catch {
				findings.push({
					path: ['containers', index, 'image'],
					message: `"${image}" is not a valid image reference; write it as you would for \`docker run\`, e.g. registry:2`,
				});
			}
		}
		if (name === undefined) return;
		const first = firstIndex.get(name);
		if (first === undefined) firstIndex.set(name, index);
		else
			findings.push({
				path: ['containers', index, 'name'],
				message: `duplicate container name \`${name}\`: containers[${first}] already lists it; each name can run only one image`,
			});
	});
	return findings;
}

/** A listed image that is no reference could never be saved or found; texts with `{{var}}` are judged at run time. */
function lintPulls(pulls: unknown): LintFinding[] {
	return asArray(pulls).flatMap((raw, index) => {
		const image = asString(raw);
		if (image === undefined || image.includes('{{')) return [];
		try {
			parseDockerRef(image);
			return [];
		} catch {
			return [
				{
					path: ['pulls', index],
					message: `"${image}" is not a valid image reference; write it as you would for \`docker pull\`, e.g. alpine or alpine:3.22`,
				},
			];
		}
	});
}

/**
 * Setup and solution commands have no `shell: true` to offer, so the splitter's advice to add it
 * is replaced by what the author can do there.
 */
function withoutShellAdvice(problem: string, field: string): string {
	const needsShell = /,? which needs `shell: true`\.?$/;
	if (!needsShell.test(problem)) return `${field}: ${problem}`;
	return `${field}: ${problem.replace(needsShell, '')}; ${field} commands run without a shell, so give each command its own entry, or run a script with \`sh -c '...'\``;
}

/** The candidate nearest to `name` by edit distance, when it is near enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
	return bestDistance <= limit ? best : undefined;
}

/** Edit distance where swapping two neighbouring letters (`hitns`) counts as one typo. */
function editDistance(a: string, b: string): number {
	const rows = Array.from({ length: a.length + 1 }, (_, i) =>
		Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = distance;
		}
	}
	return rows[a.length]![b.length]!;
}
