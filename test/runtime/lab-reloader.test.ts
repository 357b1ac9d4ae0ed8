// The author's mode on a real folder: saves of lab.yaml (written in place or renamed over it, as
// editors do) and of the files it lists reload the lab into the runtime; a broken file is reported
// as lab.yaml:LINE:COL problems; files the lab does not list are ignored.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/lab/load-lab.js';
import type { LabReload } from '../../src/session/lab-port.js';
import { createLabReloader } from '../../src/runtime/lab-reloader.js';
import { createLabRuntime, type ReloadableLabRuntime } from '../../src/runtime/lab-runtime.js';
import { isLabFileChange } from '../../src/runtime/watch-lab-files.js';
import { prepareWorkspace } from '../../src/workspace/prepare-workspace.js';
import { eventually } from '../support/eventually.js';

const labYaml = (title: string) => `version: 1
id: dev-demo
title: ${title}
files: [scripts]
steps:
  - id: make
    title: Make a file
    prompt: Make made.txt.
    hints: [Use touch.]
    solution: ['touch made.txt']
    check:
      - run: test -f made.txt
        fail: There is no made.txt yet.
`;

describe('isLabFileChange', () => {
	it.each([
		['lab.yaml', true],
		['scripts/setup.sh', true],
		['scripts', true],
		['notes.md', false],
		['.lab.yaml.swp', false],
		['lab.yaml~', false],
		['scripts-old/setup.sh', false],
	])('%s is a change of the lab: %s', (changed, expected) => {
		expect(isLabFileChange(changed, 'lab.yaml', ['scripts/'])).toBe(expected);
	});
});

describe('the lab reloader on a real folder', () => {
	let root: string;
	let labDir: string;
	let runtime: ReloadableLabRuntime;
	let controller: AbortController;
	let reloads: LabReload[];

	beforeEach(async () => {
		root = mkdtempSync(path.join(tmpdir(), 'registry-lab-reloader-'));
		labDir = path.join(root, 'dev-demo');
		mkdirSync(path.join(labDir, 'scripts'), { recursive: true });
		writeFileSync(path.join(labDir, 'scripts', 'setup.sh'), 'echo one\n');
		writeFileSync(path.join(labDir, 'lab.yaml'), labYaml('First title'));
		const workspace = path.join(root, 'workspace');
		// As prepareLab makes it when dev starts: the files copied, and a record of what was copied.
		await prepareWorkspace({ labId: 'dev-demo', dir: workspace, env: {}, labDir, files: ['scripts'] });
		runtime = createLabRuntime({ lab: loadLab(labDir).lab!, vars: {}, workspace, env: {} });
		controller = new AbortController();
		reloads = [];
		createLabReloader({ file: path.join(labDir, 'lab.yaml'), dir: labDir, shownFile: 'lab.yaml', runtime, env: {}, debounceMs: 50 }).watch(
			(reload) => reloads.push(reload),
			controller.signal,
		);
	});

	afterEach(() => {
		controller.abort();
		rmSync(root, { recursive: true, force: true });
	});

	const next = (count: number) =>
		eventually(() => reloads.length >= count && reloads[count - 1], { what: `reload ${count}`, timeoutMs: 10_000 });

	it('given lab.yaml saved in place with a new title, reloads it into the runtime', async () => {
		writeFileSync(path.join(labDir, 'lab.yaml'), labYaml('Second title'));
		expect(await next(1)).toMatchObject({ kind: 'loaded', lab: { title: 'Second title' } });
		expect(runtime.lab.title).toBe('Second title');
	});

	it('given a new lab.yaml renamed over the old one (as vim saves), reloads it', async () => {
		writeFileSync(path.join(labDir, 'lab.yaml.tmp'), labYaml('Renamed title'));
		renameSync(path.join(labDir, 'lab.yaml.tmp'), path.join(labDir, 'lab.yaml'));
		expect(await next(1)).toMatchObject({ kind: 'loaded', lab: { title: 'Renamed title' } });
		// And it keeps watching after the file it started with is gone.
		writeFileSync(path.join(labDir, 'lab.yaml'), labYaml('Third title'));
		await eventually(() => reloads.some((reload) => reload.kind === 'loaded' && reload.lab.title === 'Third title'), {
			what: 'the save after the rename',
			timeoutMs: 10_000,
		});
	});

	it('given a syntax error, reports it as lab.yaml:LINE:COL and keeps the lab it had', async () => {
		writeFileSync(path.join(labDir, 'lab.yaml'), labYaml('Broken').replace('    title: Make a file', '    title: "Make a file'));
		const reload = await next(1);
		expect(reload.kind).toBe('problems');
		expect(reload.kind === 'problems' ? reload.problems[0] : '').toMatch(/^lab\.yaml:7:\d+: YAML syntax error/);
		expect(runtime.lab.title).toBe('First title');
	});

	it('given a listed file saved, reloads and brings the new version into the workspace', async () => {
		writeFileSync(path.join(labDir, 'scripts', 'setup.sh'), 'echo two\n');
		expect((await next(1)).kind).toBe('loaded');
		expect(readFileSync(path.join(root, 'workspace', 'scripts', 'setup.sh'), 'utf8')).toBe('echo two\n');
	});

	it('given a burst of saves, reloads once after it, not once per write', async () => {
		for (let index = 0; index < 5; index++) writeFileSync(path.join(labDir, 'lab.yaml'), labYaml(`Burst ${index}`));
		expect(await next(1)).toMatchObject({ kind: 'loaded', lab: { title: 'Burst 4' } });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(reloads).toHaveLength(1);
	});

	it('given a file the lab does not list, does not reload', async () => {
		writeFileSync(path.join(labDir, 'notes.md'), 'my notes\n');
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(reloads).toEqual([]);
	});
});
