import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLabFromText } from '../../src/lab/load-lab.js';
import { formatProblem } from '../../src/lab/problem.js';

const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-todo-'));
const dir = path.join(root, 'draft');
mkdirSync(dir);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lab = `version: 1
id: draft
title: A draft
steps:
  - id: build
    title: Build
    prompt: Build it.
    hints: [docker build]
    solution: [docker build -t x .]
    check: TODO
  - id: ask
    title: Ask
    prompt: Which tag?
    question:
      ask: Which tag does Docker use by default?
      kind: TODO
      accept: TODO
`;

describe('a field left as TODO (what registry-lab import writes for the author)', () => {
	it('is reported at its own line and column with what to write there, and only that', () => {
		const { problems, lab: loaded } = loadLabFromText(lab, 'lab.yaml', dir);
		expect(loaded).toBeUndefined();
		expect(problems.map(formatProblem)).toEqual([
			'lab.yaml:10:12: step `build`: `check` is still TODO: write the checks that pass once the learner has done this step, e.g. `- run: docker image inspect NAME` or `- http: http://localhost:5000/v2/` (see "Checks" under "Writing a lab" in the README)',
			'lab.yaml:16:13: the question of step `ask`: `kind` is still TODO: choose how answers are judged: reference, command, text or choice',
			'lab.yaml:17:15: the question of step `ask`: `accept` is still TODO: list the right answers, e.g. `accept: [docker.io/library/alpine:latest]`',
		]);
	});

	it('is a plain wrong value anywhere else: `check: TBD` gets the usual message', () => {
		const { problems } = loadLabFromText(lab.replace('check: TODO', 'check: TBD'), 'lab.yaml', dir);
		expect(problems[0]?.message).toBe('`check` must be a list, not the text "TBD" (start each item on its own line with `- `)');
	});
});
