// marked-terminal ships no types; this is the one function we use.
declare module 'marked-terminal' {
	import type { MarkedExtension } from 'marked';

	export function markedTerminal(options?: Record<string, unknown>, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
