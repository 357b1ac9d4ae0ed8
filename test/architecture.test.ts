// The folders of src/ are layers (see the README, "How it is built"): a file may import its own
// folder or a lower one, never a higher one, and no two files may import each other. Read from the
// source itself, so a new import that breaks the rule fails here rather than in a review.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Lowest first. Folders on one line may import each other's files (but never in a cycle). */
const layers: readonly (readonly string[])[] = [
	['net'], // what a socket error means, for every HTTP path
	['registry'], // references and the v2 API client: no lab, no processes
	['lab'], // the lab format: schema, load, lint, command lines
	['answer', 'authoring'], // pure question matching and feedback; pure help for authors (a new lab, an imported course page)
	['process'], // the only place that starts processes
	['checks', 'docker', 'progress', 'trust', 'workspace'], // effects on the learner's machine
	['session'], // pure reducer and the port the UI talks to; uses check results and saved progress as data
	['classroom'], // the class's view: progress documents published to and read from a classroom registry
	['runtime'], // joins lab, checks, docker and session for the commands and the UI
	['commands', 'report', 'ui'], // what a person sees
	['cli.ts'], // the entry: decides the mode and the I/O once
];

function layerOf(file: string): number {
	const top = file.split('/')[0]!;
	const index = layers.findIndex((names) => names.includes(top));
	if (index < 0) throw new Error(`src/${file} is in no layer: add its folder to the layers in test/architecture.test.ts`);
	return index;
}

function sourceFiles(dir = src): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.relative(src, full).split(path.sep).join('/')] : [];
	});
}

/** The src files a file imports (static, dynamic and type-only imports, and re-exports). */
export function importsOf(file: string, text: string, files: ReadonlySet<string>): string[] {
	const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map(
		(match) => match[1]!,
	);
	return specifiers.map((specifier) => {
		const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
		const candidates = [joined.replace(/\.js$/, '.ts'), joined.replace(/\.js$/, '.tsx'), joined];
		const found = candidates.find((candidate) => files.has(candidate));
		if (!found) throw new Error(`src/${file} imports ${specifier}, which is not a file in src/`);
		return found;
	});
}

function importGraph(): Map<string, string[]> {
	const files = sourceFiles();
	const known = new Set(files);
	return new Map(files.map((file) => [file, importsOf(file, readFileSync(path.join(src, file), 'utf8'), known)]));
}

describe('the layers of src/', () => {
	const graph = importGraph();

	it('has no file that imports a file from a higher layer', () => {
		const upward = [...graph].flatMap(([file, imports]) =>
			imports.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`),
		);
		expect(upward).toEqual([]);
	});

	it('has no two files that import each other, directly or around a longer loop', () => {
		// Tarjan's strongly connected components: any component of more than one file is a cycle.
		const index = new Map<string, number>();
		const low = new Map<string, number>();
		const stack: string[] = [];
		const onStack = new Set<string>();
		const cycles: string[][] = [];
		let next = 0;
		const visit = (file: string): void => {
			index.set(file, next);
			low.set(file, next);
			next += 1;
			stack.push(file);
			onStack.add(file);
			for (const target of graph.get(file) ?? []) {
				if (!index.has(target)) {
					visit(target);
					low.set(file, Math.min(low.get(file)!, low.get(target)!));
				} else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
			}
			if (low.get(file) === index.get(file)) {
				const component: string[] = [];
				let member: string;
				do {
					member = stack.pop()!;
					onStack.delete(member);
					component.push(member);
				} while (member !== file);
				if (component.length > 1) cycles.push(component.sort());
			}
		};
		for (const file of graph.keys()) if (!index.has(file)) visit(file);
		expect(cycles).toEqual([]);
	});

	it('reads imports of every form, so a missed one cannot hide a wrong direction', () => {
		const files = new Set(['a/x.ts', 'a/y.ts', 'b/z.tsx', 'b/w.ts', 'c.ts']);
		const text = [
			"import { y } from './y.js';",
			"import type { Z } from '../b/z.js';",
			"export { w } from '../b/w.js';",
			"const lazy = () => import('../c.js');",
			"import 'node:fs';",
		].join('\n');
		expect(importsOf('a/x.ts', text, files)).toEqual(['a/y.ts', 'b/z.tsx', 'b/w.ts', 'c.ts']);
	});
});
