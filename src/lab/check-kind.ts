// Which kind a check is. Apart from the schema (src/lab/schema.ts) so the code that runs and watches
// checks does not load zod: the TUI's start and the check engine need only this.

export const checkKinds = ['run', 'http', 'tags', 'pushed', 'variable'] as const;
export type CheckKind = (typeof checkKinds)[number];

/** Which kind a check object is, from the one key that names it. */
export function checkKindOf(value: unknown): CheckKind | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	return checkKinds.find((kind) => kind in value);
}
