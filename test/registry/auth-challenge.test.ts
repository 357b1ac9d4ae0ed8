import { describe, expect, it } from 'vitest';
import { challengeScopes, parseAuthChallenges } from '../../src/registry/auth-challenge.js';

describe('parseAuthChallenges', () => {
	it('agrees with Distribution’s own parsing vector (TestAuthChallengeParse)', () => {
		const header = String.raw`Bearer realm="https://auth.example.com/token",service="registry.example.com",other=fun,slashed="he\"\l\lo"`;
		expect(parseAuthChallenges(header)).toEqual([
			{
				scheme: 'bearer',
				params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', other: 'fun', slashed: 'he"llo' },
			},
		]);
	});

	it('reads the challenge Distribution’s token controller sends, scopes and error included', () => {
		const [challenge] = parseAuthChallenges(
			'Bearer realm="http://127.0.0.1:4000/token",service="registry-lab-test",scope="repository:team/app:pull,push registry:catalog:*",error="insufficient_scope"',
		);
		expect(challenge?.params.error).toBe('insufficient_scope');
		expect(challengeScopes(challenge!)).toEqual(['repository:team/app:pull,push', 'registry:catalog:*']);
	});

	it('reads Docker Hub’s challenge', () => {
		const [challenge] = parseAuthChallenges(
			'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
		);
		expect(challenge).toEqual({
			scheme: 'bearer',
			params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' },
		});
	});

	it('reads an htpasswd registry’s Basic challenge, lower-casing scheme and parameter names', () => {
		expect(parseAuthChallenges('BASIC Realm="registry-lab-test"')).toEqual([{ scheme: 'basic', params: { realm: 'registry-lab-test' } }]);
	});

	it('reads several challenges that fetch joined into one header value', () => {
		const challenges = parseAuthChallenges('Basic realm="a, b", Bearer realm="https://auth.example/token",service="x"');
		expect(challenges).toEqual([
			{ scheme: 'basic', params: { realm: 'a, b' } },
			{ scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'x' } },
		]);
	});

	it('allows spaces around "=" and after commas', () => {
		expect(parseAuthChallenges('Bearer realm = "r" ,  service=s')).toEqual([{ scheme: 'bearer', params: { realm: 'r', service: 's' } }]);
	});

	it('reads a scheme with no parameters', () => {
		expect(parseAuthChallenges('Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }]);
	});

	it('keeps what came before a malformed part and finds nothing in an empty header', () => {
		expect(parseAuthChallenges('Bearer realm="https://x/token",service="unterminated')).toEqual([
			{ scheme: 'bearer', params: { realm: 'https://x/token' } },
		]);
		expect(parseAuthChallenges('')).toEqual([]);
		expect(parseAuthChallenges(null)).toEqual([]);
		expect(parseAuthChallenges('"quoted"')).toEqual([]);
	});

	it('finds no scopes in a challenge without a scope parameter', () => {
		expect(challengeScopes({ scheme: 'bearer', params: { realm: 'r' } })).toEqual([]);
	});
});
