// `registry-lab validate` results in the four forms people read them in: a terminal, a script
// (JSON), a CI test report (JUnit XML) and GitHub's inline annotations.
import { formatProblem, type Problem } from '../lab/problem.js';

export interface ValidatedLab {
	/** The lab file as shown to the reader (relative to where validate ran, when inside it). */
	file: string;
	/** The lab's id, when the file got far enough to have one. */
	id?: string;
	problems: Problem[];
}

export type ValidateFormat = 'text' | 'json' | 'junit' | 'github';
export const validateFormats: readonly ValidateFormat[] = ['text', 'json', 'junit', 'github'];

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "2 labs checked, 3 problems" / "1 lab checked, no problems". */
export function validateSummary(labs: readonly ValidatedLab[]): string {
	const problemCount = labs.reduce((sum, lab) => sum + lab.problems.length, 0);
	return `${plural(labs.length, 'lab')} checked, ${problemCount === 0 ? 'no problems' : plural(problemCount, 'problem')}`;
}

export function formatValidateReport(labs: readonly ValidatedLab[], format: ValidateFormat): string {
	switch (format) {
		case 'text':
			return formatText(labs);
		case 'json':
			return formatJson(labs);
		case 'junit':
			return formatJunit(labs);
		case 'github':
			return formatGithub(labs);
	}
}

function formatText(labs: readonly ValidatedLab[]): string {
	const lines = labs.flatMap((lab) => lab.problems.map(formatProblem));
	return [...lines, validateSummary(labs)].join('\n') + '\n';
}

function formatJson(labs: readonly ValidatedLab[]): string {
	const report = {
		valid: labs.every((lab) => lab.problems.length === 0),
		labCount: labs.length,
		problemCount: labs.reduce((sum, lab) => sum + lab.problems.length, 0),
		labs: labs.map((lab) => ({ file: lab.file, id: lab.id ?? null, valid: lab.problems.length === 0, problems: lab.problems })),
	};
	return `${JSON.stringify(report, null, 2)}\n`;
}

/** XML text and attribute values; characters XML 1.0 cannot hold at all are dropped. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function formatJunit(labs: readonly ValidatedLab[]): string {
	const failures = labs.filter((lab) => lab.problems.length > 0).length;
	const suites = labs.map((lab) => {
		const name = lab.id ? `lab ${lab.id}` : lab.file;
		const failed = lab.problems.length > 0;
		const testcase = failed
			? [
					`    <testcase name="${escapeXml(name)}" classname="registry-lab.validate">`,
					`      <failure message="${escapeXml(plural(lab.problems.length, 'problem'))}" type="validate">${escapeXml(lab.problems.map(formatProblem).join('\n'))}</failure>`,
					'    </testcase>',
				]
			: [`    <testcase name="${escapeXml(name)}" classname="registry-lab.validate"/>`];
		return [
			`  <testsuite name="${escapeXml(lab.file)}" tests="1" failures="${failed ? 1 : 0}" errors="0" skipped="0">`,
			...testcase,
			'  </testsuite>',
		].join('\n');
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="registry-lab validate" tests="${labs.length}" failures="${failures}" errors="0">`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
}

/** Escapes a workflow command's message, as GitHub's toolkit does. */
export function escapeGithubData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (file=..., title=...), as GitHub's toolkit does. */
export function escapeGithubProperty(text: string): string {
	return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function formatGithub(labs: readonly ValidatedLab[]): string {
	const lines = labs.flatMap((lab) =>
		lab.problems.map(
			(problem) =>
				`::error file=${escapeGithubProperty(problem.file)},line=${problem.line},col=${problem.column},title=${escapeGithubProperty('registry-lab validate')}::${escapeGithubData(problem.message)}`,
		),
	);
	return [...lines, validateSummary(labs)].join('\n') + '\n';
}
