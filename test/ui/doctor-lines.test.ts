// The doctor's findings as lines: in full where something needs fixing, and on the welcome screen,
// when all is well, the ticks share lines so the start line stays in view on a 30-row terminal.
import { describe, expect, it } from 'vitest';
import type { DoctorItem } from '../../src/session/lab-port.js';
import { doctorLines } from '../../src/ui/doctor-lines.js';
import { welcomePane } from '../../src/ui/components/welcome.js';
import { text } from '../../src/ui/messages.js';

const ready: DoctorItem[] = [
	'Docker command',
	'Docker engine',
	'Docker or Podman',
	'Image registry:2',
	'Image alpine:latest',
	'Image alpine:3.22',
	'Port for registryPort',
	'Registry that plays Docker Hub',
	'Login to 127.0.0.1:5001',
	'curl',
].map((title) => ({ title, status: 'ok', message: 'fine' }));

describe('doctorLines', () => {
	it('lists one tick a line by default', () => {
		expect(doctorLines(ready, 100).map((line) => line.text)).toEqual([text.doctorOk, ...ready.map((item) => `✔ ${item.title}`)]);
	});

	it('puts the ticks on shared lines when asked and all is well', () => {
		const lines = doctorLines(ready, 100, { compactWhenReady: true }).map((line) => line.text);
		expect(lines[0]).toBe(text.doctorOk);
		expect(lines.length).toBeLessThan((ready.length + 1) / 2);
		for (const item of ready) expect(lines.join(' ')).toContain(`✔ ${item.title}`);
	});

	it('lists every finding in full when one needs fixing, compact or not', () => {
		const problem: DoctorItem[] = [...ready.slice(0, 3), { title: 'curl', status: 'fail', message: 'No curl.', fix: 'Install it.' }];
		expect(doctorLines(problem, 100, { compactWhenReady: true })).toEqual(doctorLines(problem, 100));
	});
});

describe('the welcome screen with ten checks passed', () => {
	it('keeps “Press Enter to start.” in view on a short screen (16 rows of body)', () => {
		const intro = Array.from({ length: 40 }, (_, index) => ({ text: `intro line ${index + 1}` }));
		const pane = welcomePane({ intro, workspace: '/w', hub: '127.0.0.1:5001', doctor: ready, width: 100, rows: 16, scroll: 0 });
		expect(pane.lines.map((line) => line.text)).toContain(text.welcomeStart);
	});
});

describe('the welcome screen with problems to fix', () => {
	it('cuts the doctor’s list above “Press Enter to start.”, never the start line', () => {
		const failing: DoctorItem[] = ready.map((item) => ({ ...item, status: 'fail', message: 'Not there.', fix: 'Install it.' }));
		const pane = welcomePane({ intro: [], workspace: '/w', hub: '127.0.0.1:5001', doctor: failing, width: 100, rows: 16, scroll: 0 });
		const shown = pane.lines.map((line) => line.text);
		expect(shown).toContain(text.welcomeStart);
		expect(shown).toContain('…');
		expect(shown.length).toBeLessThanOrEqual(16);
	});
});
