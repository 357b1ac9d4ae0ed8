// The process is killed with SIGKILL while it saves progress: the file must be the old state or the
// new one, never half of one. A child saves big states in a tight loop through the real store; it is
// killed at a random moment, many times over, and each time the file must parse and equal a state
// the child wrote.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgress, progressPath, type ProgressState } from '../../src/progress/progress-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-kill-save-'));
const childFile = path.join(root, 'save-loop.mjs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** State number `n`: about 300 KB, so a write takes long enough to be killed in the middle of it. */
function stateFor(n: number): ProgressState {
	const letter = String.fromCharCode(97 + (n % 26));
	return {
		version: 1,
		labId: 'registries',
		vars: { n: String(n), blob: letter.repeat(300_000 + (n % 13) * 1000) },
		done: Array.from({ length: n % 9 }, (_, index) => `step-${index}`),
		hintsShown: { [`step-${n % 5}`]: n % 4 },
		solutionsShown: [],
		answers: {},
		startedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, n % 1000)).toISOString(),
	};
}

// The child: the real saveProgress, bundled with the same stateFor, saving state after state.
const childSource = `
import { saveProgress } from ${JSON.stringify(path.join(here, '../../src/progress/progress-store.ts'))};
${stateFor.toString()}
const [dir, first] = [process.argv[2], Number(process.argv[3])];
for (let n = first; ; n++) {
	await saveProgress(stateFor(n), { dir });
	if (n === first) process.stdout.write('saved\\n');
}
`;

beforeAll(() => {
	buildSync({
		stdin: { contents: childSource, resolveDir: here, loader: 'ts' },
		bundle: true,
		platform: 'node',
		format: 'esm',
		outfile: childFile,
		logLevel: 'silent',
	});
});

/** Starts the child, waits for its first complete save, lets it run `delayMs` more, then SIGKILLs it. */
function saveThenKill(dir: string, first: number, delayMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [childFile, dir, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (signal === 'SIGKILL') resolve();
			else reject(new Error(`the saving child ended on its own (code ${code}): ${stderr}`));
		});
	});
}

describe('a save killed with SIGKILL', () => {
	it('leaves the file as one whole state the child wrote, every time', async () => {
		const dir = path.join(root, 'state');
		const file = progressPath('registries', { dir });
		// A fixed sequence of pseudo-random delays (0 to 60 ms): repeatable, and spread over the writes.
		let seed = 20250101;
		const nextDelay = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % 61;
		};
		const rounds = 30;
		const seen = new Set<number>();
		for (let round = 0; round < rounds; round++) {
			const first = round * 10_000;
			await saveThenKill(dir, first, nextDelay());
			const text = readFileSync(file, 'utf8');
			const saved = JSON.parse(text) as ProgressState;
			const n = Number(saved.vars.n);
			// This round's states, or (killed before its second save landed) its first.
			expect(n).toBeGreaterThanOrEqual(first);
			expect(saved).toEqual(stateFor(n));
			seen.add(n - first);
			// The store reads it back as it is: no damaged file set aside.
			expect(await loadProgress('registries', { dir })).toEqual({ state: stateFor(n) });
		}
		// The kills landed at different points, not always after the same save.
		expect(seen.size).toBeGreaterThan(1);
		// A killed save can leave its temporary file (hidden, never read as progress); nothing else.
		const others = readdirSync(path.dirname(file)).filter((name) => name !== 'registries.json');
		for (const name of others) expect(name).toMatch(/^\.registries\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
	});
});
