import { describe, expect, it } from 'vitest';
import type { ProgressState } from '../../src/progress/progress-store.js';
import { keyToAction, plainKey, reduceSession, splitKeys, type KeyPress } from '../../src/session/key-bindings.js';
import { initSession, stepProgress, type SessionAction, type SessionState } from '../../src/session/session-reducer.js';
import { fixtureLab, fixtureVars } from './fixture-lab.js';

function key(input: string, flags: Partial<KeyPress> = {}): KeyPress {
	return { ...plainKey, input, ...flags };
}

const up = key('', { upArrow: true });
const down = key('', { downArrow: true });
const enter = key('\r', { return: true });
const escape = key('', { escape: true, meta: true });
const tab = key('\t', { tab: true });
const ctrlC = key('c', { ctrl: true });

function session(selected: number, change: Partial<SessionState> = {}): SessionState {
	const saved: ProgressState = {
		version: 1,
		labId: 'registries',
		vars: {},
		done: [],
		hintsShown: {},
		solutionsShown: [],
		answers: {},
		startedAt: '2026-01-10T09:00:00.000Z',
		selected: fixtureLab.steps[selected]?.id,
	};
	return { ...initSession({ lab: fixtureLab, vars: fixtureVars, saved, now: 0, canStopRegistry: true }), ...change };
}

const onTask = session(1);
const onQuestion = session(3);
const onQuestionKeys = session(3, { focus: 'keys' });
const viewport = { page: 7, maxScroll: 20 };

describe('keyToAction', () => {
	it.each<[string, SessionState, KeyPress, SessionAction | undefined]>([
		['↑ on a task step', onTask, up, { type: 'move', delta: -1 }],
		['↓ on a task step', onTask, down, { type: 'move', delta: 1 }],
		['k on a task step', onTask, key('k'), { type: 'move', delta: -1 }],
		['j on a task step', onTask, key('j'), { type: 'move', delta: 1 }],
		['c on a task step', onTask, key('c'), { type: 'request-check' }],
		['h on a task step', onTask, key('h'), { type: 'show-hint' }],
		['s on a task step', onTask, key('s'), { type: 'ask-solution' }],
		['w on a task step', onTask, key('w'), { type: 'toggle-auto-check' }],
		['? on a task step', onTask, key('?'), { type: 'toggle-help' }],
		['q on a task step', onTask, key('q'), { type: 'request-quit', by: 'key' }],
		['PgDn', onTask, key('', { pageDown: true }), { type: 'scroll', by: 7, max: 20 }],
		['PgUp', onTask, key('', { pageUp: true }), { type: 'scroll', by: -7, max: 20 }],
		['space on a task step', onTask, key(' '), { type: 'scroll', by: 7, max: 20 }],
		['an unbound letter', onTask, key('x'), undefined],
		['j in the answer field', onQuestion, key('j'), { type: 'type-answer', text: 'j' }],
		['q in the answer field', onQuestion, key('q'), { type: 'type-answer', text: 'q' }],
		['pasted text in the answer field', onQuestion, key('docker.io/x'), { type: 'type-answer', text: 'docker.io/x' }],
		['↓ in the answer field', onQuestion, down, { type: 'move', delta: 1 }],
		['Enter in the answer field', onQuestion, enter, { type: 'submit-answer' }],
		[
			'Backspace (Ctrl+H) in the answer field',
			onQuestion,
			key('', { backspace: true }),
			{ type: 'edit-answer', edit: { kind: 'backspace' } },
		],
		// Ink reports the Backspace key (DEL) as `delete`: it must erase backwards.
		['Backspace (DEL) in the answer field', onQuestion, key('', { delete: true }), { type: 'edit-answer', edit: { kind: 'backspace' } }],
		['← in the answer field', onQuestion, key('', { leftArrow: true }), { type: 'edit-answer', edit: { kind: 'left' } }],
		['→ in the answer field', onQuestion, key('', { rightArrow: true }), { type: 'edit-answer', edit: { kind: 'right' } }],
		['Home in the answer field', onQuestion, key('', { home: true }), { type: 'edit-answer', edit: { kind: 'home' } }],
		['End in the answer field', onQuestion, key('', { end: true }), { type: 'edit-answer', edit: { kind: 'end' } }],
		['Ctrl+A in the answer field', onQuestion, key('a', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'home' } }],
		['Ctrl+E in the answer field', onQuestion, key('e', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'end' } }],
		['Ctrl+U in the answer field', onQuestion, key('u', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'kill-before' } }],
		['Ctrl+K in the answer field', onQuestion, key('k', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'kill-after' } }],
		['Ctrl+W in the answer field', onQuestion, key('w', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'delete-word' } }],
		['Ctrl+D in the answer field', onQuestion, key('d', { ctrl: true }), { type: 'edit-answer', edit: { kind: 'delete' } }],
		['another Ctrl key in the answer field', onQuestion, key('x', { ctrl: true }), undefined],
		['Tab in the answer field', onQuestion, tab, { type: 'focus', focus: 'keys' }],
		['Esc in the answer field', onQuestion, escape, { type: 'cancel-answer' }],
		['← outside the answer field', onTask, key('', { leftArrow: true }), undefined],
		['h on a question after Esc', onQuestionKeys, key('h'), { type: 'show-hint' }],
		['Tab on a question after Esc', onQuestionKeys, tab, { type: 'focus', focus: 'answer' }],
		['Enter on a question after Esc', onQuestionKeys, enter, { type: 'focus', focus: 'answer' }],
		['Ctrl+C anywhere', onQuestion, ctrlC, { type: 'request-quit', by: 'ctrl-c' }],
		['Ctrl+C in the variables form', session(0, { view: 'variables' }), ctrlC, { type: 'request-quit', by: 'ctrl-c' }],
		['q in the variables form', session(0, { view: 'variables' }), key('q'), undefined],
		[
			'y at the quit question over the variables form',
			session(0, { view: 'variables', overlay: 'confirm-quit' }),
			key('y'),
			{ type: 'confirm-quit', stopRegistry: true },
		],
		['any key over help', session(0, { overlay: 'help' }), key('x'), { type: 'close-overlay' }],
		['y at the solution question', session(0, { overlay: 'confirm-solution' }), key('y'), { type: 'confirm-solution' }],
		['n at the solution question', session(0, { overlay: 'confirm-solution' }), key('n'), { type: 'close-overlay' }],
		['j at the solution question', session(0, { overlay: 'confirm-solution' }), key('j'), undefined],
		['y at the quit question', session(0, { overlay: 'confirm-quit' }), key('y'), { type: 'confirm-quit', stopRegistry: true }],
		['n at the quit question', session(0, { overlay: 'confirm-quit' }), key('n'), { type: 'confirm-quit', stopRegistry: false }],
		['Esc at the quit question', session(0, { overlay: 'confirm-quit' }), escape, { type: 'close-overlay' }],
		['Enter on the welcome screen', session(0, { view: 'welcome' }), enter, { type: 'start' }],
		['j on the welcome screen', session(0, { view: 'welcome' }), key('j'), undefined],
		['Enter on the summary', session(0, { view: 'summary' }), enter, { type: 'close-summary' }],
		['q on the summary', session(0, { view: 'summary' }), key('q'), { type: 'request-quit', by: 'key' }],
	])('%s', (_name, state, pressed, expected) => {
		expect(keyToAction(state, pressed, viewport)).toEqual(expected);
	});

	// Below the smallest size only a line asking for a bigger terminal shows: nothing types unseen.
	const tooSmall = { ...viewport, isTooSmall: true };
	it.each<[string, SessionState, KeyPress, SessionAction | undefined]>([
		['q in the answer field quits instead of typing', onQuestion, key('q'), { type: 'request-quit', by: 'key' }],
		['q on a task step quits', onTask, key('q'), { type: 'request-quit', by: 'key' }],
		['Ctrl+C quits', onQuestion, ctrlC, { type: 'request-quit', by: 'ctrl-c' }],
		['a letter in the answer field types nothing', onQuestion, key('j'), undefined],
		['Enter submits nothing', onQuestion, enter, undefined],
		['↓ moves nothing', onTask, down, undefined],
		['h shows no hint', onTask, key('h'), undefined],
		['q in the variables form quits', session(0, { view: 'variables' }), key('q'), { type: 'request-quit', by: 'key' }],
	])('in a terminal too small for the lab: %s', (_name, state, pressed, expected) => {
		expect(keyToAction(state, pressed, tooSmall)).toEqual(expected);
	});
});

describe('reduceSession', () => {
	const press = (state: SessionState, ...keys: KeyPress[]): SessionState =>
		keys.reduce((current, pressed) => reduceSession(current, { type: 'key', key: pressed, viewport }), state);

	it('types j and k into the answer on a question, where only arrows move', () => {
		const state = press(onQuestion, key('j'), key('k'), up);
		expect(stepProgress(state, 'reference-defaults').draft?.text).toBe('jk');
		expect(state.steps[state.selected]?.id).toBe('run-registry');
	});

	it('edits in the middle of the answer with ← and Backspace, as on a command line', () => {
		const left = key('', { leftArrow: true });
		const state = press(
			onQuestion,
			key('docker.io/kiamol/ch05-pi:latset'),
			left,
			left,
			key('', { delete: true }),
			key('', { rightArrow: true }),
			key('s'),
		);
		expect(stepProgress(state, 'reference-defaults').draft).toEqual({ text: 'docker.io/kiamol/ch05-pi:latest', cursor: 30 });
	});

	it('clears the answer with Ctrl+U and deletes a word with Ctrl+W', () => {
		const words = press(onQuestion, key('docker pull alpine'), key('w', { ctrl: true }));
		expect(stepProgress(words, 'reference-defaults').draft?.text).toBe('docker pull ');
		const cleared = press(words, key('u', { ctrl: true }));
		expect(stepProgress(cleared, 'reference-defaults').draft?.text).toBe('');
	});

	it('keeps a saved right answer when stray letters and Esc land on it', () => {
		const answered = session(3);
		const saved = {
			...answered,
			progress: {
				...answered.progress,
				'reference-defaults': {
					...stepProgress(answered, 'reference-defaults'),
					status: 'done' as const,
					answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true },
				},
			},
		};
		const typed = press(saved, key('j'), key('k'), key('q'));
		expect(stepProgress(typed, 'reference-defaults')).toMatchObject({ status: 'done', answer: { correct: true }, draft: { text: 'jkq' } });
		const escaped = press(typed, escape);
		expect(stepProgress(escaped, 'reference-defaults')).toMatchObject({
			status: 'done',
			answer: { text: 'docker.io/kiamol/ch05-pi:latest', correct: true },
		});
		expect(stepProgress(escaped, 'reference-defaults').draft).toBeUndefined();
		// And the letter keys are back: q asks to quit
		expect(press(escaped, key('q')).quit).toEqual({ stopRegistry: false, by: 'key' });
	});

	it('quits with q in a terminal too small to show the lab, and types nothing unseen', () => {
		const small = (state: SessionState, pressed: KeyPress): SessionState =>
			reduceSession(state, { type: 'key', key: pressed, viewport: { ...viewport, isTooSmall: true } });
		const typed = small(onQuestion, key('jj'));
		expect(stepProgress(typed, 'reference-defaults').draft).toBeUndefined();
		expect(small(onQuestion, key('q')).quit).toEqual({ stopRegistry: false, by: 'key' });
	});

	it('gives the letter keys back after Esc, so h shows a hint on a question', () => {
		const state = press(onQuestion, escape, key('h'));
		expect(stepProgress(state, 'reference-defaults').hintsShown).toBe(1);
	});

	it('applies two quick keys each to the state the one before left', () => {
		const state = press(onTask, key('s'), key('y'));
		expect(stepProgress(state, 'build-curl').solutionShown).toBe(true);
	});

	it('clears a notice on the next key', () => {
		const state = press({ ...onTask, notice: { text: 'hello', tone: 'info' } }, key('x'));
		expect(state.notice).toBeUndefined();
	});

	it('passes other actions straight to the session reducer', () => {
		expect(reduceSession(onTask, { type: 'move', delta: 1 }).selected).toBe(2);
	});
});

describe('keys that arrive together', () => {
	const together = (state: SessionState, input: string): SessionState => reduceSession(state, { type: 'key', key: key(input), viewport });

	it('types pasted text as one piece and submits at its newline', () => {
		const state = together(onQuestion, 'docker.io/kiamol/ch05-pi:latest\r');
		expect(state.judging).toMatchObject({ answer: 'docker.io/kiamol/ch05-pi:latest' });
	});

	it('treats each character as its own key outside the answer field', () => {
		const state = together(onTask, 'hh');
		expect(stepProgress(state, 'build-curl').hintsShown).toBe(2);
	});

	it.each<[string, boolean, Partial<KeyPress>[]]>([
		['a', false, [{ input: 'a' }]],
		['ab\r', true, [{ input: 'ab' }, { input: '\r', return: true }]],
		['ab\r\ncd', true, [{ input: 'ab' }, { return: true }, { input: 'cd' }]],
		['j\t\u007f', false, [{ input: 'j' }, { tab: true }, { backspace: true }]],
		['ab\u007f\u007fc', true, [{ input: 'ab' }, { backspace: true }, { backspace: true }, { input: 'c' }]],
	])('splits %j (typing: %s)', (input, isTyping, expected) => {
		expect(splitKeys(key(input), isTyping)).toEqual(expected.map((change) => expect.objectContaining(change)));
	});
});
