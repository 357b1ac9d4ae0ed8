import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labContentHash } from '../../src/trust/content-hash.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-hash-'));
	mkdirSync(path.join(dir, 'images', 'curl'), { recursive: true });
	writeFileSync(path.join(dir, 'lab.yaml'), 'version: 1\nid: x\n');
	writeFileSync(path.join(dir, 'images', 'curl', 'Dockerfile'), 'FROM alpine\n');
	writeFileSync(path.join(dir, 'setup.sh'), 'echo hi\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const hashOf = (files: string[] = ['images', 'setup.sh']) => labContentHash({ file: path.join(dir, 'lab.yaml'), dir, files });

describe('labContentHash', () => {
	it('is a sha256 that stays the same while nothing changes, whatever the order of the files', () => {
		const first = hashOf();
		expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(hashOf(['setup.sh', 'images'])).toBe(first);
	});

	it('changes when lab.yaml changes', () => {
		const before = hashOf();
		writeFileSync(path.join(dir, 'lab.yaml'), 'version: 1\nid: x\n# edited\n');
		expect(hashOf()).not.toBe(before);
	});

	it('changes when a listed file changes, also deep inside a listed folder, or a file is added there', () => {
		const before = hashOf();
		writeFileSync(path.join(dir, 'setup.sh'), 'touch /tmp/x\n');
		const afterScript = hashOf();
		expect(afterScript).not.toBe(before);
		writeFileSync(path.join(dir, 'images', 'curl', 'Dockerfile'), 'FROM alpine\nRUN true\n');
		const afterDockerfile = hashOf();
		expect(afterDockerfile).not.toBe(afterScript);
		writeFileSync(path.join(dir, 'images', 'curl', 'extra.sh'), 'echo\n');
		expect(hashOf()).not.toBe(afterDockerfile);
	});

	it('changes when a file moves to another name with the same content', () => {
		const before = hashOf();
		rmSync(path.join(dir, 'setup.sh'));
		writeFileSync(path.join(dir, 'images', 'setup.sh'), 'echo hi\n');
		expect(hashOf(['images', 'setup.sh'])).not.toBe(before);
	});

	it('ignores files the lab does not list (they never reach the workspace)', () => {
		const before = hashOf();
		writeFileSync(path.join(dir, 'notes.txt'), 'private\n');
		expect(hashOf()).toBe(before);
	});

	it('counts a listed file that is missing, and ends on a folder link loop', () => {
		const withMissing = hashOf(['images', 'setup.sh', 'gone.sh']);
		expect(withMissing).not.toBe(hashOf());
		symlinkSync(path.join(dir, 'images'), path.join(dir, 'images', 'curl', 'loop'));
		expect(hashOf()).toMatch(/^sha256:/);
	});
});
