// Every key the learner presses becomes one session action, decided here from the state the key
// arrives in. Running this inside the reducer (not in a component's closure) means two keys pressed
// faster than React renders still see the state the first one left.
//
// The one conflict: on a question step the answer field has the keys, so letters (j, k, q, h...)
// are typed into it. ↑ ↓, PgUp/PgDn, Enter and Ctrl+C keep working; Tab or Esc hands the letter
// keys back (Tab or Enter returns to the field). In the field ← → Home End and the shell's Ctrl keys
// edit, as on a command line.
import type { FieldEdit } from './answer-field.js';
import { selectedStep, sessionReducer, type SessionAction, type SessionState } from './session-reducer.js';

/** The parts of a key press the bindings read (Ink's `Key` has these and more). */
export interface KeyPress {
	input: string;
	upArrow: boolean;
	downArrow: boolean;
	pageUp: boolean;
	pageDown: boolean;
	return: boolean;
	escape: boolean;
	tab: boolean;
	backspace: boolean;
	delete: boolean;
	ctrl: boolean;
	meta: boolean;
	/** Only the answer field reads these; a key without them is none of them. */
	leftArrow?: boolean;
	rightArrow?: boolean;
	home?: boolean;
	end?: boolean;
}

/** How far a page scroll goes, and how far the step text can scroll; measured by the view. */
export interface Viewport {
	page: number;
	maxScroll: number;
	/**
	 * The terminal is below the smallest size the layout works at, so only a line asking for a bigger
	 * one is shown: nothing may be typed where it cannot be seen, and q (or Ctrl+C) still quits.
	 */
	isTooSmall?: boolean;
}

const noViewport: Viewport = { page: 1, maxScroll: 0 };

// Control characters never belong in an answer (escape sequences of unknown keys arrive as input too).
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

// A shell's line-editing keys. Ink reports the Backspace key (DEL, 0x7f) as `delete`, the same as
// the Delete key, so both erase backwards, the one every learner expects; Ctrl+D deletes forwards.
const ctrlEdits = new Map<string, FieldEdit>([
	['a', { kind: 'home' }],
	['e', { kind: 'end' }],
	['b', { kind: 'left' }],
	['f', { kind: 'right' }],
	['d', { kind: 'delete' }],
	['u', { kind: 'kill-before' }],
	['k', { kind: 'kill-after' }],
	['w', { kind: 'delete-word' }],
	['h', { kind: 'backspace' }],
]);

/** The edit a key makes in the answer field, if it is an editing key. Pure. */
export function fieldEditFor(key: KeyPress): FieldEdit | undefined {
	if (key.backspace || key.delete) return { kind: 'backspace' };
	if (key.leftArrow) return { kind: 'left' };
	if (key.rightArrow) return { kind: 'right' };
	if (key.home) return { kind: 'home' };
	if (key.end) return { kind: 'end' };
	return key.ctrl ? ctrlEdits.get(key.input) : undefined;
}

export function keyToAction(state: SessionState, key: KeyPress, viewport: Viewport = noViewport): SessionAction | undefined {
	const input = key.input;
	if (key.ctrl && input === 'c') return { type: 'request-quit', by: 'ctrl-c' };
	if (state.quit) return undefined;
	if (viewport.isTooSmall) return input === 'q' && !key.ctrl && !key.meta ? { type: 'request-quit', by: 'key' } : undefined;

	switch (state.overlay) {
		case 'help':
		case 'doctor':
			return { type: 'close-overlay' };
		case 'confirm-solution':
			if (input === 'y' || input === 'Y') return { type: 'confirm-solution' };
			if (input === 'n' || input === 'N' || key.escape) return { type: 'close-overlay' };
			return undefined;
		case 'confirm-quit':
			if (input === 'y' || input === 'Y') return { type: 'confirm-quit', stopRegistry: true };
			if (input === 'n' || input === 'N') return { type: 'confirm-quit', stopRegistry: false };
			if (key.escape) return { type: 'close-overlay' };
			return undefined;
		case undefined:
			break;
	}
	// The variables form reads its own keys.
	if (state.view === 'variables') return undefined;

	if (state.view === 'welcome') {
		if (key.return) return { type: 'start' };
		// A long introduction scrolls on a short screen.
		if (key.pageUp || key.upArrow) return { type: 'scroll', by: key.upArrow ? -1 : -viewport.page, max: viewport.maxScroll };
		if (key.pageDown || key.downArrow || input === ' ')
			return { type: 'scroll', by: key.downArrow ? 1 : viewport.page, max: viewport.maxScroll };
		if (input === 'q') return { type: 'request-quit', by: 'key' };
		if (input === '?') return { type: 'toggle-help' };
		return undefined;
	}
	if (state.view === 'summary') {
		if (key.return || key.escape) return { type: 'close-summary' };
		if (input === 'q') return { type: 'request-quit', by: 'key' };
		return undefined;
	}

	if (key.upArrow) return { type: 'move', delta: -1 };
	if (key.downArrow) return { type: 'move', delta: 1 };
	if (key.pageUp) return { type: 'scroll', by: -viewport.page, max: viewport.maxScroll };
	if (key.pageDown) return { type: 'scroll', by: viewport.page, max: viewport.maxScroll };

	const step = selectedStep(state);
	if (step?.isQuestion && state.focus === 'answer') {
		if (key.return) return { type: 'submit-answer' };
		if (key.tab) return { type: 'focus', focus: 'keys' };
		if (key.escape) return { type: 'cancel-answer' };
		const edit = fieldEditFor(key);
		if (edit) return { type: 'edit-answer', edit };
		const text = key.ctrl || key.meta ? '' : input.replace(controlCharacters, '');
		return text === '' ? undefined : { type: 'type-answer', text };
	}

	if (step?.isQuestion && (key.tab || key.return)) return { type: 'focus', focus: 'answer' };
	if (key.ctrl || key.meta) return undefined;
	switch (input) {
		case 'k':
			return { type: 'move', delta: -1 };
		case 'j':
			return { type: 'move', delta: 1 };
		case ' ':
			return { type: 'scroll', by: viewport.page, max: viewport.maxScroll };
		case 'c':
			return { type: 'request-check' };
		case 'd':
			return { type: 'toggle-details' };
		case 'h':
			return { type: 'show-hint' };
		case 's':
			return { type: 'ask-solution' };
		case 'w':
			return { type: 'toggle-auto-check' };
		case '?':
			return { type: 'toggle-help' };
		case 'q':
			return { type: 'request-quit', by: 'key' };
		case 'p':
			// The author's mode only: a learner's p does nothing, as before.
			return state.isDev ? { type: 'request-proof' } : undefined;
		default:
			return undefined;
	}
}

/** A key arriving in the session: a notice is read by then, so any key clears it. */
export type KeyAction = { type: 'key'; key: KeyPress; viewport?: Viewport };

function isTyping(state: SessionState): boolean {
	return state.view === 'lab' && !state.overlay && state.focus === 'answer' && selectedStep(state)?.isQuestion === true;
}

/** A key with no modifier and no special key: what a typed character is, before its `input`. */
export const plainKey: Omit<KeyPress, 'input'> = {
	upArrow: false,
	downArrow: false,
	pageUp: false,
	pageDown: false,
	return: false,
	escape: false,
	tab: false,
	backspace: false,
	delete: false,
	ctrl: false,
	meta: false,
};

/**
 * Several keys can arrive as one chunk (a paste, a fast typist over ssh, `tmux send-keys`): Ink then
 * hands them over as one input. Typed text stays one piece, but a newline in it is Enter and a DEL
 * is Backspace; outside the answer field each character is its own key.
 */
export function splitKeys(key: KeyPress, isTypingText: boolean): KeyPress[] {
	const { input } = key;
	if ([...input].length <= 1 || key.ctrl || key.meta || key.escape) return [key];
	const parts = isTypingText ? input.split(/(\r\n|[\r\n\t\u007f\b])/) : [...input];
	return parts.filter((part) => part !== '').map(keyOf);
}

function keyOf(part: string): KeyPress {
	if (part === '\r' || part === '\n' || part === '\r\n') return { ...plainKey, input: '\r', return: true };
	if (part === '\t') return { ...plainKey, input: part, tab: true };
	if (part === '\u007f' || part === '\b') return { ...plainKey, input: '', backspace: true };
	return { ...plainKey, input: part };
}

function reduceKey(state: SessionState, key: KeyPress, viewport: Viewport | undefined): SessionState {
	const isCtrlC = key.ctrl && key.input === 'c';
	const read = state.notice && !isCtrlC ? { ...state, notice: undefined } : state;
	const mapped = keyToAction(read, key, viewport);
	return mapped ? sessionReducer(read, mapped) : read;
}

/** The reducer the UI runs: session actions plus raw keys, mapped with the state they arrive in. */
export function reduceSession(state: SessionState, action: SessionAction | KeyAction): SessionState {
	if (action.type !== 'key') return sessionReducer(state, action);
	let next = state;
	const isTypingText = isTyping(state) && action.viewport?.isTooSmall !== true;
	for (const key of splitKeys(action.key, isTypingText)) next = reduceKey(next, key, action.viewport);
	return next;
}
