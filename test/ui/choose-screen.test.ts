import { describe, expect, it } from 'vitest';
import type { Overlay, StepProgress, View } from '../../src/session/session-reducer.js';
import { chooseScreen, keysFor, type Screen } from '../../src/ui/choose-screen.js';
import { keysHint } from '../../src/ui/messages.js';

const fresh: StepProgress = { status: 'not-yet', results: [], hintsShown: 0, solutionShown: false };

describe('chooseScreen', () => {
	it.each<[View, Overlay | undefined, Screen]>([
		['lab', undefined, 'steps'],
		['lab', 'confirm-solution', 'steps'],
		['lab', 'help', 'help'],
		['lab', 'doctor', 'doctor'],
		['lab', 'confirm-quit', 'confirm-quit'],
		['welcome', undefined, 'welcome'],
		['welcome', 'help', 'help'],
		['variables', undefined, 'variables'],
		['variables', 'confirm-quit', 'confirm-quit'],
		['summary', undefined, 'summary'],
		['summary', 'doctor', 'doctor'],
	])('given the view %s and the overlay %s, shows %s', (view, overlay, screen) => {
		expect(chooseScreen({ view, overlay })).toBe(screen);
	});
});

describe('keysFor', () => {
	const keysState = { overlay: undefined, focus: 'keys' as const, isAutoCheck: true };

	it('names the way back on an overlay and each screen’s own keys elsewhere', () => {
		expect(keysFor('help', keysState, undefined, fresh)).toBe(keysHint.anyKey);
		expect(keysFor('doctor', keysState, undefined, fresh)).toBe(keysHint.anyKey);
		expect(keysFor('confirm-quit', keysState, undefined, fresh)).toBe(keysHint.confirmQuit);
		expect(keysFor('variables', keysState, undefined, fresh)).toBe(keysHint.variables);
		expect(keysFor('welcome', keysState, undefined, fresh)).toBe(keysHint.welcome);
		expect(keysFor('summary', keysState, undefined, fresh)).toBe(keysHint.summary);
	});

	it('on the steps, asks y or n while a solution waits to be confirmed', () => {
		expect(keysFor('steps', { ...keysState, overlay: 'confirm-solution' }, { isQuestion: false }, fresh)).toBe(keysHint.confirm);
	});

	it('on a question, says letters type while the answer field has the keys, and names Tab otherwise', () => {
		expect(keysFor('steps', { ...keysState, focus: 'answer' }, { isQuestion: true }, fresh)).toBe(keysHint.answer);
		expect(keysFor('steps', keysState, { isQuestion: true }, fresh)).toBe(keysHint.questionKeys(true));
	});

	it('on a task, shows whether auto-check is on', () => {
		expect(keysFor('steps', { ...keysState, isAutoCheck: false }, { isQuestion: false }, fresh)).toBe(keysHint.keys(false));
	});
});
