import { describe, expect, it } from 'vitest';
import {
	escapeGithubData,
	escapeGithubProperty,
	escapeXml,
	formatValidateReport,
	validateSummary,
	type ValidatedLab,
} from '../../src/report/validate-report.js';

const broken: ValidatedLab = {
	file: 'labs/broken/lab.yaml',
	problems: [
		{ file: 'labs/broken/lab.yaml', line: 7, column: 5, message: 'unknown field `promt` (did you mean `prompt`?)' },
		{
			file: 'labs/broken/lab.yaml',
			line: 12,
			column: 9,
			message: 'duplicate step id `build`: step 1 already uses it; step ids must be unique',
		},
	],
};
const fine: ValidatedLab = { file: 'labs/registries/lab.yaml', id: 'registries', problems: [] };
const tricky: ValidatedLab = {
	file: 'labs/a,b:c/lab.yaml',
	id: 'tricky',
	problems: [{ file: 'labs/a,b:c/lab.yaml', line: 1, column: 2, message: '100% <wrong> & "odd"\nsecond line\r' }],
};

describe('validateSummary', () => {
	it('counts labs and problems, in the singular when there is one', () => {
		expect(validateSummary([broken, fine])).toBe('2 labs checked, 2 problems');
		expect(validateSummary([fine])).toBe('1 lab checked, no problems');
		expect(validateSummary([tricky])).toBe('1 lab checked, 1 problem');
	});
});

describe('formatValidateReport', () => {
	it('prints text as file:line:col: message lines and a summary', () => {
		expect(formatValidateReport([broken, fine], 'text')).toBe(
			[
				'labs/broken/lab.yaml:7:5: unknown field `promt` (did you mean `prompt`?)',
				'labs/broken/lab.yaml:12:9: duplicate step id `build`: step 1 already uses it; step ids must be unique',
				'2 labs checked, 2 problems',
				'',
			].join('\n'),
		);
	});

	it('prints JSON with each lab, whether it is valid, and its problems', () => {
		expect(JSON.parse(formatValidateReport([broken, fine], 'json'))).toEqual({
			valid: false,
			labCount: 2,
			problemCount: 2,
			labs: [
				{ file: 'labs/broken/lab.yaml', id: null, valid: false, problems: broken.problems },
				{ file: 'labs/registries/lab.yaml', id: 'registries', valid: true, problems: [] },
			],
		});
	});

	it('prints JUnit XML with a suite per lab file and a failure listing its problems', () => {
		expect(formatValidateReport([broken, fine], 'junit')).toBe(
			[
				'<?xml version="1.0" encoding="UTF-8"?>',
				'<testsuites name="registry-lab validate" tests="2" failures="1" errors="0">',
				'  <testsuite name="labs/broken/lab.yaml" tests="1" failures="1" errors="0" skipped="0">',
				'    <testcase name="labs/broken/lab.yaml" classname="registry-lab.validate">',
				'      <failure message="2 problems" type="validate">labs/broken/lab.yaml:7:5: unknown field `promt` (did you mean `prompt`?)',
				'labs/broken/lab.yaml:12:9: duplicate step id `build`: step 1 already uses it; step ids must be unique</failure>',
				'    </testcase>',
				'  </testsuite>',
				'  <testsuite name="labs/registries/lab.yaml" tests="1" failures="0" errors="0" skipped="0">',
				'    <testcase name="lab registries" classname="registry-lab.validate"/>',
				'  </testsuite>',
				'</testsuites>',
				'',
			].join('\n'),
		);
	});

	it('escapes XML in JUnit names and messages', () => {
		const xml = formatValidateReport([tricky], 'junit');
		expect(xml).toContain('100% &lt;wrong&gt; &amp; &quot;odd&quot;\nsecond line\r</failure>');
		expect(xml).not.toContain('<wrong>');
	});

	it('prints GitHub error annotations, one per problem, and the summary', () => {
		expect(formatValidateReport([broken, fine], 'github')).toBe(
			[
				'::error file=labs/broken/lab.yaml,line=7,col=5,title=registry-lab validate::unknown field `promt` (did you mean `prompt`?)',
				'::error file=labs/broken/lab.yaml,line=12,col=9,title=registry-lab validate::duplicate step id `build`: step 1 already uses it; step ids must be unique',
				'2 labs checked, 2 problems',
				'',
			].join('\n'),
		);
	});

	it('escapes GitHub annotation properties and messages as GitHub requires', () => {
		expect(formatValidateReport([tricky], 'github').split('\n')[0]).toBe(
			'::error file=labs/a%2Cb%3Ac/lab.yaml,line=1,col=2,title=registry-lab validate::100%25 <wrong> & "odd"%0Asecond line%0D',
		);
	});
});

describe('escaping', () => {
	it('escapes the five XML characters and drops characters XML cannot hold', () => {
		expect(escapeXml(`<a href="x">'&'</a>\u0001\u001b`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
	});

	it('escapes % before the characters it introduces, so values round-trip', () => {
		expect(escapeGithubData('%0A\n')).toBe('%250A%0A');
		expect(escapeGithubProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
	});
});
