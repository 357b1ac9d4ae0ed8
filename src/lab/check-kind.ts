// Which kind a check is. Apart from the schema (src/lab/schema.ts) so the code that runs and watches
// checks does not load zod: the TUI's start and the check engine need only this.

export const checkKinds = ['run', 'http', 'tags', 'pushed', 'variable'] as const;
export type CheckKind = (typeof checkKinds)[number];

/** Which kind a check object is, from the one key that names it. */
export function checkKindOf(value: unknown): CheckKind | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	return checkKinds.find((kind) => kind in value);
}

/** `docker logs …` (or `docker container logs …`): output only a poll can see change. */
function readsContainerLogs(run: string): boolean {
	return /^\s*docker\s+(?:container\s+)?logs\b/.test(run);
}

/**
 * Whether a check's answer can change with no docker event, so only polling sees it change: HTTP
 * requests (the registry starts listening a moment after its container starts), tag lists, and
 * container logs (the learner's `curl` shows up only there). Pushes are not: `docker push` sends an
 * image event. Pure.
 */
export function isPolledCheck(check: unknown): boolean {
	const kind = checkKindOf(check);
	if (kind === 'http' || kind === 'tags') return true;
	return kind === 'run' && readsContainerLogs((check as { run: string }).run);
}
