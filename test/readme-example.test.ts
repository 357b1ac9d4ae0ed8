import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab } from '../src/lab/load-lab.js';

// The README promises that its complete example lab is valid: keep that promise checked.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = /<!-- example-lab:start -->\n```yaml\n([\s\S]*?)```\n<!-- example-lab:end -->/.exec(readme)?.[1];

describe('the example lab in the README', () => {
	const root = mkdtempSync(join(tmpdir(), 'registry-lab-readme-'));
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('is present between its markers', () => {
		expect(example).toContain('version: 1');
	});

	it('loads with no problems when its files exist', async () => {
		const dir = join(root, 'tag-basics');
		mkdirSync(join(dir, 'app'), { recursive: true });
		writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM alpine\n');
		writeFileSync(join(dir, 'lab.yaml'), example ?? '');
		const loaded = await loadLab(dir);
		expect(loaded.problems).toEqual([]);
		expect(loaded.lab?.steps.map((step) => step.id)).toEqual(['build', 'second-tag', 'default-tag']);
	});
});
