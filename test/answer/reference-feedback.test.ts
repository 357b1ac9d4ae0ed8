// The comparison rules are generic: these cases use other images and registries than the lab's
// questions, to show the rules come from the parsed parts, not from the two lab answers.
import { describe, expect, it } from 'vitest';
import { compareReference, type ReferenceIssue } from '../../src/answer/reference-feedback.js';

const full = { requireExplicit: true };
const asPulled = { requireExplicit: false };

type Kind = ReferenceIssue['kind'];

describe('compareReference', () => {
	it.each<[string, string, string, { requireExplicit: boolean }, Kind[]]>([
		['the exact full form', 'docker.io/library/ubuntu:22.04', 'docker.io/library/ubuntu:22.04', full, []],
		['an official image without library/ (Docker adds it)', 'docker.io/ubuntu:22.04', 'docker.io/library/ubuntu:22.04', full, []],
		['the short form of an official image', 'ubuntu', 'docker.io/library/ubuntu:latest', full, ['short-form']],
		['the short form when any form will do', 'ubuntu', 'docker.io/library/ubuntu:latest', asPulled, []],
		['a short expected form answered in full', 'docker.io/library/ubuntu:latest', 'ubuntu', full, []],
		['no tag where the lab wrote latest', 'quay.io/team/app', 'quay.io/team/app:latest', full, ['missing-default-tag']],
		['no tag where the lab wrote none', 'quay.io/team/app', 'quay.io/team/app', full, []],
		['no registry where the lab wrote docker.io', 'team/app:1.0', 'docker.io/team/app:1.0', full, ['missing-default-domain']],
		['no registry for a private registry', 'team/app:1.0', 'localhost:5000/team/app:1.0', asPulled, ['no-domain-means-hub']],
		['another registry', 'ghcr.io/team/app:1.0', 'localhost:5000/team/app:1.0', asPulled, ['wrong-domain']],
		['another port', 'localhost:5001/team/app:1.0', 'localhost:5000/team/app:1.0', asPulled, ['wrong-domain']],
		['library/ in a user image', 'docker.io/library/team/app:1.0', 'docker.io/team/app:1.0', full, ['library-inserted']],
		['library/ with no registry', 'library/team/app:1.0', 'docker.io/team/app:1.0', asPulled, ['library-inserted']],
		['another repository', 'docker.io/team/api:1.0', 'docker.io/team/app:1.0', full, ['wrong-repository']],
		['registry-1.docker.io', 'registry-1.docker.io/library/redis:7', 'docker.io/library/redis:7', full, ['hub-host']],
		['registry-1.docker.io for an official image without library/', 'registry-1.docker.io/redis:7', 'redis:7', asPulled, ['hub-host']],
		['hub.docker.com', 'hub.docker.com/team/app:1.0', 'docker.io/team/app:1.0', full, ['hub-host']],
		[
			'a Docker Hub host where another registry is expected',
			'registry-1.docker.io/team/app:1.0',
			'ghcr.io/team/app:1.0',
			asPulled,
			['wrong-domain'],
		],
		['no tag where a version is asked', 'ghcr.io/team/app', 'ghcr.io/team/app:2.1', asPulled, ['missing-tag']],
		['another tag', 'ghcr.io/team/app:2', 'ghcr.io/team/app:2.1', asPulled, ['wrong-tag']],
		['a tag where none was asked (so latest)', 'ghcr.io/team/app:2', 'ghcr.io/team/app', asPulled, ['wrong-tag']],
		['latest written out where none was asked', 'ghcr.io/team/app:latest', 'ghcr.io/team/app', asPulled, []],
		[
			'a digest where a tag was asked',
			`ghcr.io/team/app@sha256:${'a'.repeat(64)}`,
			'ghcr.io/team/app:2.1',
			asPulled,
			['unexpected-digest'],
		],
		['no digest where one was asked', 'ghcr.io/team/app:2.1', `ghcr.io/team/app@sha256:${'a'.repeat(64)}`, asPulled, ['missing-digest']],
		[
			'another digest',
			`ghcr.io/team/app@sha256:${'b'.repeat(64)}`,
			`ghcr.io/team/app@sha256:${'a'.repeat(64)}`,
			asPulled,
			['wrong-digest'],
		],
		['capitals in the repository', 'Team/App:1.0', 'team/app:1.0', asPulled, ['uppercase-path']],
		['capitals in the registry', 'GHCR.io/team/app:1.0', 'ghcr.io/team/app:1.0', asPulled, ['uppercase-domain']],
		['capitals in the tag (allowed)', 'ghcr.io/team/app:RC1', 'ghcr.io/team/app:RC1', asPulled, []],
		['capitals and a short form', 'Team/app', 'docker.io/team/app:latest', full, ['uppercase-path', 'short-form']],
		[
			'several mistakes at once',
			'docker.io/team/api:2',
			'ghcr.io/team/app:1.0',
			asPulled,
			['wrong-domain', 'wrong-repository', 'wrong-tag'],
		],
		['an invalid reference', 'team//app', 'team/app', asPulled, ['invalid']],
	])('%s', (_, answer, expected, options, kinds) => {
		const judged = compareReference(answer, expected, options);
		expect(judged.issues.map((issue) => issue.kind)).toEqual(kinds);
		expect(judged.isCorrect).toBe(kinds.length === 0);
	});

	it('notes the legacy index.docker.io name on a right answer', () => {
		const judged = compareReference('index.docker.io/team/app:1.0', 'docker.io/team/app:1.0', full);
		expect(judged.isCorrect).toBe(true);
		expect(judged.notes).toEqual([{ kind: 'legacy-domain', typed: 'index.docker.io', canonical: 'docker.io' }]);
	});

	it('says Docker reads a capitalised first part as a registry', () => {
		const [issue] = compareReference('Team/app', 'team/app', asPulled).issues;
		expect(issue).toMatchObject({ kind: 'uppercase-path', typed: 'Team/app', lowercase: 'team/app', isReadAsRegistry: true });
	});

	it('quotes Docker’s own lowercase error when Docker refuses the capitals', () => {
		const [issue] = compareReference('team/App', 'team/app', asPulled).issues;
		expect(issue).toMatchObject({
			kind: 'uppercase-path',
			isReadAsRegistry: false,
			dockerError: 'invalid reference format: repository name (team/App) must be lowercase',
		});
	});

	it('gives the answer in full as Docker reads it, capitals and all', () => {
		expect(compareReference('kiamol/ch05-pi', 'kiamol/ch05-pi', asPulled).normalized).toBe('docker.io/kiamol/ch05-pi:latest');
		expect(compareReference('GHCR.io/team/app', 'ghcr.io/team/app', asPulled).normalized).toBe('GHCR.io/team/app:latest');
		expect(compareReference('team/App', 'team/app', asPulled).normalized).toBeUndefined();
	});

	it('tells the same image apart from a right answer', () => {
		const judged = compareReference('ubuntu', 'docker.io/library/ubuntu:latest', full);
		expect(judged.isSameImage).toBe(true);
		expect(judged.isCorrect).toBe(false);
	});

	it('throws when the expected reference is invalid, since that is the lab’s mistake', () => {
		expect(() => compareReference('team/app', 'Team//app', asPulled)).toThrow('invalid reference format');
	});
});
