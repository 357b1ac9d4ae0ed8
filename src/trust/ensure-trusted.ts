// The trust gate the lab-running commands pass before a lab runs anything: bundled labs go through;
// another lab's commands are listed, and it runs once a person says yes (at the terminal, or with
// --yes). The yes is remembered for that exact content; a changed lab is asked about again.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { bundledLabsDir } from '../lab/find-labs.js';
import type { Lab } from '../lab/schema.js';
import { labContentHash } from './content-hash.js';
import { countCommands, formatLabCommands, labCommands } from './lab-commands.js';
import { decideTrust, isInsideFolder } from './trust-decision.js';
import { createTrustStore } from './trust-store.js';

/** How a command lets the gate talk to the person running it. */
export interface TrustPrompt {
	/** `--yes` was given. */
	yes: boolean;
	/** Asks y/N on the terminal; absent when there is none. */
	confirm?: (question: string) => Promise<boolean>;
	/** Where the list of commands is written (stderr, so stdout stays a report). */
	show: (text: string) => void;
}

export interface TrustGateInput extends TrustPrompt {
	lab: Pick<Lab, 'id' | 'title' | 'files' | 'services' | 'images' | 'containers' | 'steps'>;
	/** The lab.yaml and its folder. */
	file: string;
	dir: string;
	/** The lab as messages name it (relative to where the command runs). */
	shownFile: string;
	/** Where trusted versions are remembered. */
	stateDir: string;
	/** The package's labs/ folder (tests). */
	bundledDir?: string;
}

export type TrustOutcome =
	| { trusted: true; because: 'bundled' | 'trusted-before' | 'yes' | 'answered-yes'; hash?: string }
	| { trusted: false; because: 'no-terminal' | 'answered-no'; message: string };

function realOrResolved(file: string): string {
	try {
		return realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}

/** True when the lab.yaml is one of the labs shipped in the package. */
export function isBundledLab(file: string, bundledDir: string = bundledLabsDir()): boolean {
	return isInsideFolder(realOrResolved(file), realOrResolved(bundledDir));
}

/** What the person reads before deciding: which lab, and every command it can run. */
export function trustListing(input: Pick<TrustGateInput, 'lab' | 'shownFile'>): string {
	const groups = labCommands(input.lab);
	const count = countCommands(groups);
	const usesVariables = groups.some((group) => group.commands.some((command) => command.text.includes('{{')));
	return [
		`${input.shownFile} (${input.lab.title}) is not one of the labs that come with registry-lab.`,
		`Labs run commands on this machine; this one can run ${count === 1 ? 'this' : `these ${count}`}:`,
		formatLabCommands(groups).trimEnd(),
		...(usesVariables ? ['A {{name}} is filled in with a value, always as one word, never read as shell syntax.'] : []),
		'',
	].join('\n');
}

export async function ensureLabTrusted(input: TrustGateInput): Promise<TrustOutcome> {
	const isBundled = isBundledLab(input.file, input.bundledDir);
	if (isBundled) return { trusted: true, because: 'bundled' };
	const store = createTrustStore(input.stateDir);
	const hash = labContentHash({ file: input.file, dir: input.dir, files: input.lab.files ?? [] });
	const decision = decideTrust({
		isBundled,
		isTrustedBefore: await store.isTrusted(hash),
		hasYes: input.yes,
		canAsk: input.confirm !== undefined,
	});
	const remember = () => store.trust(hash, { labId: input.lab.id, file: input.file });

	if (decision.action === 'run') {
		if (decision.because === 'yes') await remember();
		return { trusted: true, because: decision.because, hash };
	}
	input.show(trustListing(input));
	if (decision.action === 'refuse') {
		return {
			trusted: false,
			because: 'no-terminal',
			message: `Nothing was run: ${input.shownFile} is not a bundled lab, and there is no terminal to ask whether to trust it. Read the commands listed above, then run the same command again with --yes to trust this version of the lab.`,
		};
	}
	const isYes = await input.confirm!(`Trust this lab and let it run these commands? [y/N] `);
	if (!isYes) {
		return {
			trusted: false,
			because: 'answered-no',
			message: `Nothing was run: you did not trust ${input.shownFile}. Run the command again to be asked again.`,
		};
	}
	await remember();
	input.show(`Trusted. This version of the lab will not be asked about again; if it changes, you are asked again.\n`);
	return { trusted: true, because: 'answered-yes', hash };
}
