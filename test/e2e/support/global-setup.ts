// vitest globalSetup for the e2e project: make sure the images the lab uses exist without pulling
// (stand-ins built by scripts/build-standin-images.sh). Leftover hub containers are not swept here:
// another test run may be using them at the same moment; each test stops its own hub.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDocker } from './docker.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const buildScript = path.join(repoRoot, 'scripts', 'build-standin-images.sh');

export function setup(): void {
	// Throws under CI=true when there is no engine; on a developer machine the tests skip themselves.
	if (!requireDocker().available) return;
	const result = spawnSync('bash', [buildScript], { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
	if (result.error || result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
		throw new Error(`Could not build the stand-in images (${buildScript}):\n${output || result.error?.message}`);
	}
}
