// Compiled labs: a lab validated once loads from JSON next time, and only while nothing it was made
// from (its text, its folder's name, the validating code, the files it names) has changed.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledLabKey, loadLabForRun, writeCompiledLab } from '../../src/lab/compiled-lab.js';
import { loadLab } from '../../src/lab/load-lab.js';

const bundled = path.resolve('labs', 'registries');
let scratch: string;
let labDir: string;
let cacheDir: string;

beforeEach(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-compiled-'));
	labDir = path.join(scratch, 'registries');
	cpSync(bundled, labDir, { recursive: true });
	cacheDir = path.join(scratch, 'cache');
});

afterEach(() => {
	rmSync(scratch, { recursive: true, force: true });
});

const labFile = () => path.join(labDir, 'lab.yaml');
const options = (codeId: string | undefined = 'code-1') => ({ codeId, readDirs: [cacheDir], writeDir: cacheDir });

describe('loadLabForRun', () => {
	it('keeps a valid lab after its first load and gives exactly what a full load gives', async () => {
		const first = await loadLabForRun(labDir, options());
		expect(first.problems).toEqual([]);
		expect(readdirSync(cacheDir)).toHaveLength(1);
		const again = await loadLabForRun(labDir, options());
		const full = loadLab(labDir);
		expect(JSON.stringify({ lab: again.lab, file: again.file, dir: again.dir })).toBe(
			JSON.stringify({ lab: full.lab, file: full.file, dir: full.dir }),
		);
	});

	it('reads the compiled form when its key matches, without parsing the YAML', async () => {
		const text = readFileSync(labFile(), 'utf8');
		const key = compiledLabKey(text, 'registries', 'code-1');
		const full = loadLab(labDir);
		writeCompiledLab(cacheDir, key, { lab: { ...full.lab!, title: 'From the compiled form' } });
		expect((await loadLabForRun(labDir, options())).lab?.title).toBe('From the compiled form');
		// Another build of the code, or another folder name, has another key.
		expect((await loadLabForRun(labDir, { ...options('code-2'), writeDir: undefined })).lab?.title).toBe(full.lab?.title);
	});

	it('validates again when the text changes, and reports the new problems', async () => {
		await loadLabForRun(labDir, options());
		writeFileSync(labFile(), readFileSync(labFile(), 'utf8').replace(/^title: .*$/m, 'title: 42'));
		const changed = await loadLabForRun(labDir, options());
		expect(changed.problems.length).toBeGreaterThan(0);
		expect(changed.problems[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
		// A lab with problems is not kept: still only the first one.
		expect(readdirSync(cacheDir)).toHaveLength(1);
	});

	it('validates again when a file the lab names has gone, though its text is the same', async () => {
		await loadLabForRun(labDir, options());
		rmSync(path.join(labDir, 'images'), { recursive: true, force: true });
		const loaded = await loadLabForRun(labDir, options());
		expect(loaded.problems.map((problem) => problem.message).join('\n')).toMatch(/images/);
	});

	it('keeps nothing without the code’s identity (running from source)', async () => {
		const loaded = await loadLabForRun(labDir, { ...options(), codeId: undefined });
		expect(loaded.problems).toEqual([]);
		expect(existsSync(cacheDir)).toBe(false);
	});

	it('ignores a damaged compiled file and loads in full', async () => {
		const key = compiledLabKey(readFileSync(labFile(), 'utf8'), 'registries', 'code-1');
		writeCompiledLab(cacheDir, key, loadLab(labDir));
		writeFileSync(path.join(cacheDir, `${key}.json`), '{"format":1,');
		expect((await loadLabForRun(labDir, options())).lab?.id).toBe('registries');
	});

	it('says what is wrong with a lab file that cannot be read, as a full load does', async () => {
		const missing = await loadLabForRun(path.join(scratch, 'nowhere', 'lab.yaml'), options());
		expect(missing.problems[0]?.message).toBe('file not found');
	});
});
