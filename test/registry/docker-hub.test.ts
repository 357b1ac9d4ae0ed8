import { describe, expect, it } from 'vitest';
import { hubRegistry, isDockerHub } from '../../src/registry/docker-hub.js';

describe('which registry plays Docker Hub', () => {
	it.each([
		['docker.io', true],
		['Docker.IO', true],
		['index.docker.io', true],
		['registry-1.docker.io', true],
		['localhost:5001', false],
		['docker.io.example.com', false],
		['registry.example.com', false],
	])('%s is Docker Hub: %s', (registry, expected) => {
		expect(isDockerHub(registry)).toBe(expected);
	});

	it.each([
		[{ hub: 'localhost:5001' }, 'localhost:5001'],
		[{ hub: ' localhost:5001 ' }, 'localhost:5001'],
		[{ hub: '' }, 'docker.io'],
		[{}, 'docker.io'],
	])('the push steps of a lab with %j use %s', (vars, expected) => {
		expect(hubRegistry(vars)).toBe(expected);
	});
});
