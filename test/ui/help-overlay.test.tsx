// The help overlay lists every key, `d` among them, and leaves out notes that do not fit rather
// than cutting the list of keys.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { HelpOverlay, notesThatFit } from '../../src/ui/components/help-overlay.js';
import { helpLines, helpNotes } from '../../src/ui/messages.js';
import { wrapText } from '../../src/ui/text-layout.js';
import { frame } from './ink-helpers.js';

describe('HelpOverlay', () => {
	it('lists the d key for a failed check’s details', () => {
		const app = render(<HelpOverlay width={80} />);
		expect(frame(app)).toMatch(/^d +show or hide what a failed check saw$/m);
		app.unmount();
	});

	it('lists p, the proof of a step, in registry-lab dev only', () => {
		const dev = render(<HelpOverlay width={120} isDev />);
		expect(frame(dev)).toMatch(/^p +prove the step as `test` does/m);
		dev.unmount();
		const learner = render(<HelpOverlay width={120} />);
		expect(frame(learner)).not.toMatch(/^p +prove/m);
		learner.unmount();
	});

	it('shows every note when there is room', () => {
		expect(notesThatFit(80)).toHaveLength(helpNotes.length);
	});

	it('leaves out the last notes, whole, when they do not fit, and always shows every key', () => {
		// Given room for the keys and the first note only
		const first = wrapText(helpNotes[0] ?? '', 80);
		const height = 1 + helpLines.length + 1 + first.length;
		// Then
		expect(notesThatFit(80, height)).toEqual([first]);
		const app = render(<HelpOverlay width={80} height={height} />);
		const rows = frame(app).split('\n');
		expect(rows[0]).toBe('Keys');
		expect(rows).toHaveLength(height);
		for (const [keys] of helpLines) expect(rows.some((row) => row.startsWith(keys))).toBe(true);
		app.unmount();
	});
});
