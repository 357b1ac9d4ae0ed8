// The answer field as pure state: its text and where the cursor stands, edited the way a shell's
// line editor does (readline's habits: ← →, Home/End, Ctrl+A/E, Ctrl+U, Ctrl+K, Ctrl+W). Positions
// count code points, so an accented letter or an emoji is one step of the cursor, never half of one.

export interface AnswerField {
	text: string;
	/** Code points before the cursor: 0 is before the first character, the length is after the last. */
	cursor: number;
}

export type FieldEdit =
	| { kind: 'insert'; text: string }
	/** The character before the cursor (Backspace). */
	| { kind: 'backspace' }
	/** The character under the cursor (Ctrl+D). */
	| { kind: 'delete' }
	| { kind: 'left' }
	| { kind: 'right' }
	| { kind: 'home' }
	| { kind: 'end' }
	/** Everything before the cursor (Ctrl+U): with the cursor at the end, the whole answer. */
	| { kind: 'kill-before' }
	/** Everything from the cursor on (Ctrl+K). */
	| { kind: 'kill-after' }
	/** The word before the cursor, back to a space (Ctrl+W), as a shell does. */
	| { kind: 'delete-word' };

export const emptyField: AnswerField = { text: '', cursor: 0 };

/** A field holding `text` with the cursor after it, where a person goes on typing. */
export function fieldWith(text: string): AnswerField {
	return { text, cursor: [...text].length };
}

export function editField(field: AnswerField, edit: FieldEdit): AnswerField {
	const chars = [...field.text];
	const cursor = Math.min(Math.max(field.cursor, 0), chars.length);
	const result = (next: string[], at: number): AnswerField => ({ text: next.join(''), cursor: at });
	switch (edit.kind) {
		case 'insert': {
			// A line break or tab in pasted text is a space here: the answer is one line.
			const inserted = [...edit.text.replace(/\r\n|[\r\n\t]/g, ' ')];
			return result([...chars.slice(0, cursor), ...inserted, ...chars.slice(cursor)], cursor + inserted.length);
		}
		case 'backspace':
			return cursor === 0 ? { ...field, cursor } : result([...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor - 1);
		case 'delete':
			return result([...chars.slice(0, cursor), ...chars.slice(cursor + 1)], cursor);
		case 'left':
			return { ...field, cursor: Math.max(cursor - 1, 0) };
		case 'right':
			return { ...field, cursor: Math.min(cursor + 1, chars.length) };
		case 'home':
			return { ...field, cursor: 0 };
		case 'end':
			return { ...field, cursor: chars.length };
		case 'kill-before':
			return result(chars.slice(cursor), 0);
		case 'kill-after':
			return result(chars.slice(0, cursor), cursor);
		case 'delete-word': {
			let start = cursor;
			while (start > 0 && chars[start - 1] === ' ') start--;
			while (start > 0 && chars[start - 1] !== ' ') start--;
			return result([...chars.slice(0, start), ...chars.slice(cursor)], start);
		}
	}
}

/** The field's text with a cursor mark where the next character goes. */
export function showField(field: AnswerField, mark: string): string {
	const chars = [...field.text];
	const cursor = Math.min(Math.max(field.cursor, 0), chars.length);
	return [...chars.slice(0, cursor), mark, ...chars.slice(cursor)].join('');
}
