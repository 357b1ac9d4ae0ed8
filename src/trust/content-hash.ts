// A lab's identity for trust: sha256 over its lab.yaml and every file it lists (the files copied
// into the workspace, where its commands run). Any change to what the lab can run, in the YAML or
// in a script it ships, gives a new hash, so a changed lab is asked about again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { staysInside } from '../workspace/prepare-workspace.js';

export interface LabFiles {
	/** The lab.yaml. */
	file: string;
	/** The lab's folder; `files` are relative to it. */
	dir: string;
	/** The lab's `files` entries (files or folders). */
	files: readonly string[];
}

/** Each part with its length in front, so no two different labs can produce the same stream. */
function feed(hash: ReturnType<typeof createHash>, ...parts: (string | Buffer)[]): void {
	for (const part of parts) {
		const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
		hash.update(`${bytes.length}:`);
		hash.update(bytes);
	}
}

/** The files under an entry, relative to the lab folder, sorted; folders followed once (a link loop ends). */
function filesUnder(dir: string, entry: string, seen: Set<string>): string[] {
	const full = path.join(dir, entry);
	const info = statSync(full);
	if (info.isFile()) return [entry];
	if (!info.isDirectory()) return [];
	const real = realpathSync(full);
	if (seen.has(real)) return [];
	seen.add(real);
	return readdirSync(full)
		.sort()
		.flatMap((child) => filesUnder(dir, path.join(entry, child), seen));
}

/** `sha256:<hex>` of the lab. A listed file that cannot be read counts as such (its absence is part of the lab). */
export function labContentHash(lab: LabFiles): string {
	const hash = createHash('sha256');
	feed(hash, 'registry-lab trust v1', readFileSync(lab.file));
	for (const entry of [...lab.files].sort()) {
		// Entries outside the folder are not copied into the workspace (prepareWorkspace skips them).
		if (!staysInside(entry)) continue;
		let files: string[];
		try {
			files = filesUnder(lab.dir, path.normalize(entry), new Set());
		} catch {
			feed(hash, 'unreadable', entry);
			continue;
		}
		for (const file of files) {
			let content: Buffer;
			try {
				content = readFileSync(path.join(lab.dir, file));
			} catch {
				feed(hash, 'unreadable', file);
				continue;
			}
			feed(hash, 'file', file.split(path.sep).join('/'), content);
		}
	}
	return `sha256:${hash.digest('hex')}`;
}
