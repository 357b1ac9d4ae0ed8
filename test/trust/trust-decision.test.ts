import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideTrust, isInsideFolder, type TrustFacts } from '../../src/trust/trust-decision.js';

const facts = (over: Partial<TrustFacts>): TrustFacts => ({
	isBundled: false,
	isTrustedBefore: false,
	hasYes: false,
	canAsk: false,
	...over,
});

describe('decideTrust', () => {
	it.each([
		['a bundled lab runs, whatever else holds', facts({ isBundled: true }), { action: 'run', because: 'bundled' }],
		[
			'a version trusted before runs without asking',
			facts({ isTrustedBefore: true, canAsk: true }),
			{ action: 'run', because: 'trusted-before' },
		],
		['--yes runs without asking, even with a terminal', facts({ hasYes: true, canAsk: true }), { action: 'run', because: 'yes' }],
		['--yes runs without a terminal (CI)', facts({ hasYes: true }), { action: 'run', because: 'yes' }],
		['an unknown lab at a terminal is asked about', facts({ canAsk: true }), { action: 'ask' }],
		['an unknown lab without a terminal or --yes is refused', facts({}), { action: 'refuse' }],
	] as const)('%s', (_name, input, expected) => {
		expect(decideTrust(input)).toEqual(expected);
	});
});

describe('isInsideFolder', () => {
	const labs = path.join(path.sep, 'pkg', 'labs');
	it.each([
		[path.join(labs, 'registries', 'lab.yaml'), true],
		[path.join(labs, '..', 'labs', 'registries', 'lab.yaml'), true],
		[path.join(path.sep, 'pkg', 'labs-evil', 'x', 'lab.yaml'), false],
		[path.join(path.sep, 'pkg', 'lab.yaml'), false],
		[labs, false],
		[path.join(path.sep, 'elsewhere', 'labs', 'registries', 'lab.yaml'), false],
	])('%s is inside the labs folder: %s', (file, inside) => {
		expect(isInsideFolder(path.resolve(file), labs)).toBe(inside);
	});
});
