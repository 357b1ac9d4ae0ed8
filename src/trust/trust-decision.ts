// Whether a lab may run its commands now, ask first, or must be refused. Labs run commands on the
// learner's machine and get shared, so only the labs that ship with registry-lab are trusted
// without asking; any other lab is trusted per version (its content hash), once a person said yes.
// Pure: the facts come in, the decision goes out.
import path from 'node:path';

export interface TrustFacts {
	/** The lab.yaml is inside the package's own labs/ folder. */
	isBundled: boolean;
	/** This exact version (content hash) was trusted before. */
	isTrustedBefore: boolean;
	/** `--yes` was given: the person running it has reviewed the lab (CI). */
	hasYes: boolean;
	/** A terminal is there to ask on. */
	canAsk: boolean;
}

export type TrustDecision = { action: 'run'; because: 'bundled' | 'trusted-before' | 'yes' } | { action: 'ask' } | { action: 'refuse' };

export function decideTrust(facts: TrustFacts): TrustDecision {
	if (facts.isBundled) return { action: 'run', because: 'bundled' };
	if (facts.isTrustedBefore) return { action: 'run', because: 'trusted-before' };
	if (facts.hasYes) return { action: 'run', because: 'yes' };
	return facts.canAsk ? { action: 'ask' } : { action: 'refuse' };
}

/**
 * True when `file` is inside `folder` (both already resolved, e.g. with realpath). A path that only
 * starts with the same letters (`labs-evil/`) is not inside.
 */
export function isInsideFolder(file: string, folder: string): boolean {
	const relative = path.relative(folder, file);
	return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}
