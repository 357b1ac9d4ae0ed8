import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassRow } from '../../src/classroom/progress-document.js';
import { ClassWatchApp } from '../../src/ui/class-watch-app.js';
import { formatDuration } from '../../src/report/class-report.js';
import { classTableLines, nextOrder } from '../../src/ui/class-table.js';
import { frame, keys, press, resize, waitForFrame } from './ink-helpers.js';

const now = Date.parse('2026-12-06T10:00:00Z');
const minutes = (count: number): number => count * 60_000;

function row(name: string, done: number, onCurrentMs: number | undefined, change: Partial<ClassRow> = {}): ClassRow {
	return {
		name,
		done,
		total: 20,
		...(onCurrentMs === undefined ? {} : { currentStep: 'push-hub', currentTitle: 'Push your image to Docker Hub', onCurrentMs }),
		hints: 1,
		solutions: 0,
		answersRight: 1,
		answersWrong: 2,
		lastSeen: now - 30_000,
		...change,
	};
}

// Bo has been stuck longest, Ana has done more, Cy is finished: each order is a different one.
const classRows = [row('ana', 12, minutes(3)), row('cy', 20, undefined), row('bo', 4, minutes(25))];

/** The learners' names in the order the frame lists them. */
function namesInOrder(shown: string): string[] {
	return shown
		.split('\n')
		.map((line) => /^(ana|bo|cy)\s/.exec(line)?.[1])
		.filter((name): name is string => name !== undefined);
}

function watch(read: () => Promise<readonly ClassRow[]>, refreshMs = 60_000) {
	const app = render(<ClassWatchApp title="registries at 127.0.0.1:5000" read={read} refreshMs={refreshMs} now={() => now} />);
	resize(app, 100, 20);
	return app;
}

afterEach(() => {
	cleanup();
});

describe('class watch: the instructor’s live table', () => {
	it('Given three learners, then it lists them stuck longest first, the finished last, with done, time on the step and answers', async () => {
		const app = watch(async () => classRows);
		const shown = await waitForFrame(app, 'cy');
		expect(namesInOrder(shown)).toEqual(['bo', 'ana', 'cy']);
		expect(shown).toContain('Class: registries at 127.0.0.1:5000');
		expect(shown).toContain('3 learners · stuck longest first');
		const bo = shown.split('\n').find((line) => line.startsWith('bo'));
		expect(bo).toMatch(/bo\s+4\/20\s+25m\s+Push your image to Docker Hub\s+1\s+0\s+1✓ 2✗\s+30s ago/);
		expect(shown.split('\n').find((line) => line.startsWith('cy'))).toContain('finished');
	});

	it('Given the table, when the instructor presses n, p and s, then it re-sorts by name, by progress, and back to stuck first', async () => {
		const app = watch(async () => classRows);
		await waitForFrame(app, 'cy');
		await press(app, 'n');
		expect(namesInOrder(await waitForFrame(app, 'learners · by name'))).toEqual(['ana', 'bo', 'cy']);
		await press(app, 'p');
		expect(namesInOrder(await waitForFrame(app, 'learners · most done first'))).toEqual(['cy', 'ana', 'bo']);
		await press(app, 's');
		expect(namesInOrder(await waitForFrame(app, 'learners · stuck longest first'))).toEqual(['bo', 'ana', 'cy']);
		await press(app, keys.tab);
		expect(namesInOrder(await waitForFrame(app, 'learners · by name'))).toEqual(['ana', 'bo', 'cy']);
	});

	it('Given a read that fails after one that worked, then the header says why and the last table stays', async () => {
		let reads = 0;
		const app = watch(async () => {
			reads += 1;
			if (reads === 1) return classRows;
			throw new Error('the registry at 127.0.0.1:5000 did not answer');
		}, 20);
		const shown = await waitForFrame(app, 'Could not read the class: the registry at 127.0.0.1:5000 did not answer');
		expect(namesInOrder(shown)).toEqual(['bo', 'ana', 'cy']);
	});

	it('Given a learner publishes between reads, then the next read shows them', async () => {
		let rows: ClassRow[] = [row('bo', 12, minutes(3))];
		const app = watch(async () => rows, 20);
		await waitForFrame(app, '1 learner ·');
		rows = classRows;
		expect(namesInOrder(await waitForFrame(app, '3 learners'))).toEqual(['bo', 'ana', 'cy']);
	});

	it('Given nobody has published yet, then it says how learners publish', async () => {
		const app = watch(async () => []);
		expect(await waitForFrame(app, 'Nobody has published yet')).toContain('--classroom and --as');
		expect(frame(app)).toContain('q quit');
	});
});

describe('the class table’s pure parts', () => {
	it.each([
		[45_000, '45s'],
		[minutes(12), '12m'],
		[minutes(65), '1h 05m'],
		[minutes(60 * 51), '2d 3h'],
	])('says %i ms as %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});

	it('cycles the order stuck → name → progress → stuck', () => {
		expect([nextOrder('stuck'), nextOrder('name'), nextOrder('progress')]).toEqual(['name', 'progress', 'stuck']);
	});

	it('keeps every line within the width, cutting the step’s title first', () => {
		const lines = classTableLines(classRows, 70, now);
		expect(lines.every((line) => line.length <= 70)).toBe(true);
		expect(lines[1]).toMatch(/^ana\s/);
	});
});
