// A stand-in `docker` for command tests that must not touch the real engine: a shell script first on
// PATH that logs each call and answers from a small script of canned replies.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FakeDocker {
	/** PATH with the fake first, then this process's PATH (for sh, curl...). */
	env: Record<string, string | undefined>;
	/** Every call, one line each: its arguments joined with spaces. */
	calls(): string[];
	remove(): void;
}

/** `cases` is the body of a shell `case "$*" in ... esac`: patterns on the whole argument list. */
export function makeFakeDocker(cases: string): FakeDocker {
	const dir = mkdtempSync(path.join(tmpdir(), 'registry-lab-fake-docker-'));
	const log = path.join(dir, 'calls.log');
	const script = path.join(dir, 'docker');
	writeFileSync(
		script,
		`#!/bin/sh\necho "$*" >> '${log}'\ncase "$*" in\n${cases}\n*) echo "fake docker: no answer for: $*" >&2; exit 1;;\nesac\n`,
	);
	chmodSync(script, 0o755);
	writeFileSync(log, '');
	return {
		env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` },
		calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}
