import { describe, expect, it } from 'vitest';
import { looksLikeCommand, parsePullCommand, type PullCommandProblem } from '../../src/answer/parse-pull-command.js';

const image = 'mcr.microsoft.com/dotnet/runtime:5.0';

describe('parsePullCommand', () => {
	it.each([
		['docker pull IMAGE', `docker pull ${image}`, { program: 'docker', subcommand: 'pull' }, {}],
		['docker image pull IMAGE', `docker image pull ${image}`, { subcommand: 'image pull' }, {}],
		['a quoted image', `docker pull "${image}"`, {}, {}],
		['extra spaces and tabs', `  docker   pull\t${image}  `, {}, {}],
		['-q', `docker pull -q ${image}`, {}, { quiet: true }],
		['--quiet after the image', `docker pull ${image} --quiet`, {}, { quiet: true }],
		['--quiet=false', `docker pull --quiet=false ${image}`, {}, { quiet: false }],
		['-a', 'docker pull -a mcr.microsoft.com/dotnet/runtime', {}, { allTags: true }],
		['--all-tags', 'docker pull --all-tags mcr.microsoft.com/dotnet/runtime', {}, { allTags: true }],
		['combined -qa', 'docker pull -qa mcr.microsoft.com/dotnet/runtime', {}, { allTags: true, quiet: true }],
		['--platform VALUE', `docker pull --platform linux/arm64 ${image}`, {}, { platform: 'linux/arm64' }],
		['--platform=VALUE', `docker pull --platform=linux/amd64 ${image}`, {}, { platform: 'linux/amd64' }],
		['--disable-content-trust', `docker pull --disable-content-trust ${image}`, {}, { disableContentTrust: true }],
		['sudo in front', `sudo docker pull ${image}`, { isSudo: true }, {}],
		['-- before the image', `docker pull -q -- ${image}`, {}, { quiet: true }],
		['a trailing comment', `docker pull ${image} # the runtime`, {}, {}],
		['podman with --tls-verify=false', `podman pull --tls-verify=false ${image}`, { program: 'podman' }, { tlsVerify: false }],
	] as const)('reads %s', (_, text, command, flags) => {
		const parsed = parsePullCommand(text);
		expect(parsed).toMatchObject({ ok: true, command: { ...command, flags } });
		if (parsed.ok) expect(parsed.command.reference).toMatch(/^mcr\.microsoft\.com\/dotnet\/runtime(:5\.0)?$/);
	});

	it.each<[string, string, PullCommandProblem]>([
		['nothing', '   ', { kind: 'empty' }],
		['a pipe', `docker pull ${image} | cat`, { kind: 'shell-operator', operator: '|' }],
		['a second command after ;', `docker pull ${image}; ls`, { kind: 'shell-operator', operator: ';' }],
		['&&', `docker pull ${image} && docker images`, { kind: 'shell-operator', operator: '&&' }],
		['a redirect', `docker pull ${image} > out.txt`, { kind: 'shell-operator', operator: '>' }],
		['$(...)', 'docker pull $(echo x)', { kind: 'command-substitution' }],
		['backticks', 'docker pull `echo x`', { kind: 'command-substitution' }],
		['a variable', 'docker pull $IMAGE', { kind: 'variable', name: 'IMAGE' }],
		['a variable inside a word', 'docker pull mcr.microsoft.com/${NAME}:5.0', { kind: 'variable', name: 'NAME' }],
		['a bare reference', image, { kind: 'not-docker', program: image, isOneWord: true }],
		['pull without docker', `pull ${image}`, { kind: 'not-docker', program: 'pull', isOneWord: false }],
		['docker alone', 'docker', { kind: 'missing-subcommand', program: 'docker' }],
		['an option before pull', `docker -D pull ${image}`, { kind: 'option-before-subcommand', program: 'docker', option: '-D' }],
		['docker run', `docker run ${image}`, { kind: 'wrong-subcommand', program: 'docker', subcommand: 'run' }],
		['docker get', `docker get ${image}`, { kind: 'wrong-subcommand', program: 'docker', subcommand: 'get' }],
		['docker image push', `docker image push ${image}`, { kind: 'wrong-subcommand', program: 'docker', subcommand: 'image push' }],
		['no image', 'docker pull -q', { kind: 'missing-reference', program: 'docker' }],
		['two images', `docker pull ${image} alpine`, { kind: 'extra-arguments', program: 'docker', words: ['alpine'] }],
		['an unknown option', `docker pull --force ${image}`, { kind: 'unknown-flag', program: 'docker', flag: '--force' }],
		['an unknown short option in a group', `docker pull -qx ${image}`, { kind: 'unknown-flag', program: 'docker', flag: '-x' }],
		[
			'--tls-verify for docker',
			`docker pull --tls-verify=false ${image}`,
			{ kind: 'unknown-flag', program: 'docker', flag: '--tls-verify' },
		],
		['--platform without a value', 'docker pull --platform', { kind: 'flag-needs-value', flag: '--platform' }],
		['a bad boolean', `docker pull --quiet=maybe ${image}`, { kind: 'bad-flag-value', flag: '--quiet', value: 'maybe' }],
	])('reports %s', (_, text, problem) => {
		expect(parsePullCommand(text)).toEqual({ ok: false, problem });
	});
});

describe('looksLikeCommand', () => {
	it.each([
		['docker pull x', true],
		['sudo docker pull x', true],
		['podman pull x', true],
		['docker', true],
		['docker.io/kiamol/ch05-pi:latest', false],
		['dockerhub/x', false],
	])('%s -> %s', (text, expected) => {
		expect(looksLikeCommand(text)).toBe(expected);
	});
});
