// The TUI is a long-lived process that allocates little at a time: V8's young generation still grows
// to 2 × 16 MiB under the burst of the first render and keeps it, a third of the TUI's resident
// memory. Growth factor 1 keeps it at its starting size (more, cheaper scavenges instead). The flag
// is read each time V8 considers growing, so setting it at run time works (tested); Node cannot take
// `--max-semi-space-size` from a package's bin on every platform.
import { setFlagsFromString } from 'node:v8';

export const youngGenerationFlag = '--semi-space-growth-factor=1';

export function keepYoungGenerationSmall(): void {
	setFlagsFromString(youngGenerationFlag);
}
