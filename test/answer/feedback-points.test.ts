// How a wrong answer's points become what the learner reads: at most two paragraphs, the judge's
// order, the lab's words where they are about the same part, and never one part twice.
import { describe, expect, it } from 'vitest';
import { composeFeedback, partsAbout, type FeedbackPoint, type LabPoint } from '../../src/answer/feedback-points.js';

const judged = (text: string, ...about: FeedbackPoint['about'][number][]): FeedbackPoint => ({ text, about });
const lab = (text: string, ...about: LabPoint['about'][number][]): LabPoint => ({ text, about });

describe('composeFeedback', () => {
	it.each<[string, FeedbackPoint[], LabPoint[], string[]]>([
		['the judge’s points in its order', [judged('registry', 'registry'), judged('tag', 'tag')], [], ['registry', 'tag']],
		[
			'the lab’s words in place of a point about the same parts',
			[judged('registry', 'registry'), judged('tag', 'tag')],
			[lab('lab tag', 'tag')],
			['registry', 'lab tag'],
		],
		[
			'the judge’s point when a rule covers only part of it',
			[judged('short form', 'registry', 'tag')],
			[lab('add the tag', 'tag'), lab('add the registry', 'registry')],
			['short form'],
		],
		[
			'the rule that is about exactly the point’s parts, of several',
			[judged('short form', 'registry', 'tag')],
			[lab('add the tag', 'tag'), lab('write it in full', 'registry', 'tag')],
			['write it in full'],
		],
		[
			'a point about parts already said once',
			[judged('version in the name', 'repository', 'tag'), judged('no tag', 'tag')],
			[],
			['version in the name'],
		],
		[
			'a rule about a part the judge found nothing wrong with, after the judge',
			[judged('tag', 'tag')],
			[lab('no -q', 'command')],
			['tag', 'no -q'],
		],
		[
			'a rule of unknown subject only when the judge has nothing to say',
			[judged('not a reference', 'answer')],
			[lab('add the tag')],
			['not a reference'],
		],
		['rules of unknown subject for a text question', [], [lab('HTTPS port'), lab('try again')], ['HTTPS port', 'try again']],
		[
			'the judge’s words for the answer’s shape, even with a rule about it',
			[judged('not a choice', 'answer')],
			[lab('lab words', 'answer')],
			['not a choice'],
		],
		[
			'two paragraphs at most, the most specific first',
			[judged('command', 'command'), judged('registry', 'registry'), judged('tag', 'tag')],
			[],
			['command', 'registry'],
		],
		['the same words once', [judged('same', 'registry')], [lab('same', 'repository')], ['same']],
	])('says %s', (_, points, rules, expected) => {
		expect(composeFeedback(points, rules)).toEqual(expected);
	});
});

describe('partsAbout', () => {
	const repairs = { registry: 'docker.io/kiamol/ch05-pi', tag: 'kiamol/ch05-pi:latest' };

	it.each<[string, RegExp, string[]]>([
		['the tag, when repairing the tag makes it stop matching', /^[^:]*$/, ['tag']],
		['the registry, when repairing the registry does', /^kiamol\//, ['registry']],
		['both, when either repair does', /^kiamol\/ch05-pi$/, ['registry', 'tag']],
		['nothing it can tell, when no repair does', /ch05/, []],
	])('finds a rule is about %s', (_, pattern, expected) => {
		expect(partsAbout((text) => pattern.test(text), repairs)).toEqual(expected);
	});
});
