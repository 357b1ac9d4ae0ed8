import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledLabIds, bundledLabsDir, defaultValidateTargets, LabNotFoundError, resolveLabPath } from '../../src/lab/find-labs.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
let cwd: string;

function addLab(folder: string): string {
	mkdirSync(folder, { recursive: true });
	const file = path.join(folder, 'lab.yaml');
	writeFileSync(file, 'version: 1\n');
	return file;
}

beforeEach(() => {
	cwd = mkdtempSync(path.join(tmpdir(), 'registry-lab-find-'));
});

afterEach(() => {
	rmSync(cwd, { recursive: true, force: true });
});

describe('bundledLabsDir', () => {
	it('is the labs folder at the package root, with the registries lab in it', () => {
		expect(bundledLabsDir()).toBe(path.join(packageRoot, 'labs') + path.sep);
		expect(bundledLabIds()).toContain('registries');
	});
});

describe('resolveLabPath', () => {
	it('finds a bundled lab by its id', () => {
		expect(resolveLabPath('registries', cwd)).toBe(path.join(bundledLabsDir(), 'registries', 'lab.yaml'));
	});

	it('prefers ./labs/<id> over the bundled lab of the same id', () => {
		const local = addLab(path.join(cwd, 'labs', 'registries'));
		expect(resolveLabPath('registries', cwd)).toBe(local);
	});

	it('accepts a lab folder or a lab.yaml, relative to the working folder', () => {
		const file = addLab(path.join(cwd, 'my-labs', 'first'));
		expect(resolveLabPath('my-labs/first', cwd)).toBe(file);
		expect(resolveLabPath('my-labs/first/lab.yaml', cwd)).toBe(file);
		expect(resolveLabPath(file, '/')).toBe(file);
	});

	it('names every place it tried and the bundled labs when nothing is found', () => {
		expect(() => resolveLabPath('regsitries', cwd)).toThrow(LabNotFoundError);
		expect(() => resolveLabPath('regsitries', cwd)).toThrow(
			`no lab "regsitries" (tried ${path.join(cwd, 'regsitries')}, ${path.join(cwd, 'labs', 'regsitries', 'lab.yaml')}, ${path.join(bundledLabsDir(), 'regsitries', 'lab.yaml')}); bundled labs: ${bundledLabIds().join(', ')}`,
		);
	});

	it('says when a folder has no lab.yaml', () => {
		mkdirSync(path.join(cwd, 'empty'));
		expect(() => resolveLabPath('empty', cwd)).toThrow('empty is a folder without a lab.yaml');
	});
});

describe('defaultValidateTargets', () => {
	it('is the bundled labs plus each lab under ./labs', () => {
		const local = addLab(path.join(cwd, 'labs', 'mine'));
		mkdirSync(path.join(cwd, 'labs', 'not-a-lab'));
		const targets = defaultValidateTargets(cwd);
		expect(targets).toContain(path.join(bundledLabsDir(), 'registries', 'lab.yaml'));
		expect(targets.at(-1)).toBe(local);
		expect(targets).toHaveLength(bundledLabIds().length + 1);
	});

	it('does not list the bundled labs twice when run from the package itself', () => {
		expect(defaultValidateTargets(packageRoot)).toEqual(defaultValidateTargets(cwd));
	});
});
