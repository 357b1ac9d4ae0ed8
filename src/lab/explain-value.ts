// What exactly is wrong with a value a variable's pattern refuses, in words a learner can act on:
// "it contains a space", "it has uppercase letters (J, D)", "it starts with a dash (-)". Each suspect
// is confirmed by repairing it and asking the pattern again, so only what this pattern really
// refuses is named (a registry host may have uppercase letters; a Docker ID may not). Pure.

/** One thing a value can get wrong, and how to set it right so the pattern can be asked again. */
interface Suspect {
	reason: string;
	repair: (value: string) => string;
	/** A character the pattern may not allow: these are named together, in one reason. */
	char?: string;
}

const separators = '._-';
const separatorName: Record<string, string> = { '.': 'a dot (.)', _: 'an underscore (_)', '-': 'a dash (-)' };
const nameOf = (char: string): string => separatorName[char] ?? `“${char}”`;

/** "A", "A and B", "A, B and C", "A, B, C and others". */
function listed(items: string[]): string {
	if (items.length > 3) return `${items.slice(0, 3).join(', ')} and others`;
	if (items.length === 1) return items[0] ?? '';
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A character as a message shows it: quoted, a control character as its escape (never raw). */
function showChar(char: string): string {
	return `“${/[\u0000-\u001f\u007f-\u009f]/.test(char) ? JSON.stringify(char).slice(1, -1) : char}”`;
}

function unique(chars: Iterable<string>): string[] {
	return [...new Set(chars)];
}

function charSuspect(char: string): Suspect {
	return { reason: `it contains ${showChar(char)}`, repair: (text) => text.replaceAll(char, ''), char };
}

/** The suspects present in `value`, in the order their repairs apply. */
function suspectsIn(value: string): Suspect[] {
	const suspects: Suspect[] = [];
	if (value.includes('@')) {
		// An email address: the part before the @ is the closest thing to a username.
		suspects.push({
			reason: 'it contains an @, so it looks like an email address',
			repair: (text) => (text.indexOf('@') > 0 ? text.slice(0, text.indexOf('@')) : text.replaceAll('@', '')),
		});
	}
	if (/\s/u.test(value)) {
		const reason = /[\r\n]/.test(value) ? 'it contains a line break' : 'it contains a space';
		suspects.push({ reason, repair: (text) => text.replace(/\s+/gu, '') });
	}
	for (const char of unique(value.match(/[^A-Za-z0-9@\s._-]/gu) ?? [])) suspects.push(charSuspect(char));
	const upper = unique(value.match(/[A-Z]/g) ?? []);
	if (upper.length > 0) {
		const letters = upper.length === 1 ? 'an uppercase letter' : 'uppercase letters';
		suspects.push({ reason: `it has ${letters} (${listed(upper)}): use lowercase`, repair: (text) => text.toLowerCase() });
	}
	const doubled = /[._-]{2,}/.exec(value);
	if (doubled) {
		suspects.push({
			reason: `it has “${doubled[0]}”: one of ${[...separators].join(' ')} at a time, between letters or digits`,
			repair: (text) => text.replace(/([._-])[._-]+/g, '$1'),
		});
	}
	const first = value[0];
	if (first !== undefined && separators.includes(first)) {
		suspects.push({ reason: `it starts with ${nameOf(first)}`, repair: (text) => text.replace(/^[._-]+/, '') });
	}
	const last = value.at(-1);
	if (last !== undefined && separators.includes(last) && value.length > 1) {
		suspects.push({ reason: `it ends with ${nameOf(last)}`, repair: (text) => text.replace(/[._-]+$/, '') });
	}
	return suspects;
}

function repaired(value: string, suspects: Suspect[]): string {
	return suspects.reduce((text, suspect) => suspect.repair(text), value);
}

/**
 * Why `pattern` refuses `value`, as reasons ("it contains a space"); empty when it does not refuse it,
 * or when the reasons cannot be told (the lab's help text is the better message then).
 */
export function explainMismatch(value: string, pattern: RegExp): string[] {
	if (value === '') return ['it is empty'];
	if (pattern.test(value)) return [];
	// Only when setting every suspect right satisfies the pattern do the suspects explain the refusal.
	// If they do not, the pattern may not allow a separator at all (a host has no _): try without them.
	let suspects = suspectsIn(value);
	if (!pattern.test(repaired(value, suspects))) suspects = [...suspects, ...unique(value.match(/[._-]/g) ?? []).map(charSuspect)];
	if (suspects.length === 0 || !pattern.test(repaired(value, suspects))) return [];
	// Of those, name the ones it cannot do without (repairs can overlap: "--x" is doubled and leading).
	const needed = suspects.filter(
		(suspect) =>
			!pattern.test(
				repaired(
					value,
					suspects.filter((other) => other !== suspect),
				),
			),
	);
	const named = needed.length > 0 ? needed : suspects;
	const chars = named.flatMap((suspect) => (suspect.char === undefined ? [] : [showChar(suspect.char)]));
	const reasons: string[] = [];
	for (const suspect of named) {
		if (suspect.char === undefined) reasons.push(suspect.reason);
		else if (suspect.char === named.find((other) => other.char !== undefined)?.char) {
			reasons.push(`it contains ${listed(chars)}, which ${chars.length === 1 ? 'is' : 'are'} not allowed here`);
		}
	}
	return reasons;
}

/** Reasons joined into one clause: "it contains a space; it has uppercase letters (J, D)". */
export function joinReasons(reasons: readonly string[]): string {
	return reasons.join('; ');
}
