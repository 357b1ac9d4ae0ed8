import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runImport } from '../../src/commands/import.js';
import { runCommandFn } from './command-io.js';

const seed = new URL('../fixtures/import/registries-lab.md', import.meta.url);
const bundledDockerfile = new URL('../../labs/registries/images/curl/Dockerfile.v2', import.meta.url);

let root: string;
beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'registry-lab-import-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[]) {
	return runCommandFn(runImport, args, { cwd: root, env: {} });
}

/** A course repository as the seed lives in: labs/registries/README.md, commands run from its root. */
function courseTree(): string {
	mkdirSync(path.join(root, 'course', 'labs', 'registries'), { recursive: true });
	mkdirSync(path.join(root, 'course', 'labs', 'images', 'curl'), { recursive: true });
	copyFileSync(seed, path.join(root, 'course', 'labs', 'registries', 'README.md'));
	copyFileSync(bundledDockerfile, path.join(root, 'course', 'labs', 'images', 'curl', 'Dockerfile.v2'));
	return 'course/labs/registries/README.md';
}

describe('registry-lab import', () => {
	it('writes labs/<folder of a README>/lab.yaml and copies the folder the page builds from, found above the page', async () => {
		const result = await run([courseTree()]);
		expect(result.code, result.stderr).toBe(0);
		const labFile = path.join(root, 'labs', 'registries', 'lab.yaml');
		const lab = parse(readFileSync(labFile, 'utf8')) as { id: string; files: string[]; steps: unknown[] };
		expect(lab.id).toBe('registries');
		expect(lab.files).toEqual(['labs/images/curl']);
		expect(readFileSync(path.join(root, 'labs', 'registries', 'labs', 'images', 'curl', 'Dockerfile.v2'), 'utf8')).toBe(
			readFileSync(bundledDockerfile, 'utf8'),
		);
		expect(result.stdout).toContain(`Wrote ${path.join('labs', 'registries', 'lab.yaml')}: ${lab.steps.length} steps`);
		expect(result.stdout).toContain('Copied labs/images/curl');
		expect(result.stdout).toContain(`Next: registry-lab validate ${path.join('labs', 'registries')}`);
	});

	it('lists a file the page builds from that is nowhere to be found, without inventing it', async () => {
		copyFileSync(seed, path.join(root, 'registries-lab.md'));
		const result = await run(['registries-lab.md', '--out', 'drafts/registries']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('Not found beside the page: labs/images/curl');
		expect(existsSync(path.join(root, 'drafts', 'registries', 'labs'))).toBe(false);
		expect((parse(readFileSync(path.join(root, 'drafts', 'registries', 'lab.yaml'), 'utf8')) as { files: string[] }).files).toEqual([
			'labs/images/curl',
		]);
	});

	it('never overwrites a lab: a second import names the file and changes nothing', async () => {
		const page = courseTree();
		expect((await run([page])).code).toBe(0);
		const labFile = path.join(root, 'labs', 'registries', 'lab.yaml');
		writeFileSync(labFile, 'edited by the author\n');
		const again = await run([page]);
		expect(again.code).toBe(2);
		expect(again.stderr).toBe(
			`registry-lab import: ${path.join('labs', 'registries', 'lab.yaml')} already exists; nothing was written (import never overwrites): choose another --out or --id, or move it away\n`,
		);
		expect(readFileSync(labFile, 'utf8')).toBe('edited by the author\n');
	});

	it('refuses before writing anything when a file it would copy is already in the lab folder', async () => {
		const page = courseTree();
		const existing = path.join(root, 'labs', 'registries', 'labs', 'images', 'curl');
		mkdirSync(existing, { recursive: true });
		const result = await run([page]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`${path.join('labs', 'registries', 'labs', 'images', 'curl')} already exists; nothing was written`);
		expect(existsSync(path.join(root, 'labs', 'registries', 'lab.yaml'))).toBe(false);
	});

	it.each([
		[['missing.md'], `registry-lab import: cannot read the course page ${'<root>'}/missing.md: file not found\n`],
		[['.'], `registry-lab import: <root> is a folder; give the course page inside it, e.g. <root>/README.md\n`],
		[[], 'registry-lab import: give the course page to import\n\nUsage: registry-lab import'],
	])('says what is wrong with the page given (%j) and exits 2', async (args, message) => {
		const result = await run(args);
		expect(result.code).toBe(2);
		expect(result.stderr.replaceAll(root, '<root>')).toContain(message);
		expect(existsSync(path.join(root, 'labs'))).toBe(false);
	});

	it('refuses an --id that differs from the --out folder, since a lab id is its folder name', async () => {
		copyFileSync(seed, path.join(root, 'page.md'));
		const result = await run(['page.md', '--out', 'labs/one', '--id', 'two']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("--id two and the folder labs/one differ: a lab's id is its folder's name");
	});

	it('copies what sits beside the page when it builds from `.`, and takes hints.md and solution.md', async () => {
		const dir = path.join(root, 'web');
		mkdirSync(dir);
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
		writeFileSync(path.join(dir, 'page.md'), '# Web\n\n## Build\n\n```\ndocker build -t web .\n```\n\n## Lab\n\nRun it on port 8080.\n');
		writeFileSync(path.join(dir, 'hints.md'), '# Lab Hints\n\nUse `-p`.\n');
		writeFileSync(path.join(dir, 'solution.md'), '# Solution\n\n```\ndocker run -d -p 8080:80 web\n```\n');
		const result = await run(['web/page.md', '--id', 'web']);
		expect(result.code, result.stderr).toBe(0);
		const labDir = path.join(root, 'labs', 'web');
		const lab = parse(readFileSync(path.join(labDir, 'lab.yaml'), 'utf8')) as { files: string[]; steps: Record<string, unknown>[] };
		expect(lab.files).toEqual(['Dockerfile']);
		expect(readFileSync(path.join(labDir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
		expect(lab.steps[1]).toMatchObject({ title: 'Lab', hints: ['Use `-p`.'], solution: ['docker run -d -p 8080:80 web'], check: 'TODO' });
	});
});
