// `registry-lab new <id>`: a lab that validates as written, commented for a first-time author, and
// never written over an existing one. (test/e2e/new-lab.test.ts proves it under `registry-lab test`.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { titleFromId } from '../../src/authoring/scaffold.js';
import { runNewCommand } from '../../src/commands/new.js';
import { loadLab } from '../../src/lab/load-lab.js';

let root: string;

async function newLab(...args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await runNewCommand(args, {
		stdout: (text: string) => (stdout += text),
		stderr: (text: string) => (stderr += text),
		cwd: root,
		env: {},
	} as unknown as Parameters<typeof runNewCommand>[1]);
	return { code, stdout, stderr };
}

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'registry-lab-new-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('registry-lab new', () => {
	it('writes labs/<id>/lab.yaml and its files, which load with no problem', async () => {
		const result = await newLab('tag-basics');
		expect(result).toMatchObject({ code: 0, stderr: '' });
		expect(result.stdout).toContain('Wrote labs/tag-basics/lab.yaml');
		expect(result.stdout).toContain('registry-lab test labs/tag-basics');
		const loaded = loadLab(path.join(root, 'labs', 'tag-basics'));
		expect(loaded.problems).toEqual([]);
		expect(loaded.lab).toMatchObject({ id: 'tag-basics', title: 'Tag basics' });
		const [task, question] = loaded.lab!.steps;
		expect(task).toMatchObject({ id: 'build' });
		expect(task?.hints?.length).toBeGreaterThan(0);
		expect(task?.setup?.length).toBeGreaterThan(0);
		expect(task?.solution?.length).toBeGreaterThan(0);
		expect(task?.check?.length).toBeGreaterThan(0);
		expect(question?.question?.kind).toBe('choice');
		expect(loaded.lab!.steps.at(-1)).toMatchObject({ id: 'cleanup', cleanup: true });
	});

	it('starts with the schema line for the editor, and comments for the fields a first-time author meets', async () => {
		await newLab('tag-basics');
		const text = readFileSync(path.join(root, 'labs', 'tag-basics', 'lab.yaml'), 'utf8');
		expect(text.split('\n')[0]).toMatch(
			/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/registry-lab@[\w.-]+\/schema\/lab\.schema\.json$/,
		);
		for (const field of ['hints:', 'setup:', 'solution:', 'check:', 'question:', 'images:'])
			expect(text).toMatch(new RegExp(`# [^\\n]+\\n\\s*${field}`));
	});

	it('points the schema line at the installed package when the folder has one', async () => {
		mkdirSync(path.join(root, 'node_modules', 'registry-lab', 'schema'), { recursive: true });
		writeFileSync(path.join(root, 'node_modules', 'registry-lab', 'schema', 'lab.schema.json'), '{}');
		await newLab('tag-basics');
		const first = readFileSync(path.join(root, 'labs', 'tag-basics', 'lab.yaml'), 'utf8').split('\n')[0];
		expect(first).toBe('# yaml-language-server: $schema=../../node_modules/registry-lab/schema/lab.schema.json');
	});

	it('writes under --dir instead of the current folder', async () => {
		expect((await newLab('other', '--dir', 'courses')).code).toBe(0);
		expect(existsSync(path.join(root, 'courses', 'labs', 'other', 'lab.yaml'))).toBe(true);
	});

	it('never overwrites: a lab that is there stays as it was, and nothing is written', async () => {
		mkdirSync(path.join(root, 'labs', 'tag-basics'), { recursive: true });
		writeFileSync(path.join(root, 'labs', 'tag-basics', 'lab.yaml'), 'mine\n');
		const result = await newLab('tag-basics');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`${path.join(root, 'labs', 'tag-basics', 'lab.yaml')} already exists; nothing was written`);
		expect(readFileSync(path.join(root, 'labs', 'tag-basics', 'lab.yaml'), 'utf8')).toBe('mine\n');
		expect(existsSync(path.join(root, 'labs', 'tag-basics', 'app'))).toBe(false);
	});

	it.each([['Tag_Basics'], ['1lab'], ['../escape']])('refuses the id %j, saying what an id is', async (id) => {
		const result = await newLab(id);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('lowercase letters, digits and dashes');
		expect(existsSync(path.join(root, 'labs'))).toBe(false);
	});

	it('asks for an id when none is given', async () => {
		const result = await newLab();
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('give one lab id');
	});

	it('makes a title of the id', () => {
		expect(titleFromId('tag-basics')).toBe('Tag basics');
		expect(titleFromId('registries')).toBe('Registries');
	});
});
