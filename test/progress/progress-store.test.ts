import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createProgressStore,
	loadProgress,
	progressPath,
	resetProgress,
	saveProgress,
	stateDir,
	type ProgressState,
} from '../../src/progress/progress-store.js';
import { savedProgress } from '../support/saved-progress.js';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'registry-lab-progress-'));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** Progress with something of every kind in it, so a lost field shows. */
function progress(change: Partial<ProgressState> = {}): ProgressState {
	return savedProgress({
		done: ['set-docker-id'],
		hintsShown: { 'build-curl': 2 },
		answers: { 'reference-defaults': { text: 'kiamol/ch05-pi', correct: false } },
		selected: 'build-curl',
		...change,
	});
}

describe('stateDir', () => {
	it('uses REGISTRY_LAB_STATE_DIR when it is set', () => {
		expect(stateDir({ REGISTRY_LAB_STATE_DIR: '/tmp/elsewhere' })).toBe('/tmp/elsewhere');
	});

	it.runIf(process.platform === 'linux')('uses the XDG state folder on Linux', () => {
		const before = process.env.XDG_STATE_HOME;
		process.env.XDG_STATE_HOME = '/xdg/state';
		try {
			expect(stateDir({})).toBe('/xdg/state/registry-lab');
		} finally {
			if (before === undefined) delete process.env.XDG_STATE_HOME;
			else process.env.XDG_STATE_HOME = before;
		}
	});
});

describe('progressPath', () => {
	it('puts each lab in its own file under progress/', () => {
		expect(progressPath('registries', { dir })).toBe(join(dir, 'progress', 'registries.json'));
	});

	it.each(['../escape', 'Registries', 'a/b', ''])('refuses the lab id %j', (labId) => {
		expect(() => progressPath(labId, { dir })).toThrow(/lab id/);
	});

	it('puts the state folder at REGISTRY_LAB_STATE_DIR of the env it is given, never of the process', () => {
		expect(progressPath('registries', { dir: stateDir({ REGISTRY_LAB_STATE_DIR: dir }) })).toBe(join(dir, 'progress', 'registries.json'));
	});
});

describe('saving and loading', () => {
	it('finds nothing on a first run', async () => {
		expect(await loadProgress('registries', { dir })).toEqual({});
	});

	it('loads what it saved', async () => {
		await saveProgress(progress(), { dir });
		expect(await loadProgress('registries', { dir })).toEqual({ state: progress() });
	});

	it('replaces the file and leaves no temporary file behind', async () => {
		await saveProgress(progress(), { dir });
		await saveProgress(progress({ done: ['set-docker-id', 'build-curl'], finishedAt: '2026-01-10T10:00:00.000Z' }), { dir });
		expect(await readdir(join(dir, 'progress'))).toEqual(['registries.json']);
		expect((await loadProgress('registries', { dir })).state?.done).toEqual(['set-docker-id', 'build-curl']);
	});

	it.runIf(process.platform !== 'win32')('keeps the file private to the learner', async () => {
		await saveProgress(progress(), { dir });
		expect((await stat(progressPath('registries', { dir }))).mode & 0o077).toBe(0);
	});

	it('keeps the old file intact when a save fails', async () => {
		await saveProgress(progress(), { dir });
		// A folder where the file should go makes the rename fail after the temp file is written.
		const blocked = progress({ labId: 'other' });
		await mkdir(progressPath('other', { dir }), { recursive: true });
		await expect(saveProgress(blocked, { dir })).rejects.toThrow();
		expect((await readdir(join(dir, 'progress'))).sort()).toEqual(['other.json', 'registries.json']);
		expect((await loadProgress('registries', { dir })).state).toEqual(progress());
	});
});

describe('a damaged file', () => {
	const now = () => new Date('2026-01-10T11:22:33.456Z');

	it.each([
		['text that is not JSON', '{"version": 1, "labId": "regis'],
		['JSON of the wrong shape', JSON.stringify({ version: 1, labId: 'registries', done: 'all' })],
		['a newer format', JSON.stringify({ ...progress(), version: 2 })],
		['another lab’s progress', JSON.stringify(progress({ labId: 'other' }))],
	])('with %s is backed up and the lab starts fresh, telling the learner', async (_name, content) => {
		const path = progressPath('registries', { dir });
		await mkdir(join(dir, 'progress'), { recursive: true });
		await writeFile(path, content);
		const loaded = await loadProgress('registries', { dir, now });
		const backupPath = `${path}.corrupt-2026-01-10T11-22-33-456Z`;
		expect(loaded).toEqual({ backupPath, notice: expect.stringContaining(backupPath) });
		expect(loaded.notice).toMatch(/starts fresh/);
		expect(await readFile(backupPath, 'utf8')).toBe(content);
		expect(await loadProgress('registries', { dir, now })).toEqual({});
	});
});

describe('reset', () => {
	it('removes the saved progress and says whether there was any', async () => {
		await saveProgress(progress(), { dir });
		expect(await resetProgress('registries', { dir })).toBe(true);
		expect(await loadProgress('registries', { dir })).toEqual({});
		expect(await resetProgress('registries', { dir })).toBe(false);
	});
});

describe('createProgressStore', () => {
	it('binds the folder for the UI', async () => {
		const store = createProgressStore({ dir });
		await store.save(progress());
		expect((await store.load('registries')).state?.selected).toBe('build-curl');
		expect(store.path('registries')).toBe(join(dir, 'progress', 'registries.json'));
		expect(await store.reset('registries')).toBe(true);
	});
});
