import { describe, expect, it } from 'vitest';
import { shellScriptFor } from '../../src/process/shell-script.js';
import { CommandSyntaxError, commandProblem, splitCommand } from '../../src/lab/split-command.js';

describe('splitCommand', () => {
	it.each([
		['docker image ls', ['docker', 'image', 'ls']],
		['  docker   image\tls  ', ['docker', 'image', 'ls']],
		[`docker run --name "my registry" 'a b'`, ['docker', 'run', '--name', 'my registry', 'a b']],
		[`echo a\\ b`, ['echo', 'a b']],
		[`echo "a\\"b" 'it'\\''s'`, ['echo', 'a"b', "it's"]],
		[`echo "" ''`, ['echo', '', '']],
		[`echo mixed"quo"'tes'`, ['echo', 'mixedquotes']],
		[`docker image ls --format '{{json .}}'`, ['docker', 'image', 'ls', '--format', '{{json .}}']],
		[`docker inspect -f "{{.State.Running}}" registry`, ['docker', 'inspect', '-f', '{{.State.Running}}', 'registry']],
		['docker build \\\n  -t x .', ['docker', 'build', '-t', 'x', '.']],
		[`echo "two\nlines"`, ['echo', 'two\nlines']],
	])('splits %j into words with shell quoting rules', (command, words) => {
		expect(splitCommand(command)).toEqual(words);
	});

	it.each([
		['echo $HOME', ['echo', '$HOME']],
		['echo ${HOME}x', ['echo', '${HOME}x']],
		['echo "$HOME" "$$" "$?"', ['echo', '$HOME', '$$', '$?']],
		[`echo '$HOME'`, ['echo', '$HOME']],
		['echo \\$HOME "\\$HOME"', ['echo', '$HOME', '$HOME']],
		[`echo '$(id)' '\`id\`'`, ['echo', '$(id)', '`id`']],
		['ls *.txt a?c', ['ls', '*.txt', 'a?c']],
		['echo a#b # not a comment', ['echo', 'a#b', '#', 'not', 'a', 'comment']],
		['echo $', ['echo', '$']],
	])('keeps %j literal, because no shell expands it', (command, words) => {
		expect(splitCommand(command)).toEqual(words);
	});

	it.each([
		['docker image ls | grep alpine', '`|`'],
		['docker image ls > out.txt', '`>`'],
		['docker image ls < in.txt', '`<`'],
		['docker pull alpine && docker image ls', '`&&`'],
		['docker pull alpine || true', '`||`'],
		['docker pull alpine; docker image ls', '`;`'],
		['docker pull alpine &', '`&`'],
		['docker image ls 2>&1', '`>&`'],
		['echo $(id)', '`$(`'],
		['echo "$(id)"', '`$(`'],
		['echo `id`', 'a backtick'],
		['echo "`id`"', 'a backtick'],
		['echo (a)', '`(`'],
		['docker pull alpine\ndocker image ls', 'a line break'],
		['DOCKER_HOST=x docker ps', 'setting an environment variable (`DOCKER_HOST=x`)'],
	])('refuses %j without a shell, naming the command and %s', (command, operator) => {
		let error: unknown;
		try {
			splitCommand(command);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(CommandSyntaxError);
		const message = (error as Error).message;
		expect(message).toContain(`The command \`${command.trim()}\``);
		expect(message).toContain(operator);
		expect(message).toMatch(/which needs `shell: true`\.$/);
	});

	it.each([
		[`echo "abc`, `has a " that is never closed`],
		[`echo 'abc`, `has a ' that is never closed`],
		['echo abc\\', 'ends with a lone backslash'],
		['   ', 'The command is empty.'],
	])('explains why %j cannot be split', (command, why) => {
		expect(() => splitCommand(command)).toThrow(why);
	});

	it('substitutes variables inside the split words, so a value stays one word whatever it holds', () => {
		const vars = { id: 'x; touch /tmp/pwned', sub: '$(id)', tick: '`id`', spaced: 'a b  c', quote: `"'` };
		expect(splitCommand('echo {{id}} {{sub}} {{tick}} {{spaced}} {{quote}}', vars)).toEqual([
			'echo',
			'x; touch /tmp/pwned',
			'$(id)',
			'`id`',
			'a b  c',
			`"'`,
		]);
		expect(splitCommand(`docker build -t "{{id}}/curl:21.06" '{{spaced}}'`, vars)).toEqual([
			'docker',
			'build',
			'-t',
			'x; touch /tmp/pwned/curl:21.06',
			'a b  c',
		]);
	});

	it('leaves unknown variables and Go templates as written', () => {
		expect(splitCommand(`docker inspect -f '{{.Id}}' {{image}} {{missing}}`, { image: 'alpine' })).toEqual([
			'docker',
			'inspect',
			'-f',
			'{{.Id}}',
			'alpine',
			'{{missing}}',
		]);
	});
});

describe('commandProblem', () => {
	it('is undefined for a command that runs without a shell', () => {
		expect(commandProblem('docker image ls --format "{{.Repository}}"')).toBeUndefined();
	});

	it('names the operator that needs a shell', () => {
		expect(commandProblem('docker image ls | grep alpine')).toBe(
			'The command `docker image ls | grep alpine` uses `|`, which needs `shell: true`.',
		);
	});
});

describe('shellScriptFor', () => {
	it('replaces each variable with a quoted reference fitting its quote context, and passes values in the environment', () => {
		const { script, env } = shellScriptFor(`echo {{a}} "in {{a}}" 'lit {{a}}' {{json .}} {{unknown}}`, { a: '$(id)' });
		expect(script).toBe(`echo "\${a}" "in \${a}" 'lit '"\${a}"'' {{json .}} {{unknown}}`);
		expect(env).toEqual({ a: '$(id)' });
	});

	it('leaves a command without variables exactly as written', () => {
		expect(shellScriptFor('docker image ls | grep -c alpine', { a: 'b' }).script).toBe('docker image ls | grep -c alpine');
	});
});
