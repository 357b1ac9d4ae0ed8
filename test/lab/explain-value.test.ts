import { describe, expect, it } from 'vitest';
import { explainMismatch } from '../../src/lab/explain-value.js';

// The registries lab's Docker ID and hub patterns: one refuses uppercase and _, the other allows them.
const dockerId = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*)$/;
const host = /^(?:[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*(?::[0-9]+)?)$/;
const port = /^(?:[0-9]+)$/;

describe('explainMismatch: what exactly a pattern refuses in a value', () => {
	it.each<[string, RegExp, string, string[]]>([
		['a valid Docker ID', dockerId, 'learner1', []],
		['an empty value', dockerId, '', ['it is empty']],
		['a space', dockerId, 'learner 1', ['it contains a space']],
		['a line break', dockerId, 'learner\n1', ['it contains a line break']],
		['an email address', dockerId, 'me@example.com', ['it contains an @, so it looks like an email address']],
		['an uppercase letter', dockerId, 'Learner1', ['it has an uppercase letter (L): use lowercase']],
		[
			'a name with a space and capitals',
			dockerId,
			'John Doe',
			['it contains a space', 'it has uppercase letters (J and D): use lowercase'],
		],
		[
			'an email address with capitals before the @',
			dockerId,
			'John.Doe@Gmail.com',
			['it contains an @, so it looks like an email address', 'it has uppercase letters (J, D and G): use lowercase'],
		],
		[
			'capitals only after the @ (the domain is not the fault)',
			dockerId,
			'john@Gmail.com',
			['it contains an @, so it looks like an email address'],
		],
		['a leading dash (a flag)', dockerId, '-v', ['it starts with a dash (-)']],
		['two leading dashes', dockerId, '--help', ['it starts with a dash (-)']],
		['a trailing dot', dockerId, 'learner1.', ['it ends with a dot (.)']],
		['a trailing underscore', dockerId, 'learner_', ['it ends with an underscore (_)']],
		['two separators in a row', dockerId, 'a..b', ['it has “..”: one of . _ - at a time, between letters or digits']],
		['a slash', dockerId, 'me/you', ['it contains “/”, which is not allowed here']],
		['several odd characters, named together', dockerId, 'a$b(c)d', ['it contains “$”, “(” and “)”, which are not allowed here']],
		['more than three odd characters', dockerId, 'a$b(c)d!', ['it contains “$”, “(”, “)” and others, which are not allowed here']],
		['a terminal escape, shown escaped', dockerId, '\u001b]x', ['it contains “\\u001b” and “]”, which are not allowed here']],
		['an accented letter', dockerId, 'émile', ['it contains “é”, which is not allowed here']],
		['uppercase in a host (allowed there)', host, 'Registry.example.com:5000', []],
		['a space in a host, not its capitals', host, 'My Registry', ['it contains a space']],
		['an underscore in a host, which has none', host, 'bad_host', ['it contains “_”, which is not allowed here']],
		['letters in a port: nothing to name, the help says it better', port, '50a', []],
		['a lone separator: nothing left to repair', dockerId, '_', []],
	])('%s: %j', (_what, pattern, value, reasons) => {
		expect(explainMismatch(value, pattern)).toEqual(reasons);
	});
});
