// The small text rules `registry-lab import` applies to a course page: shell variables to lab
// variables, command blocks to command lines, titles and ids from sentences. Pure.

const namePattern = '[A-Za-z_][A-Za-z0-9_]*';

/**
 * `${name}` and `$name` become `{{name}}`, and each name is added to `used`. `$name=` is left alone:
 * it sets the variable (PowerShell), it does not use it; `$(` and `$1` are not variables.
 */
export function toLabVariables(text: string, used: Set<string>): string {
	return text.replace(new RegExp(`\\$\\{(${namePattern})\\}|\\$(${namePattern})(?!${'[A-Za-z0-9_]'}|\\s*=)`, 'g'), (_, braced, bare) => {
		const name = (braced ?? bare) as string;
		used.add(name);
		return `{{${name}}}`;
	});
}

/** A line that sets a shell variable: `dockerId='x'` (sh) or `$dockerId='x'` (PowerShell). */
export interface Assignment {
	name: string;
	value: string;
	/** The value was a placeholder such as `<your-docker-hub-id>`: the learner supplies it. */
	isPlaceholder: boolean;
}

const assignmentLine = new RegExp(`^\\s*\\$?(${namePattern})\\s*=\\s*(.*?)\\s*;?\\s*$`);

export function parseAssignment(line: string): Assignment | undefined {
	const match = assignmentLine.exec(line);
	if (!match) return undefined;
	const raw = match[2] ?? '';
	// A command after the value (`a=1 docker ps`) is not a plain assignment.
	if (/^(['"]).*\1$/.test(raw) === false && /\s/.test(raw)) return undefined;
	const value = raw.replace(/^(['"])(.*)\1$/, '$2');
	return { name: match[1]!, value, isPlaceholder: /^<[^<>]+>$/.test(value) };
}

/** What to ask for a placeholder: `<your-docker-hub-id>` -> "Your docker hub id". */
export function askFromPlaceholder(value: string): string {
	const words = value.replace(/^<|>$/g, '').replace(/[-_]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The lines of a code block that are not blank and not comments, with `\` continuations joined. */
export function codeLines(code: string): string[] {
	const joined = code.replace(/\\\r?\n\s*/g, ' ');
	return joined
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'))
		.map((line) => line.replace(/^\$\s+/, ''));
}

/**
 * One page command as lab commands: `a && b` and `a; b` become two entries, since lab commands run
 * without a shell. Quotes are respected. Pipes, redirects and `$(...)` cannot be split; validate
 * reports those at their line.
 */
export function splitOnSeparators(line: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quote: string | undefined;
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"') {
				current += char + (line[index + 1] ?? '');
				index++;
				continue;
			}
			current += char;
			continue;
		}
		if (char === "'" || char === '"') quote = char;
		if (char === ';' || (char === '&' && line[index + 1] === '&')) {
			parts.push(current);
			current = '';
			if (char === '&') index++;
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter(Boolean);
}

/** Markdown without its marks, for a title: `[a](b)` -> a, `*x*` -> x. */
export function plainText(markdown: string): string {
	return (
		markdown
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/[*`]/g, '')
			// `_emphasis_`, but not the underscore inside a name such as ${docker_id}.
			.replace(/(?<![A-Za-z0-9])_{1,2}(?=\S)|(?<=\S)_{1,2}(?![A-Za-z0-9])/g, '')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

const maxTitle = 60;

/** A step title from a sentence: its marks and final `:`/`.` gone, cut at a word near 60 characters. */
export function titleFrom(sentence: string): string {
	const text = plainText(sentence)
		.replace(/^📋\s*/u, '')
		.replace(/[:.]+$/, '')
		.trim();
	const capital = text.charAt(0).toUpperCase() + text.slice(1);
	if (capital.length <= maxTitle) return capital;
	const cut = capital.slice(0, maxTitle - 1);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).replace(/[,;:]$/, '')}…`;
}

/** Sentences of a paragraph, split after `.`, `!` or `?` and a space. */
export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+/)
		.map((sentence) => sentence.trim())
		.filter(Boolean);
}

/** The last sentence of a text: the one that leads into the command block after it. */
export function lastSentence(text: string): string {
	const all = sentences(plainText(text));
	return all[all.length - 1] ?? '';
}

/** A step id from a title, unique among `taken`: "Push Alpine to your registry" -> push-alpine-to-your-registry. */
export function idFrom(title: string, taken: Set<string>): string {
	const words = title
		.toLowerCase()
		.replace(/\{\{[^}]*\}\}/g, ' ')
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	let id = '';
	for (const word of words) {
		if (id.length + word.length + 1 > 40 && id !== '') break;
		id = id === '' ? word : `${id}-${word}`;
	}
	if (!/^[a-z]/.test(id)) id = `step${id === '' ? '' : `-${id}`}`;
	let unique = id;
	for (let count = 2; taken.has(unique); count++) unique = `${id}-${count}`;
	taken.add(unique);
	return unique;
}
