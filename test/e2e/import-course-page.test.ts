// An author brings a course page in: `registry-lab import` of the registries course page (the seed,
// kept in test/fixtures/import), then `registry-lab validate` of the draft, with the built CLI in a
// temporary folder. Every problem the draft has must be placed at a line, and each check still to
// write must be one of them. Nothing here needs Docker.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, runCli } from '../commands/built-cli.js';

const seed = new URL('../fixtures/import/registries-lab.md', import.meta.url);

interface DraftStep {
	id: string;
	solution?: string[];
	check?: unknown;
	question?: unknown;
}

describe('registry-lab import of the registries course page, then validate', () => {
	let root: string;
	let env: Record<string, string>;
	let imported: { code: number | null; stdout: string; stderr: string };
	let labText: string;

	beforeAll(async () => {
		ensureBuilt();
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-import-e2e-'));
		env = { REGISTRY_LAB_STATE_DIR: path.join(root, 'state'), REGISTRY_LAB_WORKSPACE: path.join(root, 'workspace') };
		copyFileSync(seed, path.join(root, 'registries-lab.md'));
		imported = await runCli(['import', 'registries-lab.md', '--out', 'labs/registries'], { cwd: root, env });
		labText = readFileSync(path.join(root, 'labs', 'registries', 'lab.yaml'), 'utf8');
	});

	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('writes the draft and says what to run next', () => {
		expect(imported.code, imported.stderr).toBe(0);
		expect(imported.stdout).toMatch(/^Wrote labs\/registries\/lab\.yaml: \d+ steps from registries-lab\.md/);
		expect(imported.stdout).toContain('Next: registry-lab validate labs/registries');
		expect(labText.split('\n')[0]).toBe('# yaml-language-server: $schema=../../node_modules/registry-lab/schema/lab.schema.json');
	});

	it('holds at least ten steps carrying the page’s commands, with {{dockerId}} declared and asked for', () => {
		const lab = parse(labText) as { steps: DraftStep[]; variables: Record<string, { ask?: string }> };
		expect(lab.steps.length).toBeGreaterThanOrEqual(10);
		const solutions = lab.steps.flatMap((step) => step.solution ?? []);
		for (const command of [
			'docker build -t {{dockerId}}/curl:21.06 -f labs/images/curl/Dockerfile.v2 labs/images/curl',
			'docker push {{dockerId}}/curl:21.06',
			'docker tag {{dockerId}}/curl:21.06 {{dockerId}}/curl:21.07',
			'docker push --all-tags {{dockerId}}/curl',
			'docker tag alpine localhost:5000/alpine',
			'docker push localhost:5000/alpine',
			'curl --head localhost:5000/v2/',
			'curl localhost:5000/v2/alpine/tags/list',
			'docker image rm localhost:5000/alpine',
			'docker pull localhost:5000/alpine',
			'docker tag alpine localhost:5000/alpine:21.07',
		])
			expect(solutions).toContain(command);
		// The page pins registry:2.7.1; the draft keeps the page's words.
		expect(solutions.some((command) => command.startsWith('docker run -d -p 5000:5000 --name registry registry:2'))).toBe(true);
		expect(lab.variables.dockerId?.ask).toBeTruthy();
	});

	it('validates to problems that are all placed at a line, a TODO for each task step without a check', async () => {
		const validated = await runCli(['validate', 'labs/registries'], { cwd: root, env });
		expect(validated.code).toBe(1);
		const output = validated.stdout.split('\n').filter(Boolean);
		const summary = /^1 lab checked, (\d+) problems$/.exec(output.at(-1) ?? '');
		const problemLines = output.slice(0, -1);
		expect(Number(summary?.[1])).toBe(problemLines.length);
		expect(problemLines.length).toBeGreaterThan(0);
		for (const line of problemLines) expect(line).toMatch(/^labs\/registries\/lab\.yaml:\d+:\d+: /);

		const lines = labText.split('\n');
		const todoLines = lines.flatMap((line, index) => (line.trim() === 'check: TODO' ? [index + 1] : []));
		const lab = parse(labText) as { steps: DraftStep[] };
		const withoutCheck = lab.steps.filter((step) => !step.question && !Array.isArray(step.check));
		expect(todoLines).toHaveLength(withoutCheck.length);
		for (const [index, line] of todoLines.entries()) {
			const column = lines[line - 1]!.indexOf('TODO') + 1;
			expect(problemLines).toContain(
				`labs/registries/lab.yaml:${line}:${column}: step \`${withoutCheck[index]!.id}\`: \`check\` is still TODO: write the checks that pass once the learner has done this step, e.g. \`- run: docker image inspect NAME\` or \`- http: http://localhost:5000/v2/\` (see "Checks" under "Writing a lab" in the README)`,
			);
		}
	});

	it('never overwrites the draft: a second import names the file', async () => {
		const again = await runCli(['import', 'registries-lab.md', '--out', 'labs/registries'], { cwd: root, env });
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('labs/registries/lab.yaml already exists; nothing was written');
		expect(readFileSync(path.join(root, 'labs', 'registries', 'lab.yaml'), 'utf8')).toBe(labText);
	});

	it('says plainly that a course page is missing, without a stack trace', async () => {
		const missing = await runCli(['import', 'nowhere.md'], { cwd: root, env });
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe(`registry-lab import: cannot read the course page ${path.join(root, 'nowhere.md')}: file not found\n`);
	});
});
