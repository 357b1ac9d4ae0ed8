// `npm start`: build when dist/ is missing or older than any source file, then open the default lab.
// Kept dependency-free so it works straight after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist', 'cli.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
	}
	return newest;
}

const isStale =
	!existsSync(entry) ||
	Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'scripts', 'build.mjs')).mtimeMs) > statSync(entry).mtimeMs;
if (isStale) {
	console.error('registry-lab: building (first run or sources changed)…');
	// The bundle alone (about a second); `npm run build` also typechecks, which running does not need.
	const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-typecheck'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
