// The built CLI loads only what a command needs: React, Ink and marked (the TUI) never load for
// check, answer, validate, test, doctor, cleanup or reset, and --help loads no command at all.
// Which files Node loads is recorded with a module hook; which sources are in each file comes from
// the build's metafile (scripts/build.mjs writes it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../commands/built-cli.js';

interface Metafile {
	outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[]; entryPoint?: string }>;
}

const metafilePath = path.join(repoRoot, 'node_modules', '.cache', 'registry-lab', 'build-meta.json');
const distDir = path.join(repoRoot, 'dist');
const tuiPackages = ['react', 'react-reconciler', 'ink', 'yoga-layout', 'marked', 'marked-terminal'];
let scratch: string;
let outputs: Metafile['outputs'];

/** An output's path relative to dist/ (the build writes to a staging folder before it becomes dist/). */
function distRelative(output: string): string {
	return output.split('/').slice(1).join('/');
}

function inputsOf(files: Iterable<string>): Set<string> {
	const inputs = new Set<string>();
	for (const file of files) {
		const output = Object.entries(outputs).find(([name]) => distRelative(name) === file)?.[1];
		if (!output) throw new Error(`${file} is not in the build's metafile`);
		for (const input of Object.keys(output.inputs)) inputs.add(input);
	}
	return inputs;
}

function packagesIn(inputs: Set<string>): string[] {
	const packages = new Set<string>();
	for (const input of inputs) {
		const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match) packages.add(match[1]!);
	}
	return [...packages].sort();
}

const hooks = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
	if (url.startsWith('file:')) appendFileSync(log, url + '\\n');
	return next(url, context);
}`;

/** Runs the built CLI and returns the dist/ files Node loaded, relative to dist/. */
function loadedFiles(args: string[], expectedStatus = 0, env: Record<string, string> = {}): string[] {
	const log = path.join(scratch, `loads-${args.join(' ').replace(/[^a-z0-9-]+/gi, '_')}.txt`);
	const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)}, { data: { log: ${JSON.stringify(log)} } });`;
	const result = spawnSync(
		process.execPath,
		['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(distDir, 'cli.js'), ...args],
		{
			cwd: repoRoot,
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1', ...env },
		},
	);
	expect(result.status, result.stderr).toBe(expectedStatus);
	return readFileSync(log, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((url) => path.relative(distDir, fileURLToPath(url)).split(path.sep).join('/'));
}

beforeAll(() => {
	ensureBuilt();
	outputs = (JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile).outputs;
	scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-loads-'));
});

afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
	it.each(['check', 'answer', 'validate', 'test', 'doctor', 'cleanup', 'reset', 'open', 'class'])(
		'loads no React, Ink or marked for %s',
		(command) => {
			const files = loadedFiles([command, '--help']);
			const inputs = inputsOf(files);
			// The command itself was loaded, so what it imports was too.
			expect([...inputs]).toContain(`src/commands/${command}.ts`);
			expect(packagesIn(inputs).filter((name) => tuiPackages.includes(name))).toEqual([]);
		},
	);

	it('validates a lab without loading the TUI or the code that runs commands', () => {
		const packages = packagesIn(inputsOf(loadedFiles(['validate', 'labs/registries'])));
		expect(packages.filter((name) => [...tuiPackages, 'execa'].includes(name))).toEqual([]);
	});

	it('loads the open command without the process runner: execa and the docker CLI come after the first frame', () => {
		const inputs = inputsOf(loadedFiles(['open', '--help']));
		expect([...inputs]).toContain('src/commands/open.ts');
		expect(packagesIn(inputs)).not.toContain('execa');
		expect([...inputs].filter((input) => /^src\/(process\/run-command|docker\/docker-cli)\.ts$/.test(input))).toEqual([]);
	});

	it('runs the bundled lab from its compiled form: no YAML parser and no zod', () => {
		// `answer` prepares the lab like every lab-running command (it needs no Docker); a wrong answer exits 1.
		// A state folder of its own: saved progress would be read, and its schema needs zod.
		const inputs = inputsOf(
			loadedFiles(['answer', 'reference-defaults', 'docker.io/library/alpine:latest'], 1, {
				REGISTRY_LAB_STATE_DIR: path.join(scratch, 'state'),
			}),
		);
		expect([...inputs]).toContain('src/lab/compiled-lab.ts');
		expect(packagesIn(inputs).filter((name) => ['yaml', 'js-yaml', 'zod'].includes(name))).toEqual([]);
	});

	it('lists the commands for --help without loading any of them', () => {
		const inputs = [...inputsOf(loadedFiles(['--help']))];
		expect(inputs.filter((input) => input.startsWith('src/commands/') && !/\/command(-table)?\.ts$/.test(input))).toEqual([]);
		expect(inputs.filter((input) => input.startsWith('node_modules/'))).toEqual([]);
	});

	it('loads React and Ink for class watch only when the watch opens, not for class report', () => {
		// Outside a terminal the watch says so and stops: the class command was loaded, Ink was not.
		const inputs = inputsOf(loadedFiles(['class', 'watch', '--from', '127.0.0.1:9'], 2));
		expect([...inputs]).toContain('src/commands/class.ts');
		expect(packagesIn(inputs).filter((name) => tuiPackages.includes(name))).toEqual([]);
		const watch = Object.entries(outputs).find(([, output]) => 'src/ui/run-class-watch.ts' in output.inputs);
		expect(watch, 'the watch is a chunk of its own, behind its import').toBeDefined();
		expect(Object.keys(watch![1].inputs)).not.toContain('src/commands/class.ts');
	});

	it('keeps React, Ink and marked in the files the TUI loads when it opens', () => {
		// The other side of the tests above: the packages are in the bundle, behind the TUI's import.
		const tui = Object.entries(outputs).find(([, output]) => output.entryPoint === 'src/ui/run-tui.tsx');
		expect(tui).toBeDefined();
		const seen = new Set<string>();
		const visit = (name: string): void => {
			if (seen.has(name)) return;
			seen.add(name);
			for (const imported of outputs[name]?.imports ?? []) if (imported.path in outputs) visit(imported.path);
		};
		visit(tui![0]);
		expect(packagesIn(inputsOf([...seen].map(distRelative)))).toEqual(expect.arrayContaining(tuiPackages));
	});

	it('loads Yoga’s WebAssembly without asking for fetch, which would load Node’s HTTP client before the first frame', () => {
		const yogaFiles = Object.entries(outputs)
			.filter(([, output]) => Object.keys(output.inputs).some((input) => input.startsWith('node_modules/yoga-layout/')))
			.map(([name]) => path.join(distDir, distRelative(name)));
		expect(yogaFiles.length).toBeGreaterThan(0);
		// A spy in place of Node's lazy global: reading it is what loads undici.
		const script = `let asked = 0;
Object.defineProperty(globalThis, 'fetch', { configurable: true, get() { asked++; return undefined; } });
for (const file of ${JSON.stringify(yogaFiles)}) await import(file);
console.log('fetch asked ' + asked + ' times');`;
		const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe('fetch asked 0 times');
	});
});
