// NO_COLOR works by setting the level of chalk and @colors/colors once (src/ui/terminal-colors.ts).
// That reaches every coloured line only if the bundle holds one copy of each, the very one Ink,
// marked-terminal and cli-table3 use: a second copy would keep its own level and colour regardless.
// One module in one output file is one instance, whichever chunks import it (`class watch` loads Ink
// without marked-terminal, so the copy may sit in a chunk shared by both screens). Read from the
// build's metafile (scripts/build.mjs writes it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from '../commands/built-cli.js';

interface Metafile {
	outputs: Record<string, { inputs: Record<string, unknown> }>;
}

let outputs: Metafile['outputs'];

/** The output files that hold `input` (a source path as the metafile names it). */
function outputsHolding(input: string): string[] {
	return Object.entries(outputs)
		.filter(([, output]) => input in output.inputs)
		.map(([name]) => name);
}

/** Every module of a package in the bundle, by path inside node_modules. */
function modulesOf(packageName: string): string[] {
	const prefix = `node_modules/${packageName}/`;
	return [...new Set(Object.values(outputs).flatMap((output) => Object.keys(output.inputs)))].filter((input) => input.includes(prefix));
}

beforeAll(() => {
	ensureBuilt();
	const metafile = path.join(repoRoot, 'node_modules', '.cache', 'registry-lab', 'build-meta.json');
	outputs = (JSON.parse(readFileSync(metafile, 'utf8')) as Metafile).outputs;
});

describe('the colour libraries in the bundle', () => {
	it('hold one chalk, for Ink’s colours, marked-terminal’s markdown and the CLI’s level alike', () => {
		// One chalk package only: another version (cli-highlight's chalk 4 is stubbed out) would be a second level.
		expect(modulesOf('chalk').every((input) => input.startsWith('node_modules/chalk/'))).toBe(true);
		const holders = outputsHolding('node_modules/chalk/source/index.js');
		expect(holders).toHaveLength(1);
		for (const user of ['node_modules/ink/build/colorize.js', 'node_modules/marked-terminal/index.js', 'src/ui/terminal-colors.ts'])
			expect(outputsHolding(user), user).toHaveLength(1);
	});

	it('hold one @colors/colors, for cli-table3’s tables and the CLI turning it off alike', () => {
		// cli-table3 pins an exact version: ours must be that one, or npm nests a second copy under it.
		expect(modulesOf('@colors/colors').every((input) => input.startsWith('node_modules/@colors/colors/'))).toBe(true);
		const holders = outputsHolding('node_modules/@colors/colors/safe.js');
		expect(holders).toHaveLength(1);
		for (const user of ['node_modules/cli-table3/src/cell.js', 'src/ui/terminal-colors.ts'])
			expect(outputsHolding(user), user).toHaveLength(1);
	});
});
