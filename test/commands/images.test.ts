import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes, formatProgress, runImagesCommand } from '../../src/commands/images.js';
import { runCommandFn } from './command-io.js';

describe('registry-lab images, told wrongly', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-images-cmd-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const run = (...args: string[]) => runCommandFn(runImagesCommand, args, { cwd: dir, env: { PATH: process.env.PATH } });

	it('asks for save or load, with the usage, and exits 2', async () => {
		const result = await run();
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^registry-lab images: say save or load\n\nUsage: registry-lab images save/);

		expect((await run('sve', 'x.tar')).stderr).toMatch(/^registry-lab images: unknown action sve; say save or load/);
	});

	it('wants the file to write for save, and the one file to load for load', async () => {
		expect(await run('save')).toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^registry-lab images save: name the file to write/),
		});
		expect(await run('load')).toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^registry-lab images load: give the one file to load/),
		});
	});

	it('says plainly when the file to load is not there, and runs no docker', async () => {
		const result = await run('load', 'usb.tar');
		expect(result).toEqual({
			code: 1,
			stdout: '',
			stderr: 'registry-lab images load: there is no file usb.tar. Give the path of the file registry-lab images save wrote.\n',
		});
	});
});

describe('how a save says how far it is', () => {
	it.each([
		[{ written: 5_500_000, total: 22_000_000 }, '  25% (5.5 MB of about 22.0 MB)'],
		[{ written: 30_000_000, total: 22_000_000 }, '  99% (30.0 MB of about 22.0 MB)'],
		[{ written: 700, total: 0 }, '  1 kB written'],
	])('shows %o as %s', (progress, line) => {
		expect(formatProgress(progress)).toBe(line);
	});

	it('writes sizes the way people read them', () => {
		expect([formatBytes(12_345), formatBytes(27_400_000), formatBytes(1_500_000_000)]).toEqual(['12 kB', '27.4 MB', '1.50 GB']);
	});
});
