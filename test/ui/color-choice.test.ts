import { describe, expect, it } from 'vitest';
import { colorChoice, type ColorChoice } from '../../src/ui/color-choice.js';

const never: ColorChoice = { kind: 'never' };
const auto: ColorChoice = { kind: 'auto' };
const forced = (level: 1 | 2 | 3): ColorChoice => ({ kind: 'forced', level });

describe('colorChoice', () => {
	const cases: Array<[string, Record<string, string | undefined>, ColorChoice]> = [
		['neither set: the terminal decides', {}, auto],
		['NO_COLOR=1 turns colour off', { NO_COLOR: '1' }, never],
		['NO_COLOR with any value that is not empty turns colour off', { NO_COLOR: 'false' }, never],
		['an empty NO_COLOR is as if it were not set', { NO_COLOR: '' }, auto],
		['FORCE_COLOR=1 forces the basic colours', { FORCE_COLOR: '1' }, forced(1)],
		['FORCE_COLOR=3 forces full colour', { FORCE_COLOR: '3' }, forced(3)],
		['a FORCE_COLOR above 3 is full colour', { FORCE_COLOR: '16' }, forced(3)],
		['FORCE_COLOR=true forces the basic colours', { FORCE_COLOR: 'true' }, forced(1)],
		['FORCE_COLOR with another word still forces colour', { FORCE_COLOR: 'yes' }, forced(1)],
		['FORCE_COLOR=0 turns colour off', { FORCE_COLOR: '0' }, never],
		['FORCE_COLOR=false turns colour off', { FORCE_COLOR: 'false' }, never],
		['an empty FORCE_COLOR is as if it were not set', { FORCE_COLOR: '' }, auto],
		['FORCE_COLOR wins over NO_COLOR when both are set', { NO_COLOR: '1', FORCE_COLOR: '2' }, forced(2)],
		['FORCE_COLOR=0 with NO_COLOR is off either way', { NO_COLOR: '1', FORCE_COLOR: '0' }, never],
		['an empty FORCE_COLOR leaves NO_COLOR to decide', { NO_COLOR: '1', FORCE_COLOR: '' }, never],
		['an empty NO_COLOR leaves FORCE_COLOR to decide', { NO_COLOR: '', FORCE_COLOR: '1' }, forced(1)],
	];

	it.each(cases)('%s', (_name, env, expected) => {
		expect(colorChoice(env)).toEqual(expected);
	});
});
