// Turns a lab's command line into argv with shell-word rules, without ever running a shell.
// Variables are substituted into the words after splitting, so a value such as `x; touch /tmp/p`
// or `$(id)` stays one literal argument: nothing in a value is ever read as shell syntax.
import { parse } from 'shell-quote';
import { interpolate } from './interpolate.js';

/** A command line a lab author wrote that cannot run as written (without a shell). */
export class CommandSyntaxError extends Error {
	override name = 'CommandSyntaxError';
}

export type QuoteContext = 'plain' | 'single' | 'double';

interface Scan {
	/** The text with `$` and `#` escaped wherever the shell would read them, ready for shell-quote. */
	escaped: string;
	/** Shell syntax that only a shell can run: `$(`, a backtick, a line break. */
	substitution?: string;
	/** The quote context of every character of the text, by index. */
	contexts: QuoteContext[];
	unclosed?: 'single' | 'double';
	loneBackslash: boolean;
}

/**
 * Walks the text once with POSIX sh quoting rules. shell-quote would expand `$NAME` and read `#`
 * as a comment; escaping both here keeps every such character literal (no expansion without a
 * shell), and the walk also finds the substitutions shell-quote does not report.
 */
function scan(text: string): Scan {
	let escaped = '';
	let substitution: string | undefined;
	const contexts: QuoteContext[] = [];
	let context: QuoteContext = 'plain';
	let loneBackslash = false;
	const note = (found: string) => {
		substitution ??= found;
	};
	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i);
		const next = text.charAt(i + 1);
		contexts[i] = context;
		if (context === 'single') {
			if (c === "'") context = 'plain';
			escaped += c;
			continue;
		}
		if (c === '\\') {
			if (i + 1 >= text.length) {
				loneBackslash = true;
				continue;
			}
			contexts[i + 1] = context;
			i++;
			// Backslash-newline joins lines, as in sh.
			if (next !== '\n') escaped += c + next;
			continue;
		}
		if (c === '$') {
			if (next === '(') note('$(');
			escaped += '\\$';
			continue;
		}
		if (c === '`') {
			note('`');
			escaped += c;
			continue;
		}
		if (context === 'double') {
			if (c === '"') context = 'plain';
			escaped += c;
			continue;
		}
		if (c === "'") context = 'single';
		else if (c === '"') context = 'double';
		else if (c === '\n') note('\n');
		else if (c === '#') {
			escaped += '\\#';
			continue;
		}
		escaped += c;
	}
	return {
		escaped,
		substitution,
		contexts,
		unclosed: context === 'plain' ? undefined : context,
		loneBackslash,
	};
}

/** The quote context (plain, inside '…', inside "…") of each character of a command line. */
export function quoteContexts(text: string): QuoteContext[] {
	return scan(text).contexts;
}

function describeOperator(operator: string): string {
	if (operator === '\n') return 'a line break (more than one command)';
	if (operator === '`') return 'a backtick (command substitution)';
	return `\`${operator}\``;
}

const assignmentPattern = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Why this command line cannot run without a shell, or undefined when it can.
 * Also what `registry-lab validate` reports for a check without `shell: true`.
 */
export function commandProblem(command: string): string | undefined {
	try {
		splitCommand(command);
		return undefined;
	} catch (error) {
		if (error instanceof CommandSyntaxError) return error.message;
		throw error;
	}
}

/**
 * Splits a command line into argv with shell-word rules (quotes, backslashes), then replaces
 * `{{name}}` inside each word. Throws CommandSyntaxError, with a message for the lab author, for
 * pipes, redirects, `&&`, `;`, `&`, `$(`, backticks, line breaks and `NAME=value` prefixes, all of
 * which need `shell: true`, and for unclosed quotes. `$NAME`, `#`, `*` and `?` stay literal.
 */
export function splitCommand(command: string, vars: Readonly<Record<string, string>> = {}): string[] {
	const text = command.trim();
	const shown = `The command \`${text}\``;
	if (text === '') throw new CommandSyntaxError('The command is empty.');
	const scanned = scan(text);
	if (scanned.unclosed) {
		const quote = scanned.unclosed === 'single' ? "'" : '"';
		throw new CommandSyntaxError(`${shown} has a ${quote} that is never closed.`);
	}
	if (scanned.loneBackslash) throw new CommandSyntaxError(`${shown} ends with a lone backslash.`);
	const needsShell = (what: string) => new CommandSyntaxError(`${shown} uses ${describeOperator(what)}, which needs \`shell: true\`.`);
	if (scanned.substitution) throw needsShell(scanned.substitution);

	// The env function is never called for escaped `$`; it stays as a guard so nothing expands.
	const entries = parse(scanned.escaped, (name: string) => `$${name}`);
	const words: string[] = [];
	for (const entry of entries) {
		if (typeof entry === 'string') words.push(entry);
		else if ('op' in entry && entry.op === 'glob') words.push(entry.pattern);
		else if ('op' in entry) throw needsShell(entry.op);
		else throw needsShell('#'); // unreachable: `#` is escaped by scan
	}
	if (words.length === 0) throw new CommandSyntaxError('The command is empty.');
	const first = words[0] ?? '';
	if (assignmentPattern.test(first)) {
		throw new CommandSyntaxError(`${shown} starts by setting an environment variable (\`${first}\`), which needs \`shell: true\`.`);
	}
	return words.map((word) => interpolate(word, vars));
}
