// Reads a typed `docker pull` command the way a shell and the docker CLI would, without running
// anything: shell words (quotes, escapes), then `docker [image] pull [flags] IMAGE`. Anything a
// shell would do beyond running one command (pipes, `;`, `$VAR`, `$(...)`) is a problem to report.
import { parse as splitShellWords } from 'shell-quote';

export type PullProgram = 'docker' | 'podman';

export interface PullFlags {
	quiet: boolean;
	allTags: boolean;
	disableContentTrust: boolean;
	platform?: string;
	/** Podman only: `--tls-verify=false` for an HTTP registry. */
	tlsVerify?: boolean;
}

export interface PullCommand {
	program: PullProgram;
	/** `pull`, or `image pull` (the same command under its newer name). */
	subcommand: 'pull' | 'image pull';
	/** The image argument exactly as the shell passes it. */
	reference: string;
	flags: PullFlags;
	/** True when the command was prefixed with `sudo`. */
	isSudo: boolean;
}

export type PullCommandProblem =
	| { kind: 'empty' }
	| { kind: 'shell-operator'; operator: string }
	| { kind: 'command-substitution' }
	| { kind: 'variable'; name: string }
	| { kind: 'not-docker'; program: string; isOneWord: boolean }
	| { kind: 'missing-subcommand'; program: PullProgram }
	| { kind: 'option-before-subcommand'; program: PullProgram; option: string }
	| { kind: 'wrong-subcommand'; program: PullProgram; subcommand: string }
	| { kind: 'missing-reference'; program: PullProgram }
	| { kind: 'extra-arguments'; program: PullProgram; words: string[] }
	| { kind: 'unknown-flag'; program: PullProgram; flag: string }
	| { kind: 'flag-needs-value'; flag: string }
	| { kind: 'bad-flag-value'; flag: string; value: string };

export type ParsedPullCommand = { ok: true; command: PullCommand } | { ok: false; problem: PullCommandProblem };

interface VariableMarker {
	variable: string;
}

function isVariableMarker(entry: object): entry is VariableMarker {
	return 'variable' in entry && typeof entry.variable === 'string';
}

/** Splits a command line into words like a POSIX shell, reporting what a shell would expand. */
function shellWords(text: string): { words: string[] } | { problem: PullCommandProblem } {
	// Variables come back as markers, so `$IMAGE` is reported instead of silently becoming ''.
	const entries = splitShellWords(text, (name): VariableMarker => ({ variable: name }));
	const words: string[] = [];
	for (const [index, entry] of entries.entries()) {
		if (typeof entry === 'string') {
			if (entry.includes('`')) return { problem: { kind: 'command-substitution' } };
			words.push(entry);
		} else if (isVariableMarker(entry)) {
			// `$(` shows up as an unnamed variable followed by a `(` operator.
			const next = entries[index + 1];
			const opensCommand = typeof next === 'object' && 'op' in next && next.op === '(';
			if (entry.variable === '' || opensCommand) return { problem: { kind: 'command-substitution' } };
			return { problem: { kind: 'variable', name: entry.variable } };
		} else if ('comment' in entry) {
			break; // a shell ignores the rest of the line
		} else if (entry.op === 'glob') {
			words.push(entry.pattern); // with no file to match, the shell passes the word unchanged
		} else {
			return { problem: { kind: 'shell-operator', operator: entry.op } };
		}
	}
	return { words };
}

type BooleanFlag = 'quiet' | 'allTags' | 'disableContentTrust' | 'tlsVerify';

const booleanFlags: Record<string, BooleanFlag> = {
	'-q': 'quiet',
	'--quiet': 'quiet',
	'-a': 'allTags',
	'--all-tags': 'allTags',
	'--disable-content-trust': 'disableContentTrust',
};
const podmanBooleanFlags: Record<string, BooleanFlag> = { '--tls-verify': 'tlsVerify' };

function parseBoolean(value: string): boolean | undefined {
	if (['true', '1', 't', 'TRUE', 'True', 'T'].includes(value)) return true;
	if (['false', '0', 'f', 'FALSE', 'False', 'F'].includes(value)) return false;
	return undefined;
}

/** Parses `docker pull …` / `docker image pull …` (also `podman`, and with `sudo` in front). */
export function parsePullCommand(text: string): ParsedPullCommand {
	const split = shellWords(text.trim());
	if ('problem' in split) return { ok: false, problem: split.problem };
	const words = [...split.words];
	const isSudo = words[0] === 'sudo';
	if (isSudo) words.shift();

	const [first, second, third] = words;
	if (first === undefined) return { ok: false, problem: { kind: 'empty' } };
	if (first !== 'docker' && first !== 'podman') {
		return { ok: false, problem: { kind: 'not-docker', program: first, isOneWord: words.length === 1 } };
	}
	const program: PullProgram = first;
	if (second === undefined) return { ok: false, problem: { kind: 'missing-subcommand', program } };
	if (second.startsWith('-')) {
		return { ok: false, problem: { kind: 'option-before-subcommand', program, option: second } };
	}

	let subcommand: PullCommand['subcommand'];
	let rest: string[];
	if (second === 'pull') {
		subcommand = 'pull';
		rest = words.slice(2);
	} else if (second === 'image' && third === 'pull') {
		subcommand = 'image pull';
		rest = words.slice(3);
	} else {
		const named = second === 'image' && third !== undefined && !third.startsWith('-') ? `image ${third}` : second;
		return { ok: false, problem: { kind: 'wrong-subcommand', program, subcommand: named } };
	}

	const flags: PullFlags = { quiet: false, allTags: false, disableContentTrust: false };
	const known: Record<string, BooleanFlag | undefined> = program === 'podman' ? { ...booleanFlags, ...podmanBooleanFlags } : booleanFlags;
	const positional: string[] = [];
	for (let index = 0; index < rest.length; index++) {
		const word = rest[index] as string;
		if (word === '--') {
			positional.push(...rest.slice(index + 1));
			break;
		}
		if (!word.startsWith('-') || word === '-') {
			positional.push(word);
			continue;
		}
		const equals = word.indexOf('=');
		const flag = word.startsWith('--') && equals !== -1 ? word.slice(0, equals) : word;
		const inlineValue = word.startsWith('--') && equals !== -1 ? word.slice(equals + 1) : undefined;

		if (flag === '--platform') {
			const value = inlineValue ?? rest[++index];
			if (value === undefined || value === '') return { ok: false, problem: { kind: 'flag-needs-value', flag } };
			flags.platform = value;
			continue;
		}
		const booleanKey = known[flag];
		if (booleanKey) {
			const value = inlineValue === undefined ? true : parseBoolean(inlineValue);
			if (value === undefined) {
				return { ok: false, problem: { kind: 'bad-flag-value', flag, value: inlineValue ?? '' } };
			}
			flags[booleanKey] = value;
			continue;
		}
		// Combined short options, as `-qa`.
		if (/^-[a-zA-Z]{2,}$/.test(word)) {
			const letters = [...word.slice(1)];
			const unknown = letters.find((letter) => !known[`-${letter}`]);
			if (unknown) return { ok: false, problem: { kind: 'unknown-flag', program, flag: `-${unknown}` } };
			for (const letter of letters) {
				const key = known[`-${letter}`];
				if (key) flags[key] = true;
			}
			continue;
		}
		return { ok: false, problem: { kind: 'unknown-flag', program, flag } };
	}

	const [reference, ...extra] = positional;
	if (reference === undefined) return { ok: false, problem: { kind: 'missing-reference', program } };
	if (extra.length > 0) return { ok: false, problem: { kind: 'extra-arguments', program, words: extra } };
	return { ok: true, command: { program, subcommand, reference, flags, isSudo } };
}

/** True when the text starts like a command line rather than a bare reference. */
export function looksLikeCommand(text: string): boolean {
	return /^\s*(?:sudo\s+)?(?:docker|podman)(?:\s|$)/.test(text);
}
