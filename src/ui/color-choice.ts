// Whether the TUI writes colour, decided once from the environment the CLI was started with. Pure, so
// the CLI decides it at the top and the rules are tested with a table. The libraries that draw do not
// get this right on their own: chalk (Ink, marked-terminal) reads FORCE_COLOR but not NO_COLOR.

/**
 * `never`: no colour (NO_COLOR, or FORCE_COLOR=0). `forced`: colour at this level even where the
 * terminal looks unable (FORCE_COLOR=1, 2 or 3). `auto`: the terminal's own support decides.
 */
export type ColorChoice = { kind: 'never' } | { kind: 'forced'; level: 1 | 2 | 3 } | { kind: 'auto' };

/** FORCE_COLOR's level as chalk reads it: `false` and 0 are off, 1 to 3 a level, any other value 1. */
function forcedLevel(value: string): 0 | 1 | 2 | 3 {
	if (value === 'false') return 0;
	if (!/^\d+$/.test(value)) return 1;
	return Math.min(Number(value), 3) as 0 | 1 | 2 | 3;
}

/**
 * https://no-color.org: NO_COLOR with a value that is not empty turns colour off. https://force-color.org:
 * FORCE_COLOR that is not empty turns it on (0 or false turns it off), and wins when both are set: it
 * is the more specific wish. An empty value of either is as if it were not set.
 */
export function colorChoice(env: Readonly<Record<string, string | undefined>>): ColorChoice {
	const force = env.FORCE_COLOR;
	if (force !== undefined && force !== '') {
		const level = forcedLevel(force.trim());
		return level === 0 ? { kind: 'never' } : { kind: 'forced', level };
	}
	const noColor = env.NO_COLOR;
	if (noColor !== undefined && noColor !== '') return { kind: 'never' };
	return { kind: 'auto' };
}
