// The draft lab as lab.yaml text: written by the `yaml` package (so it reads back to the same lab),
// long text as `|` blocks, and comments where the author has something to write. Pure.
import { Document, isMap, isScalar, Scalar, visit, type YAMLMap } from 'yaml';
import { todoMarker } from '../lab/todo-marker.js';
import type { DraftLab, DraftStep } from './import-course-page.js';

/** Where the yaml-language-server line points, as in the README's example (labs/<id>/ in a project). */
export const draftSchemaReference = '../../node_modules/registry-lab/schema/lab.schema.json';

export interface DraftFile {
	/** As the page's commands name it, relative to the lab folder. */
	path: string;
	/** Whether the command found it beside the page (and copied it). */
	isCopied: boolean;
}

function stepData(step: DraftStep): Record<string, unknown> {
	const data: Record<string, unknown> = { id: step.id, title: step.title, prompt: step.prompt };
	if (step.hints && step.hints.length > 0) data.hints = step.hints;
	if (step.question) {
		data.question = {
			ask: step.question.ask,
			kind: todoMarker,
			accept: todoMarker,
			...(step.question.explain ? { explain: step.question.explain } : {}),
		};
		return data;
	}
	if (step.solution) data.solution = step.solution;
	data.check = step.asks ? step.asks.map((name) => ({ variable: name })) : todoMarker;
	if (step.cleanup) data.cleanup = true;
	return data;
}

function pairOf(map: unknown, key: string): { key: Scalar } | undefined {
	if (!isMap(map)) return undefined;
	return (map as YAMLMap<Scalar, unknown>).items.find((pair) => isScalar(pair.key) && pair.key.value === key) as
		{ key: Scalar } | undefined;
}

/** Puts `comment` on the line(s) above `key` in `map`. */
function commentAbove(map: unknown, key: string, comment: string): void {
	const pair = pairOf(map, key);
	if (pair) pair.key.commentBefore = comment;
}

export function draftLabYaml(draft: DraftLab, source: string, files: readonly DraftFile[]): string {
	const data: Record<string, unknown> = { version: 1, id: draft.id, title: draft.title };
	if (draft.intro) data.intro = draft.intro;
	// doctor checks for curl when the lab says its commands use it.
	const usesCurl = draft.steps.some((step) => step.solution?.some((command) => /^curl\s/.test(command)));
	data.requires = usesCurl ? ['docker', 'curl'] : ['docker'];
	if (files.length > 0) data.files = files.map((file) => file.path);
	if (Object.keys(draft.variables).length > 0) data.variables = draft.variables;
	data.steps = draft.steps.map(stepData);

	const doc = new Document(data);
	// Text over several lines reads best, and diffs best, as a literal block.
	visit(doc, {
		Scalar(_key, node) {
			if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
		},
	});
	doc.commentBefore = [
		` yaml-language-server: $schema=${draftSchemaReference}`,
		'',
		` A draft made by \`registry-lab import\` from ${source}. Every TODO is yours to write:`,
		' `registry-lab validate` lists each one at its line until it is done, and `registry-lab test`',
		' then proves every step (its checks fail before the solution and pass after it).',
		' Worth adding too: `hints` (a nudge first, nearly the answer last), `setup`, `needs`, `images`',
		' (what cleanup may remove): see "Writing a lab" in the README.',
	].join('\n');

	const root = doc.contents;
	const missing = files.filter((file) => !file.isCopied).map((file) => file.path);
	if (files.length > 0)
		commentAbove(
			root,
			'files',
			missing.length === 0
				? ' Copied from beside the page: the workspace gets them, and the commands run there.'
				: ` The page's commands use these; not found beside the page: ${missing.join(', ')}. Copy them into this folder.`,
		);
	const variables = pairOf(root, 'variables') ? doc.getIn(['variables']) : undefined;
	for (const [name, variable] of Object.entries(draft.variables))
		if (variable.ask !== undefined)
			commentAbove(
				variables,
				name,
				` \${${name}} on the page. Asked of the learner: reword the question, and add a \`pattern\` (with\n \`patternHelp\`) so a wrong value is refused before any command runs.`,
			);

	draft.steps.forEach((step, index) => {
		const stepNode = doc.getIn(['steps', index]);
		if (isMap(stepNode) && draft.steps[index - 1]?.section !== step.section)
			stepNode.commentBefore = ` From the section "${step.section}".`;
		if (step.question) {
			commentAbove(
				doc.getIn(['steps', index, 'question']),
				'kind',
				' reference (an image reference), command (a docker pull command), text (regular expressions) or choice',
			);
		} else if (!step.asks)
			commentAbove(stepNode, 'check', ' What shows on the machine once this step is done? Checks: run, http, tags, pushed, variable.');
	});
	return doc.toString({ lineWidth: 0 });
}
