// What `npm publish` would ship: the bundle, the labs, the schema, the README, and nothing that only
// building or testing needs; and no runtime dependencies, since the bundle inlines them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../commands/built-cli.js';

interface PackResult {
	size: number;
	files: { path: string; size: number }[];
}

interface Manifest {
	bin?: Record<string, string>;
	exports?: Record<string, string>;
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	bundleDependencies?: unknown;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
let packed: PackResult;
let files: string[];

beforeAll(() => {
	ensureBuilt();
	// --ignore-scripts: prepack would run the full build with its typecheck; ensureBuilt bundled already.
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack --dry-run failed:\n${result.stderr}`);
	packed = (JSON.parse(result.stdout) as PackResult[])[0]!;
	files = packed.files.map((file) => file.path).sort();
});

describe('the packed package', () => {
	it('holds the bundled CLI, the registries lab, the schema, the README and package.json', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/cli.js',
				'dist/registry/reference.js',
				expect.stringMatching(/^dist\/compiled-labs\/[0-9a-f]{64}\.json$/),
				'labs/registries/lab.yaml',
				'labs/registries/images/curl/Dockerfile.v2',
				'schema/lab.schema.json',
				'README.md',
				'package.json',
			]),
		);
	});

	it('holds nothing but those: no sources, tests, source maps or build leftovers', () => {
		const allowed = [
			/^dist\/cli\.js$/,
			/^dist\/chunks\/[\w-]+\.js$/,
			/^dist\/registry\/reference\.(js|d\.ts)$/,
			// The bundled labs, validated by the build (src/lab/compiled-lab.ts).
			/^dist\/compiled-labs\/[0-9a-f]{64}\.json$/,
			/^labs\/registries\//,
			/^schema\/lab\.schema\.json$/,
			/^(README\.md|package\.json|LICENSE)$/,
		];
		expect(files.filter((file) => !allowed.some((pattern) => pattern.test(file)))).toEqual([]);
		expect(files.filter((file) => /^(src|test)\/|\.map$|\.tsx?$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
	});

	it('ships every file the chunks of the bundle import', () => {
		const imported: string[] = [];
		for (const file of files.filter((name) => name.startsWith('dist/') && name.endsWith('.js'))) {
			const source = readFileSync(path.join(repoRoot, file), 'utf8');
			for (const [, fromStatic, fromDynamic] of source.matchAll(/from\s*"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g)) {
				imported.push(path.posix.join(path.posix.dirname(file), (fromStatic ?? fromDynamic)!));
			}
		}
		// The CLI imports each command's chunk: a pattern that found nothing would prove nothing.
		expect(imported.length).toBeGreaterThan(8);
		expect(imported.filter((file) => !files.includes(file))).toEqual([]);
	});

	it('is at most 1 MB as a tarball', () => {
		expect(packed.size).toBeLessThanOrEqual(1_000_000);
	});

	it('declares no runtime dependencies, so installing it fetches nothing else', () => {
		for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const)
			expect(Object.keys(manifest[field] ?? {})).toEqual([]);
		expect(manifest.bundleDependencies).toBeUndefined();
	});

	it('points its bin and exports at files it ships', () => {
		const targets = [...Object.values(manifest.bin ?? {}), ...Object.values(manifest.exports ?? {})].map((target) =>
			target.replace(/^\.\//, ''),
		);
		expect(targets).toContain('dist/cli.js');
		for (const target of targets) expect(files).toContain(target);
	});
});
