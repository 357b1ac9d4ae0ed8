import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandProblem } from '../../src/lab/split-command.js';
import { isPlainCommand } from '../../src/lab/plain-command.js';

const runs = Number(process.env.REGISTRY_LAB_FUZZ_RUNS ?? '') || 2000;

describe('isPlainCommand', () => {
	it.each([
		'docker image rm -f {{curlImage}}:21.06',
		'docker build -t {{curlImage}}:21.06 -f images/curl/Dockerfile.v2 images/curl',
		"docker image inspect --format '{{.Config.Entrypoint}}' {{curlImage}}:21.06",
		"docker ps -a --filter label=io.registry-lab.lab=registries --format 'left behind {{.Names}}'",
		`sh -c 'if ! docker start registry >/dev/null 2>&1; then\n  docker run -d -p "$1:5000" registry:2; fi' start-registry {{registryPort}}`,
		'  curl --head localhost:{{registryPort}}/v2/  ',
	])('takes %j, which has no problem, without asking shell-quote', (command) => {
		expect(commandProblem(command)).toBeUndefined();
		expect(isPlainCommand(command)).toBe(true);
	});

	it.each([
		['an assignment before the command', 'FOO=1 docker ps'],
		['a quoted first word', "'docker' ps"],
		['a pipe', 'docker ps | wc -l'],
		['a quote never closed', "docker ps --format '{{.ID}}"],
		['a double-quoted argument', 'docker ps --format "{{.ID}}"'],
		['a variable', 'echo $HOME'],
		['nothing but spaces', '   '],
		['nothing', ''],
	])('leaves %s to commandProblem', (_what, command) => {
		expect(isPlainCommand(command)).toBe(false);
	});

	it('never takes a command that commandProblem finds a problem in', () => {
		// Mostly what a plain command is made of, so the property often reaches the short way.
		const piece = fc.oneof(
			{
				weight: 6,
				arbitrary: fc.constantFrom(
					'a',
					'Z',
					'0',
					'_',
					'.',
					'/',
					':',
					',',
					'=',
					'@',
					'%',
					'+',
					'-',
					'{',
					'}',
					'{{v}}',
					' ',
					'  ',
					"'",
					'A=',
					'a_b=',
				),
			},
			{
				weight: 1,
				arbitrary: fc.constantFrom(
					'"',
					'\\',
					'$',
					'$(',
					'(',
					')',
					'|',
					'&',
					';',
					'<',
					'>',
					'#',
					'*',
					'?',
					'`',
					'\n',
					'\t',
					'é',
					'!',
					'~',
					'^',
					'[',
					']',
				),
			},
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
				const command = pieces.join('');
				if (isPlainCommand(command)) expect(commandProblem(command), JSON.stringify(command)).toBeUndefined();
			}),
			{ numRuns: runs },
		);
	});
});
