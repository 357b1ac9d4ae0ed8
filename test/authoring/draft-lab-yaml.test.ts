import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftLabYaml, draftSchemaReference } from '../../src/authoring/draft-lab-yaml.js';
import { importCoursePage } from '../../src/authoring/import-course-page.js';
import { loadLabFromText } from '../../src/lab/load-lab.js';

const seed = readFileSync(new URL('../fixtures/import/registries-lab.md', import.meta.url), 'utf8');
const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-draft-'));
const labDir = path.join(root, 'registries');
mkdirSync(labDir);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const draft = importCoursePage({ markdown: seed }, 'registries');
const text = draftLabYaml(draft, 'registries-lab.md', []);
const lines = text.split('\n');

/** 1-based line numbers of the lines that are exactly `indent + content`, trimmed. */
function linesOf(content: string): number[] {
	return lines.flatMap((line, index) => (line.trim() === content ? [index + 1] : []));
}

describe('the draft lab.yaml of a course page', () => {
	it('starts with the yaml-language-server schema line, as the README shows', () => {
		expect(lines[0]).toBe(`# yaml-language-server: $schema=${draftSchemaReference}`);
	});

	it('reads back as the draft: prompts, solutions, variables and TODO checks survive the YAML', () => {
		const data = parse(text) as { steps: Record<string, unknown>[]; variables: unknown; title: string };
		expect(data.title).toBe(draft.title);
		expect(data.variables).toEqual(draft.variables);
		draft.steps.forEach((step, index) => {
			const written = data.steps[index]!;
			expect(written.prompt).toBe(step.prompt);
			expect(written.solution).toEqual(step.solution);
			if (step.asks) expect(written.check).toEqual(step.asks.map((name) => ({ variable: name })));
			else if (!step.question) expect(written.check).toBe('TODO');
		});
	});

	it('says, in a comment above each TODO check, which kinds of check there are', () => {
		for (const line of linesOf('check: TODO')) expect(lines[line - 2]).toContain('Checks: run, http, tags, pushed, variable');
	});

	it('is reported by the loader at the line and column of every TODO, with what to write there', () => {
		const loaded = loadLabFromText(text, 'lab.yaml', labDir);
		const taskSteps = draft.steps.filter((step) => !step.question && !step.asks).length;
		const todoChecks = loaded.problems.filter((problem) => problem.message.includes('`check` is still TODO'));
		expect(todoChecks).toHaveLength(taskSteps);
		expect(todoChecks.map((problem) => problem.line)).toEqual(linesOf('check: TODO'));
		expect(todoChecks.every((problem) => problem.column === lines[problem.line - 1]!.indexOf('TODO') + 1)).toBe(true);
		expect(todoChecks[0]?.message).toMatch(/^step `[a-z0-9-]+`: `check` is still TODO: write the checks that pass once/);
		const kinds = loaded.problems.filter((problem) => problem.message.includes('`kind` is still TODO'));
		expect(kinds.map((problem) => problem.line)).toEqual(linesOf('kind: TODO'));
		expect(loaded.problems.filter((problem) => problem.message.includes('`accept` is still TODO')).map((problem) => problem.line)).toEqual(
			linesOf('accept: TODO'),
		);
	});

	it('has no problem the author cannot find: each is at a line of the file', () => {
		const loaded = loadLabFromText(text, 'lab.yaml', labDir);
		expect(loaded.lab).toBeUndefined();
		for (const problem of loaded.problems) {
			expect(problem.line).toBeGreaterThan(0);
			expect(problem.line).toBeLessThanOrEqual(lines.length);
		}
		// The cleanup command the page gives needs a shell: validate says so at its line.
		const shell = loaded.problems.find((problem) => problem.message.includes('docker rm -f $(docker ps -aq)'));
		expect(lines[shell!.line - 1]).toContain('- docker rm -f $(docker ps -aq)');
	});

	it('requires docker, and curl when the page’s commands use it, so doctor checks for both', () => {
		expect((parse(text) as { requires: string[] }).requires).toEqual(['docker', 'curl']);
		const noCurl = importCoursePage({ markdown: '## A\n\n```\ndocker ps\n```\n' }, 'a');
		expect((parse(draftLabYaml(noCurl, 'a.md', [])) as { requires: string[] }).requires).toEqual(['docker']);
	});

	it('lists the files the page builds from, and says in a comment which were not found beside the page', () => {
		const withFiles = draftLabYaml(draft, 'registries-lab.md', [{ path: 'labs/images/curl', isCopied: false }]);
		expect((parse(withFiles) as { files: string[] }).files).toEqual(['labs/images/curl']);
		expect(withFiles).toContain("# The page's commands use these; not found beside the page: labs/images/curl.");
		const loaded = loadLabFromText(withFiles, 'lab.yaml', labDir);
		expect(loaded.problems.some((problem) => problem.message === '`labs/images/curl` does not exist in the lab folder')).toBe(true);
	});
});
