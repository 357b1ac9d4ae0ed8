import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLab, loadLabFromText } from '../../src/lab/load-lab.js';
import { formatProblem } from '../../src/lab/problem.js';

const fixtures = fileURLToPath(new URL('../fixtures/labs/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);

/** Problems as `line:column: message`, the part of the output that depends on the loader. */
function problemsOf(name: string): string[] {
	return loadLab(fixture(name)).problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`);
}

/** A lab's text from lines, so indentation is spaces whatever this file is indented with. */
function yaml(...lines: string[]): string {
	return `${lines.join('\n')}\n`;
}

function loadText(text: string, dirName = 'demo') {
	return loadLabFromText(text, `labs/${dirName}/lab.yaml`, path.join(fixtures, 'does-not-exist', dirName));
}

const validStep = [
	'  - id: build',
	'    title: Build',
	'    prompt: Build the image.',
	'    hints: [Use docker build.]',
	'    solution: [docker build -t hello .]',
	'    check:',
	'      - run: docker image inspect hello',
];

/** A one-step lab whose last check lines are `checks` (the step's own check replaced). */
const withChecks = (...checks: string[]) => yaml('version: 1', 'id: demo', 'title: Demo', 'steps:', ...validStep.slice(0, -1), ...checks);

describe('loadLab on the fixture labs', () => {
	it('accepts the minimal valid lab and returns it with its file and folder', () => {
		const loaded = loadLab(fixture('valid-minimal'));
		expect(loaded.problems).toEqual([]);
		expect(loaded.lab?.id).toBe('valid-minimal');
		expect(loaded.file).toBe(path.join(fixture('valid-minimal'), 'lab.yaml'));
		expect(loaded.dir).toBe(fixture('valid-minimal'));
	});

	it('accepts a path to the lab.yaml itself as well as its folder', () => {
		const loaded = loadLab(path.join(fixture('valid-minimal'), 'lab.yaml'));
		expect(loaded.problems).toEqual([]);
		expect(loaded.dir).toBe(fixture('valid-minimal'));
	});

	it('reports a YAML syntax error at the quote that is never closed', () => {
		expect(problemsOf('yaml-syntax-error')).toEqual(['8:31: YAML syntax error: this quoted value is never closed; add the closing "']);
		expect(loadLab(fixture('yaml-syntax-error')).lab).toBeUndefined();
	});

	it('reports an unknown field at its key, with the field it was probably meant to be', () => {
		expect(problemsOf('unknown-field')).toEqual([
			'5:5: step `build` is missing `prompt`',
			'7:5: unknown field `promt` (did you mean `prompt`?)',
		]);
		expect(loadLab(fixture('unknown-field')).lab).toBeUndefined();
	});

	it('reports a value of the wrong type at the value', () => {
		expect(problemsOf('wrong-type')).toEqual([
			'8:12: `hints` must be a list, not the text "Use docker build." (start each item on its own line with `- `)',
		]);
	});

	it('reports a duplicate step id at the second use', () => {
		expect(problemsOf('duplicate-step-id')).toEqual(['12:9: duplicate step id `build`: step 1 already uses it; step ids must be unique']);
	});

	it('reports an undeclared variable at the exact `{{` inside the text', () => {
		expect(problemsOf('undeclared-variable')).toEqual(['10:49: undeclared variable `dokerId` (did you mean `dockerId`?)']);
	});

	it('names the steps of a needs cycle', () => {
		expect(problemsOf('needs-cycle')).toEqual([
			'12:13: `needs` forms a cycle: build -> push -> tag -> build; no step in it could ever be done',
		]);
	});

	it('reports a listed file that is not in the lab folder', () => {
		expect(problemsOf('missing-file')).toEqual(['5:5: `images/curl/Dockerfile` does not exist in the lab folder']);
	});

	it('reports a task step without a check at the step', () => {
		expect(problemsOf('task-without-check')).toEqual([
			'5:5: step `build` has no check: add a `check:` list so the lab can tell when the step is done',
		]);
	});

	it('reports every problem of a file together, schema and lint alike, in file order', () => {
		expect(problemsOf('many-problems')).toEqual([
			'2:5: lab id `many-problem` does not match its folder name `many-problems`: rename one of them so `registry-lab many-problem` finds this lab',
			'7:14: `default` must be text, not the number 5000 (put it in quotes: "5000")',
			'9:5: step `build` has no hints: add at least one hint under `hints:`',
			'11:20: undeclared variable `dockerID` (did you mean `dockerId`?)',
			'12:5: unknown field `hitns` (did you mean `hints`?)',
			'16:14: The command `docker images | grep curl` uses `|`, which needs `shell: true`.',
			'17:9: a check needs one of: run, http, tags, pushed, variable',
			'18:9: duplicate step id `build`: step 1 already uses it; step ids must be unique',
			'19:12: `title` must be text, not the number 42 (put it in quotes: "42")',
			'26:13: `needs` names no step `biuld` (did you mean `build`?)',
		]);
	});

	it('names the file in every problem, as file:line:column: message', () => {
		const [first] = loadLab(fixture('wrong-type')).problems;
		expect(first && formatProblem(first)).toBe(
			`${path.join(fixture('wrong-type'), 'lab.yaml')}:8:12: \`hints\` must be a list, not the text "Use docker build." (start each item on its own line with \`- \`)`,
		);
	});

	it('says when the file does not exist, instead of throwing', () => {
		const loaded = loadLab(path.join(fixtures, 'no-such-lab', 'lab.yaml'));
		expect(loaded.problems.map((problem) => problem.message)).toEqual(['file not found']);
	});
});

describe('loadLabFromText: YAML problems', () => {
	it('explains that `{{` inside a flow list must be quoted', () => {
		const text = yaml(
			'version: 1',
			'id: demo',
			'title: Demo',
			'steps:',
			'  - id: a',
			'    title: A',
			'    prompt: P',
			'    solution: [docker build -t {{dockerId}}/curl .]',
		);
		const [first] = loadText(text).problems;
		expect(first?.line).toBe(8);
		expect(first?.message).toContain('must be in quotes: "{{dockerId}}/curl"');
	});

	it('reports a duplicate key at the second key', () => {
		const text = yaml('version: 1', 'id: demo', 'title: Demo', 'id: again', 'steps:', ...validStep);
		expect(loadText(text).problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`)).toEqual([
			'4:1: duplicate key `id`: a key may appear only once in a mapping',
		]);
	});

	it('reports an empty file once, at its start', () => {
		expect(loadText('# nothing yet\n').problems).toEqual([
			{
				file: 'labs/demo/lab.yaml',
				line: 1,
				column: 1,
				message: 'the lab file is empty; it starts with `version: 1`, an `id`, a `title` and `steps`',
			},
		]);
	});

	it('explains that a lab file is a mapping when it is a list', () => {
		expect(loadText('- a\n- b\n').problems.map((problem) => problem.message)).toEqual([
			'a lab file is a mapping of fields, starting with `version: 1`, `id`, `title` and `steps`',
		]);
	});
});

describe('loadLabFromText: schema messages', () => {
	const messages = (text: string, dirName?: string) =>
		loadText(text, dirName).problems.map((problem) => `${problem.line}:${problem.column}: ${problem.message}`);

	it('reports a missing top-level field at the start of the lab', () => {
		expect(messages(yaml('version: 1', 'id: demo', 'steps:', ...validStep))).toEqual(['1:1: the lab is missing `title`']);
	});

	it('names the allowed values of a missing field that has a fixed set', () => {
		const text = yaml(
			'version: 1',
			'id: demo',
			'title: Demo',
			'steps:',
			'  - id: q',
			'    title: Q',
			'    prompt: P',
			'    question:',
			'      ask: Which?',
			'      accept: [a]',
		);
		expect(messages(text)).toEqual(['9:7: the question of step `q` is missing `kind` (one of "reference", "command", "text", "choice")']);
	});

	it('says which version is expected', () => {
		expect(messages(yaml('version: 2', 'id: demo', 'title: Demo', 'steps:', ...validStep))).toEqual([
			'1:10: `version` must be 1, not the number 2',
		]);
	});

	it('points at the key of a field left empty', () => {
		expect(messages(yaml('version: 1', 'id: demo', 'title:', 'steps:', ...validStep))).toEqual(['3:1: `title` is empty; it must be text']);
	});

	it('uses the schema’s own words for a value with the wrong format', () => {
		expect(messages(yaml('version: 1', 'id: Demo', 'title: Demo', 'steps:', ...validStep), 'Demo')).toEqual([
			'2:5: `id` "Demo" is not valid: use lowercase letters, digits and dashes, starting with a letter',
		]);
	});

	it('lists the allowed fields when an unknown one is not a near miss', () => {
		const [message] = messages(yaml('version: 1', 'id: demo', 'title: Demo', 'colour: blue', 'steps:', ...validStep));
		expect(message).toBe(
			'4:1: unknown field `colour` in the lab; allowed here: $schema, version, id, title, intro, requires, files, variables, services, images, pulls, containers, steps, next',
		);
	});

	it('reports an invalid variable name at the name', () => {
		expect(
			messages(yaml('version: 1', 'id: demo', 'title: Demo', 'variables:', '  docker-id: { default: x }', 'steps:', ...validStep)),
		).toEqual(['5:3: variable name `docker-id` is not valid: use letters, digits and underscores, starting with a letter']);
	});

	it('reports an unknown field inside a check of a known kind, against that kind’s fields', () => {
		const text = withChecks('      - run: docker ps', '        expct: { exitCode: 0 }');
		expect(messages(text)).toEqual(['12:9: unknown field `expct` (did you mean `expect`?)']);
	});

	it('reports a wrong type inside a check against the schema of its kind', () => {
		const text = withChecks('      - http: http://localhost:5000/v2/', '        expect: { status: ok }');
		expect(messages(text)).toEqual(['12:27: `status` must be a number, not the text "ok"']);
	});

	it('suggests the kind key when a check has a near miss of one', () => {
		const text = withChecks('      - rn: docker ps');
		expect(messages(text)).toEqual(['11:9: a check needs one of: run, http, tags, pushed, variable (`rn` looks like `run`)']);
	});

	it('says a check must be a mapping when it is written as a bare command', () => {
		const text = withChecks('      - docker ps');
		expect(messages(text)).toEqual(['11:9: a check must be a mapping such as `run: docker ps`, not the text "docker ps"']);
	});

	it('explains the shape of a JSON expectation when it is neither a mapping nor a list', () => {
		const text = withChecks('      - run: docker ps', '        expect: { json: 3 }');
		expect(messages(text)).toEqual(['12:25: `json` must be a mapping (field: value) or a list, not the number 3']);
	});

	it('reports the fields of a JSON expectation in a list', () => {
		const text = withChecks('      - run: docker ps', '        expect:', '          json: [{ path: tags, equal: [a] }]');
		expect(messages(text)).toEqual(['13:32: unknown field `equal` (did you mean `equals`?)']);
	});

	it('uses the schema’s custom message for an empty list of steps', () => {
		expect(messages(yaml('version: 1', 'id: demo', 'title: Demo', 'steps: []'))).toEqual(['4:8: a lab needs at least one step']);
	});

	it('returns no lab when the schema rejects it, and the lab when only lint finds problems', () => {
		expect(loadText(yaml('version: 1', 'id: demo', 'title: 3', 'steps:', ...validStep)).lab).toBeUndefined();
		const lintOnly = loadText(yaml('version: 1', 'id: other', 'title: Demo', 'steps:', ...validStep));
		expect(lintOnly.lab?.id).toBe('other');
		expect(lintOnly.problems).toHaveLength(1);
	});
});
