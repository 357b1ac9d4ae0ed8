import { describe, expect, it } from 'vitest';
import { editField, fieldWith, showField, type AnswerField, type FieldEdit } from '../../src/session/answer-field.js';

/** A field written with a | where the cursor stands: 'ab|c' is "abc" with the cursor before c. */
function at(marked: string): AnswerField {
	const cursor = [...marked].indexOf('|');
	return { text: marked.replace('|', ''), cursor };
}

describe('editField: the answer field edits as a shell’s line does', () => {
	it.each<[string, string, FieldEdit, string]>([
		['types at the end', 'docker|', { kind: 'insert', text: '.io' }, 'docker.io|'],
		['types where the cursor is', 'docker|io', { kind: 'insert', text: '.' }, 'docker.|io'],
		['turns a pasted line break and tab into spaces', 'a|', { kind: 'insert', text: 'b\r\nc\td' }, 'ab c d|'],
		['Backspace erases before the cursor', 'ab|c', { kind: 'backspace' }, 'a|c'],
		['Backspace at the start does nothing', '|abc', { kind: 'backspace' }, '|abc'],
		['Backspace takes a whole emoji, not half of one', 'a🐳|', { kind: 'backspace' }, 'a|'],
		['Ctrl+D deletes under the cursor', 'a|bc', { kind: 'delete' }, 'a|c'],
		['Ctrl+D at the end does nothing', 'abc|', { kind: 'delete' }, 'abc|'],
		['← moves left', 'ab|c', { kind: 'left' }, 'a|bc'],
		['← stops at the start', '|abc', { kind: 'left' }, '|abc'],
		['→ moves right', 'a|bc', { kind: 'right' }, 'ab|c'],
		['→ stops at the end', 'abc|', { kind: 'right' }, 'abc|'],
		['→ steps over an accented letter as one', '|éa', { kind: 'right' }, 'é|a'],
		['Home goes to the start', 'ab|c', { kind: 'home' }, '|abc'],
		['End goes to the end', 'a|bc', { kind: 'end' }, 'abc|'],
		['Ctrl+U at the end clears the field', 'docker pull x|', { kind: 'kill-before' }, '|'],
		['Ctrl+U in the middle keeps what follows the cursor', 'docker |pull', { kind: 'kill-before' }, '|pull'],
		['Ctrl+K cuts from the cursor to the end', 'docker |pull', { kind: 'kill-after' }, 'docker |'],
		['Ctrl+W deletes the word before the cursor', 'docker pull alpine|', { kind: 'delete-word' }, 'docker pull |'],
		['Ctrl+W takes the spaces after the word too', 'docker pull  |', { kind: 'delete-word' }, 'docker |'],
		['Ctrl+W keeps what follows the cursor', 'docker pull| alpine', { kind: 'delete-word' }, 'docker | alpine'],
		['Ctrl+W treats a reference as one word, as a shell does', 'docker.io/kiamol/ch05-pi:latest|', { kind: 'delete-word' }, '|'],
		['Ctrl+W at the start does nothing', '|abc', { kind: 'delete-word' }, '|abc'],
	])('%s', (_what, before, edit, after) => {
		expect(editField(at(before), edit)).toEqual(at(after));
	});

	it('puts the cursor after the text of a field filled from a saved answer', () => {
		expect(fieldWith('kiamol/ch05-pi')).toEqual(at('kiamol/ch05-pi|'));
	});

	it('shows the cursor mark where the next character goes', () => {
		expect(showField(at('dock|er'), '▌')).toBe('dock▌er');
		expect(showField(at('a🐳|'), '▌')).toBe('a🐳▌');
	});
});
