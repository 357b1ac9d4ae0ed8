import { describe, expect, it } from 'vitest';
import { closest, lintLab, type LintFinding } from '../../src/lab/lint-lab.js';

const task = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	title: id,
	prompt: 'Do it.',
	hints: ['A hint.'],
	solution: ['docker ps'],
	check: [{ run: 'docker ps' }],
	...extra,
});

const baseLab = (extra: Record<string, unknown> = {}) => ({ version: 1, id: 'demo', title: 'Demo', steps: [task('a')], ...extra });

function lint(lab: unknown, files: string[] = []): LintFinding[] {
	return lintLab(lab, { dirName: 'demo', fileExists: (relative) => files.includes(relative) });
}

const messagesAt = (findings: LintFinding[]) => findings.map((finding) => [finding.path.join('.'), finding.message]);

describe('lintLab', () => {
	it('finds nothing wrong with a complete lab', () => {
		expect(lint(baseLab())).toEqual([]);
	});

	it('finds variables used anywhere in the lab that are not declared', () => {
		const lab = baseLab({
			intro: 'Hello {{who}}.',
			variables: { hub: { default: 'docker.io' }, curlImage: { image: '{{hub}}/{{owner}}/curl' } },
			services: { registry: { image: 'registry:{{tag}}', name: 'registry', ports: ['{{port}}:5000'] } },
			images: ['{{curlImage}}:21.06', '{{repo}}:1'],
			steps: [
				task('a', {
					hints: ['Look at {{hint}}.'],
					setup: ['docker pull {{base}}'],
					check: [{ run: 'docker image inspect {{hub}}/x', fail: 'Build {{missing}} first.' }],
				}),
				{ id: 'q', title: 'Q', prompt: 'Q', question: { ask: 'Pull {{thing}}?', kind: 'command', accept: ['docker pull {{hub}}/x'] } },
			],
		});
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0.hints.0', 'undeclared variable `hint`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['steps.0.check.0.fail', 'undeclared variable `missing`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['steps.0.setup.0', 'undeclared variable `base`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['steps.1.question.ask', 'undeclared variable `thing`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['intro', 'undeclared variable `who`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['variables.curlImage.image', 'undeclared variable `owner`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['services.registry.image', 'undeclared variable `tag`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['services.registry.ports.0', 'undeclared variable `port`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
			['images.1', 'undeclared variable `repo`: declare it under `variables:` (declared: hub, curlImage, workspace)'],
		]);
	});

	it('points at the second of two identical undeclared uses in one text', () => {
		const lab = baseLab({ steps: [task('a', { prompt: '{{x}} and {{x}}' })] });
		expect(lint(lab).map((finding) => finding.find)).toEqual([
			{ text: '{{x}}', occurrence: 0 },
			{ text: '{{x}}', occurrence: 1 },
		]);
	});

	it('accepts the built-in workspace, Docker Go templates, and `{{` inside a variable’s pattern', () => {
		const lab = baseLab({
			variables: { code: { ask: 'A code', pattern: 'a{{2}}' } },
			steps: [task('a', { prompt: 'cd {{workspace}}', check: [{ run: `docker inspect -f '{{.State.Running}}' registry` }] })],
		});
		expect(lint(lab)).toEqual([]);
	});

	it('reports `needs` that name no step, with a suggestion', () => {
		const lab = baseLab({ steps: [task('build'), task('push', { needs: ['biuld', 'tag-local'] })] });
		expect(messagesAt(lint(lab))).toEqual([
			['steps.1.needs.0', '`needs` names no step `biuld` (did you mean `build`?)'],
			['steps.1.needs.1', '`needs` names no step `tag-local`'],
		]);
	});

	it('reports a step that needs itself as a cycle', () => {
		expect(messagesAt(lint(baseLab({ steps: [task('a', { needs: ['a'] })] })))).toEqual([
			['steps.0.needs.0', '`needs` forms a cycle: a -> a; no step in it could ever be done'],
		]);
	});

	it('reports each of two separate cycles once', () => {
		const lab = baseLab({
			steps: [
				task('a', { needs: ['b'] }),
				task('b', { needs: ['a'] }),
				task('c', { needs: ['d'] }),
				task('d', { needs: ['c'] }),
				task('e', { needs: ['a'] }),
			],
		});
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0.needs.0', '`needs` forms a cycle: a -> b -> a; no step in it could ever be done'],
			['steps.2.needs.0', '`needs` forms a cycle: c -> d -> c; no step in it could ever be done'],
		]);
	});

	it('accepts needs that form a chain without a cycle', () => {
		expect(lint(baseLab({ steps: [task('a'), task('b', { needs: ['a'] }), task('c', { needs: ['a', 'b'] })] }))).toEqual([]);
	});

	it('requires a task step to have a check, a solution and a hint', () => {
		const lab = baseLab({ steps: [{ id: 'a', title: 'A', prompt: 'P' }, task('b', { check: [], hints: [] })] });
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0', 'step `a` has no check: add a `check:` list so the lab can tell when the step is done'],
			['steps.0', 'step `a` has no solution: add `solution:` commands (shown on request, run by `registry-lab test`)'],
			['steps.0', 'step `a` has no hints: add at least one hint under `hints:`'],
			['steps.1.check', 'step `b` has an empty `check` list: add a `check:` list so the lab can tell when the step is done'],
			['steps.1.hints', 'step `b` has an empty `hints` list: add at least one hint under `hints:`'],
		]);
	});

	it('does not ask for a solution when the step only checks a value the learner gives', () => {
		const lab = baseLab({
			variables: { dockerId: { ask: 'Your id' } },
			steps: [{ ...task('id', { check: [{ variable: 'dockerId' }] }), solution: undefined }],
		});
		expect(lint(lab)).toEqual([]);
		const mixed = baseLab({
			variables: { dockerId: { ask: 'Your id' } },
			steps: [{ ...task('id', { check: [{ variable: 'dockerId' }, { run: 'docker ps' }] }), solution: undefined }],
		});
		expect(messagesAt(lint(mixed))).toEqual([
			['steps.0', 'step `id` has no solution: add `solution:` commands (shown on request, run by `registry-lab test`)'],
		]);
	});

	it('does not ask a question step for checks, solutions or hints', () => {
		const lab = baseLab({
			steps: [{ id: 'q', title: 'Q', prompt: 'P', question: { ask: 'Which?', kind: 'reference', accept: ['alpine'] } }],
		});
		expect(lint(lab)).toEqual([]);
	});

	it('checks that a choice question has choices and accepts only some of them', () => {
		const lab = baseLab({
			steps: [
				{ id: 'q1', title: 'Q', prompt: 'P', question: { ask: 'Which?', kind: 'choice', accept: ['b'] } },
				{ id: 'q2', title: 'Q', prompt: 'P', question: { ask: 'Which?', kind: 'choice', choices: ['a', 'b'], accept: ['b', 'c'] } },
				{ id: 'q3', title: 'Q', prompt: 'P', question: { ask: 'Which?', kind: 'text', choices: ['a', 'b'], accept: ['a'] } },
			],
		});
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0.question', 'a `choice` question needs `choices`: the options the learner picks from'],
			['steps.1.question.accept.1', 'accepted answer "c" is not one of the `choices`; copy it exactly as written there'],
			['steps.2.question.choices', '`choices` only apply to `kind: choice` questions; this one is `text`'],
		]);
	});

	it('reports regular expressions that do not compile, wherever the lab uses them', () => {
		const lab = baseLab({
			variables: { id: { ask: 'Your id', pattern: '[a-z' } },
			steps: [
				task('a', { check: [{ run: 'docker ps', expect: { stdout: { matches: '(unclosed' } } }] }),
				{
					id: 'q',
					title: 'Q',
					prompt: 'P',
					question: { ask: 'Name?', kind: 'text', accept: ['ok', '*bad'], feedback: [{ when: '+', say: 'No.' }] },
				},
			],
		});
		expect(lint(lab).map((finding) => finding.path.join('.'))).toEqual([
			'variables.id.pattern',
			'steps.0.check.0.expect.stdout.matches',
			'steps.1.question.accept.1',
			'steps.1.question.feedback.0.when',
		]);
		expect(lint(lab)[0]?.message).toBe('`pattern` of variable `id` is not a valid regular expression: Unterminated character class');
	});

	it('reports a default that its own pattern rejects', () => {
		expect(messagesAt(lint(baseLab({ variables: { port: { default: 'http', pattern: '[0-9]+' } } })))).toEqual([
			['variables.port.default', 'default "http" of variable `port` does not match its own `pattern`'],
		]);
	});

	it('reports a computed image variable that uses itself or also has a default', () => {
		const lab = baseLab({ variables: { a: { image: '{{a}}/x' }, b: { image: 'x/y', default: 'z' } } });
		expect(messagesAt(lint(lab))).toEqual([
			['variables.a.image', 'variable `a` is computed from itself; its `image` template must use other variables'],
			['variables.b.image', 'variable `b` has an `image` template, so it is computed: remove its `default`'],
		]);
	});

	it('reports listed files that are missing or outside the lab folder', () => {
		const lab = baseLab({ files: ['images/curl/Dockerfile.v2', 'images/missing', '../secrets', '/etc/passwd'] });
		expect(messagesAt(lint(lab, ['images/curl/Dockerfile.v2']))).toEqual([
			['files.1', '`images/missing` does not exist in the lab folder'],
			['files.2', '`../secrets` is outside the lab folder; list paths relative to the folder that holds lab.yaml'],
			['files.3', '`/etc/passwd` is outside the lab folder; list paths relative to the folder that holds lab.yaml'],
		]);
	});

	it('reports a lab id that differs from its folder name', () => {
		expect(messagesAt(lint(baseLab({ id: 'registry' })))).toEqual([
			['id', 'lab id `registry` does not match its folder name `demo`: rename one of them so `registry-lab registry` finds this lab'],
		]);
	});

	it('allows one cleanup step and reports any other', () => {
		const lab = baseLab({ steps: [task('a'), task('clean', { cleanup: true }), task('clean-more', { cleanup: true })] });
		expect(lint(lab)).toEqual([
			{ path: ['steps', 2, 'cleanup'], at: 'key', message: 'only one step may have `cleanup: true`; step `clean` already does' },
		]);
	});

	it('reports a service port whose host side is neither a number nor one variable', () => {
		const lab = baseLab({
			variables: { registryPort: { default: '5000' } },
			services: { registry: { image: 'registry:2', name: 'registry', ports: ['{{registryPort}}:5000', '5001:5000', 'localhost:5000'] } },
		});
		expect(messagesAt(lint(lab))).toEqual([
			[
				'services.registry.ports.2',
				'the host side of "localhost:5000" must be a port number or one `{{variable}}`, e.g. "{{registryPort}}:5000"',
			],
		]);
	});

	it('reports a listed container with an undeclared variable, a name Docker refuses, an image that is no reference, or a name listed twice', () => {
		const lab = baseLab({
			variables: { tag: { default: '2' } },
			containers: [
				{ name: 'registry', image: 'registry:{{tag}}' },
				{ name: '{{prefix}}-db', image: 'postgres:16' },
				{ name: '-bad name', image: 'Registry:2' },
				{ name: 'registry', image: 'alpine' },
			],
		});
		expect(messagesAt(lint(lab))).toEqual([
			['containers.1.name', 'undeclared variable `prefix`: declare it under `variables:` (declared: tag, workspace)'],
			[
				'containers.2.name',
				'"-bad name" is not a container name Docker accepts: use letters, digits, `_`, `.` and `-`, starting with a letter or digit (at least two characters)',
			],
			['containers.2.image', '"Registry:2" is not a valid image reference; write it as you would for `docker run`, e.g. registry:2'],
			['containers.3.name', 'duplicate container name `registry`: containers[0] already lists it; each name can run only one image'],
		]);
	});

	it('refuses shell syntax in a run check unless the check sets shell: true', () => {
		const lab = baseLab({
			steps: [
				task('a', {
					check: [
						{ run: 'docker images | grep curl' },
						{ run: 'docker inspect "$(docker ps -q)"' },
						{ run: "docker ps --format '{{.Names}}" },
						{ run: 'docker images | grep curl', shell: true },
						{ run: "docker ps --format 'a|b;c'" },
					],
				}),
			],
		});
		const findings = lint(lab);
		expect(findings.map((finding) => finding.path.join('.'))).toEqual([
			'steps.0.check.0.run',
			'steps.0.check.1.run',
			'steps.0.check.2.run',
		]);
		expect(findings[0]?.message).toContain('`|`');
		expect(findings[1]?.message).toContain('$(');
		expect(findings[2]?.message).toMatch(/never closed/);
	});

	it('refuses shell syntax in setup and solution commands, which have no shell: true', () => {
		const lab = baseLab({
			steps: [task('a', { setup: ['docker rm -f registry || true'], solution: ['docker tag a b && docker push b'] })],
		});
		expect(messagesAt(lint(lab))).toEqual([
			[
				'steps.0.setup.0',
				"setup: The command `docker rm -f registry || true` uses `||`; setup commands run without a shell, so give each command its own entry, or run a script with `sh -c '...'`",
			],
			[
				'steps.0.solution.0',
				"solution: The command `docker tag a b && docker push b` uses `&&`; solution commands run without a shell, so give each command its own entry, or run a script with `sh -c '...'`",
			],
		]);
	});

	it('lints the Podman solution like the solution, at its own place', () => {
		const lab = baseLab({ steps: [task('a', { podman: { solution: ['docker push x:1', 'docker push x:1 | tee log'] } })] });
		expect(messagesAt(lint(lab)).map(([at]) => at)).toEqual(['steps.0.podman.solution.1']);
		expect(messagesAt(lint(lab))[0]?.[1]).toMatch(/^solution: The command `docker push x:1 \| tee log` uses `\|`/);
	});

	it('lints the commands of a wrong state and its undo like the solution, each at its own place', () => {
		// Given a near miss whose run and undo each hold one command that needs a shell
		const wrong = [{ name: 'pushed the wrong tag', run: ['docker tag a b', 'docker push b | tee log'], undo: ['docker rmi b || true'] }];
		const findings = messagesAt(lint(baseLab({ steps: [task('a', { wrong })] })));
		expect(findings.map(([at]) => at)).toEqual(['steps.0.wrong.0.run.1', 'steps.0.wrong.0.undo.0']);
		expect(findings[0]?.[1]).toBe(
			"wrong state: The command `docker push b | tee log` uses `|`; wrong state commands run without a shell, so give each command its own entry, or run a script with `sh -c '...'`",
		);
		expect(findings[1]?.[1]).toMatch(/^undo: The command `docker rmi b \|\| true` uses `\|\|`/);
	});

	it('finds nothing wrong with wrong states whose commands are plain', () => {
		const wrong = [{ name: 'tagged, not pushed', run: ['docker tag a b'] }];
		expect(lint(baseLab({ steps: [task('a', { wrong })] }))).toEqual([]);
	});

	it('reports wrong states on a step without checks, or whose checks only read variables: nothing there can fail', () => {
		const wrong = [{ name: 'tagged, not pushed', run: ['docker tag a b'] }];
		const lab = baseLab({
			variables: { dockerId: { ask: 'Your id' } },
			steps: [task('a', { wrong, check: undefined }), task('b', { wrong, check: [{ variable: 'dockerId' }] })],
		});
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0', 'step `a` has no check: add a `check:` list so the lab can tell when the step is done'],
			['steps.0.wrong', 'step `a` lists wrong states but has no checks for them to fail: add a `check:` list'],
			['steps.1.wrong', 'step `b` lists wrong states, but its checks only read variables, which no command changes: remove `wrong`'],
		]);
	});

	it('reports a variable check that names no declared variable', () => {
		const lab = baseLab({ variables: { dockerId: { ask: 'Your id' } }, steps: [task('a', { check: [{ variable: 'dockerID' }] })] });
		expect(messagesAt(lint(lab))).toEqual([
			['steps.0.check.0.variable', '`variable` names no declared variable `dockerID` (did you mean `dockerId`?)'],
		]);
	});

	it('reads a lab the schema rejected without throwing', () => {
		expect(() => lint({ steps: 'none', variables: [], services: 3, files: {} })).not.toThrow();
		expect(lint(null)).toEqual([]);
		expect(lint({ steps: [null, 3, { id: 4, needs: 'x', check: 'y' }] })).toEqual([
			{ path: ['steps', 2], message: 'step 3 has no solution: add `solution:` commands (shown on request, run by `registry-lab test`)' },
			{ path: ['steps', 2], message: 'step 3 has no hints: add at least one hint under `hints:`' },
		]);
	});
});

describe('closest', () => {
	it('suggests a near miss, counting swapped letters as one typo', () => {
		expect(closest('promt', ['title', 'prompt'])).toBe('prompt');
		expect(closest('hitns', ['hints', 'setup'])).toBe('hints');
	});

	it('suggests nothing when no candidate is close', () => {
		expect(closest('colour', ['title', 'prompt'])).toBeUndefined();
		expect(closest('x', [])).toBeUndefined();
	});
});
