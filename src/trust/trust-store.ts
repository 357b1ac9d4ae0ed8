// The lab versions a person said yes to, by content hash, in `trusted-labs.json` in the state folder.
// Only yeses are kept: a no is not remembered, so the next run asks again. A file that cannot be read
// counts as empty, which errs on the safe side (ask again), and is replaced on the next yes.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { trustFileSchema } from './trust-file-schema.js';

export type TrustFile = z.infer<typeof trustFileSchema>;

export interface TrustStore {
	isTrusted(hash: string): Promise<boolean>;
	trust(hash: string, lab: { labId: string; file: string }): Promise<void>;
	/** The file (for messages and tests). */
	path: string;
}

export function trustFilePath(stateDir: string): string {
	return path.join(stateDir, 'trusted-labs.json');
}

async function readTrustFile(file: string): Promise<TrustFile> {
	try {
		const json: unknown = JSON.parse(await readFile(file, 'utf8'));
		// Loaded only when there is a file to read: bundled labs never get here.
		const { trustFileSchema } = await import('./trust-file-schema.js');
		const parsed = trustFileSchema.safeParse(json);
		if (parsed.success) return parsed.data;
	} catch {
		// Missing or damaged: nothing is trusted.
	}
	return { version: 1, trusted: {} };
}

/** The store in a state folder; `now` for the recorded time (tests). */
export function createTrustStore(stateDir: string, now: () => Date = () => new Date()): TrustStore {
	const file = trustFilePath(stateDir);
	return {
		path: file,
		async isTrusted(hash) {
			return Object.hasOwn((await readTrustFile(file)).trusted, hash);
		},
		async trust(hash, lab) {
			const current = await readTrustFile(file);
			current.trusted[hash] = { labId: lab.labId, file: lab.file, trustedAt: now().toISOString() };
			await mkdir(stateDir, { recursive: true, mode: 0o700 });
			// Temp file and rename: a crash leaves the old list or the new one, never half of one.
			const temp = path.join(stateDir, `.trusted-labs.json.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
			try {
				await writeFile(temp, `${JSON.stringify(current, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
				await rename(temp, file);
			} catch (error) {
				await rm(temp, { force: true });
				throw error;
			}
		},
	};
}
