#!/usr/bin/env node
// `npm run build`: typecheck, then bundle the CLI with every dependency inlined, so `npx registry-lab`
// installs one package and starts fast; then write the lab JSON Schema.
//
//   node scripts/build.mjs                 typecheck + bundle + schema (what npm run build and prepack run)
//   node scripts/build.mjs --no-typecheck  bundle + schema only: what tests use, so another file's type
//                                          error in a tree being edited does not stop them
//   node scripts/build.mjs --readable      keep the names in the bundle (for reading a CPU profile)
//
// dist/cli.js is the entry; commands are loaded on demand, so esbuild splits what only some of them
// need (React, Ink, marked) into dist/chunks/. dist/registry/reference.js is the package's
// `registry-lab/reference` export.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	chmodSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromRoot = (...parts) => path.join(root, ...parts);

/**
 * Modules replaced in the bundle, each for a reason measured on the start time or the package size:
 * - react-devtools-core: Ink imports it (and `ws`) only when DEV=true; left external it would be a
 *   missing package, bundled it is 1 MB nobody uses.
 * - cli-highlight: marked-terminal colours code blocks with all of highlight.js (about 1 MB and
 *   100+ ms to load). Our code blocks are a few shell lines; throwing makes marked-terminal fall
 *   back to its plain code colour.
 * - node-emoji: marked-terminal's `:emoji:` codes, which we turn off (`emoji: false`).
 * - terminal-size: Ink's fallback when stdout has no size runs `tput` and `resize` as processes; the
 *   TUI only runs at a terminal, which has a size, so the stub never needs more than the streams.
 */
const stubs = {
	'react-devtools-core': 'export default { initialize() {}, connectToDevTools() {} };',
	'cli-highlight': 'export function highlight() { throw new Error("code is not highlighted in the bundle"); }',
	'node-emoji': 'export function get() { return undefined; }',
	'terminal-size': `export default function terminalSize() {
	const stream = [process.stdout, process.stderr].find((candidate) => candidate && candidate.columns && candidate.rows);
	return stream ? { columns: stream.columns, rows: stream.rows } : { columns: 80, rows: 24 };
}`,
	// Ink's devtools connection (DEV=true only) with its window polyfill and `ws`.
	'ink-devtools': 'export {};',
	// zod's classic API re-exports every locale as `z.locales`; the CLI speaks English only.
	'zod-locales': `export { default as en } from ${JSON.stringify(fromRoot('node_modules/zod/v4/locales/en.js'))};`,
};

/** @type {import('esbuild').Plugin} */
const trimPlugin = {
	name: 'registry-lab-trim',
	setup(builder) {
		const stub = (name) => ({ path: name, namespace: 'stub' });
		builder.onResolve({ filter: /^(react-devtools-core|cli-highlight|node-emoji|terminal-size)$/ }, (args) => stub(args.path));
		builder.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
			args.importer.includes(`${path.sep}ink${path.sep}`) ? stub('ink-devtools') : undefined,
		);
		builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
			args.importer.includes(`${path.sep}zod${path.sep}`) ? stub('zod-locales') : undefined,
		);
		// Ink imports all of es-toolkit/compat for `throttle`: take that one module.
		builder.onResolve({ filter: /^es-toolkit\/compat$/ }, () => ({
			path: fromRoot('node_modules/es-toolkit/dist/compat/function/throttle.mjs'),
		}));
		builder.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], loader: 'js', resolveDir: root }));
		// Yoga's WebAssembly is inlined as base64; its loader asks \`typeof fetch\` and then fetches
		// that data: URL, which loads Node's whole HTTP client (undici) before the TUI's first frame.
		// Without fetch it decodes the base64 itself.
		builder.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!/typeof fetch\b/.test(source))
				throw new Error(`yoga-layout's loader changed: ${args.path} no longer asks for fetch; review this patch`);
			return { contents: source.replace(/typeof fetch\b/g, '"undefined"'), loader: 'js' };
		});
	},
};

/**
 * The identity of the code that validates labs, for compiled labs (src/lab/compiled-lab.ts): a hash
 * of every source file, package.json and the lock file (the yaml and zod versions). Any change means
 * every lab is validated again once.
 */
function computeCodeId() {
	const hash = createHash('sha256');
	const walk = (dir) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else hash.update(`${path.relative(root, full)}\0`).update(readFileSync(full));
		}
	};
	walk(fromRoot('src'));
	for (const file of ['package.json', 'package-lock.json']) hash.update(`${file}\0`).update(readFileSync(fromRoot(file)));
	return hash.digest('hex').slice(0, 24);
}
const codeId = computeCodeId();

/** What every bundle shares: Node 20, ESM, production React. */
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	define: { 'process.env.NODE_ENV': '"production"', __REGISTRY_LAB_CODE_ID__: JSON.stringify(codeId) },
	// Bundled CommonJS packages (React, yoga's loader) call require() for Node's own modules.
	banner: {
		js: "import { createRequire as __registryLabRequire } from 'node:module'; const require = __registryLabRequire(import.meta.url);",
	},
	legalComments: 'none',
	logLevel: 'warning',
	plugins: [trimPlugin],
};

/** Typechecks the sources; resolves to the folder holding their declarations, or exits on a type error. */
function typecheck() {
	// Declarations go to a scratch folder: only registry/reference.d.ts is published (the package's
	// `registry-lab/reference` export), and one tsc pass both checks and writes it.
	const typesDir = mkdtempSync(path.join(tmpdir(), 'registry-lab-types-'));
	const tsc = fromRoot('node_modules', 'typescript', 'bin', 'tsc');
	const result = spawnSync(
		process.execPath,
		[tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--sourceMap', 'false', '--outDir', typesDir],
		{ cwd: root, stdio: 'inherit' },
	);
	if (result.status !== 0) {
		rmSync(typesDir, { recursive: true, force: true });
		console.error('registry-lab build: type errors (above); nothing was bundled.');
		process.exit(result.status ?? 1);
	}
	return typesDir;
}

async function bundleCli(outdir) {
	return build({
		...common,
		entryPoints: { cli: fromRoot('src/cli.ts'), 'registry/reference': fromRoot('src/registry/reference.ts') },
		outdir,
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		// Smaller source parses faster at every start. --readable keeps the names, for a CPU profile.
		minifyWhitespace: true,
		minifySyntax: true,
		minifyIdentifiers: !isReadable,
		metafile: true,
	});
}

/** Writes schema/lab.schema.json from the loader's zod schema (src/lab/json-schema.ts). */
async function writeJsonSchema() {
	const scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-schema-'));
	try {
		const outfile = path.join(scratch, 'json-schema.mjs');
		await build({ ...common, entryPoints: [fromRoot('src/lab/json-schema.ts')], outfile });
		const { labJsonSchema } = await import(pathToFileURL(outfile).href);
		const target = fromRoot('schema', 'lab.schema.json');
		writeAtomically(target, `${JSON.stringify(labJsonSchema(), null, '\t')}\n`);
		return target;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * Validates each bundled lab as the CLI would and writes its compiled form into `outdir`
 * (dist/compiled-labs), so a learner's first start skips the YAML and the schema. A bundled lab with
 * problems stops the build.
 */
async function writeCompiledLabs(outdir) {
	const scratch = mkdtempSync(path.join(tmpdir(), 'registry-lab-compile-'));
	try {
		const outfile = path.join(scratch, 'compiled-lab.mjs');
		await build({ ...common, entryPoints: [fromRoot('src/lab/compiled-lab.ts')], outfile });
		const { loadLabForRun } = await import(pathToFileURL(outfile).href);
		const labsDir = fromRoot('labs');
		const labDirs = readdirSync(labsDir, { withFileTypes: true }).filter(
			(entry) => entry.isDirectory() && existsSync(path.join(labsDir, entry.name, 'lab.yaml')),
		);
		for (const entry of labDirs) {
			const loaded = await loadLabForRun(path.join(labsDir, entry.name), { codeId, readDirs: [], writeDir: outdir });
			if (!loaded.lab || loaded.problems.length > 0) {
				console.error(
					`registry-lab build: the bundled lab labs/${entry.name} has problems; run node dist/cli.js validate labs/${entry.name}`,
				);
				process.exit(1);
			}
		}
		// The learner's own compiled labs are private (0700); the package's are for every user.
		if (existsSync(outdir)) chmodSync(outdir, 0o755);
		return labDirs.length;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/** Replaces `target` with `staging`; another build finishing at the same moment only means a retry. */
function swapIn(staging, target) {
	for (let attempt = 0; ; attempt += 1) {
		const old = `${target}.old-${process.pid}-${attempt}`;
		try {
			if (existsSync(target)) renameSync(target, old);
			renameSync(staging, target);
			rmSync(old, { recursive: true, force: true });
			return;
		} catch (error) {
			rmSync(old, { recursive: true, force: true });
			if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(error.code)) throw error;
		}
	}
}

/** Writes a whole file or nothing, so a test reading it while another build runs never sees half. */
function writeAtomically(file, text) {
	mkdirSync(path.dirname(file), { recursive: true });
	const partial = `${file}.${process.pid}.tmp`;
	writeFileSync(partial, text);
	renameSync(partial, file);
}

/** The bundle's esbuild metafile (inputs and imports of every output file), for tests. */
const metafilePath = fromRoot('node_modules', '.cache', 'registry-lab', 'build-meta.json');

const isTypechecked = !process.argv.includes('--no-typecheck');
const isReadable = process.argv.includes('--readable');
const dist = fromRoot('dist');
// Built beside dist/ and swapped in at the end, so a CLI started meanwhile (another test) never sees
// half a build, and nothing from an older build (tsc's per-file output, old chunks) is left behind.
const staging = fromRoot(`dist.next-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const typesDir = isTypechecked ? typecheck() : undefined;
try {
	const result = await bundleCli(staging);
	if (typesDir) copyFileSync(path.join(typesDir, 'registry', 'reference.d.ts'), path.join(staging, 'registry', 'reference.d.ts'));
	const compiledLabs = await writeCompiledLabs(path.join(staging, 'compiled-labs'));
	swapIn(staging, dist);
	// Which source module went into which file: the tests read it to prove a command loads only
	// what it needs. Kept out of dist/ so it is not published.
	writeAtomically(metafilePath, JSON.stringify(result.metafile));
	const files = Object.keys(result.metafile.outputs).length + (typesDir ? 1 : 0);
	const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
	const schema = await writeJsonSchema();
	console.log(
		`registry-lab build: dist/ (${files} files, ${(bytes / 1024).toFixed(0)} KiB of JavaScript, ${compiledLabs} compiled lab${compiledLabs === 1 ? '' : 's'}), ${path.relative(root, schema)}`,
	);
} finally {
	rmSync(staging, { recursive: true, force: true });
	if (typesDir) rmSync(typesDir, { recursive: true, force: true });
}
