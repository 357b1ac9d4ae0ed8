import { describe, expect, it } from 'vitest';
import {
	classRepository,
	classRows,
	learnerNameProblem,
	parseProgressDocument,
	progressDocument,
	serializeProgressDocument,
	sortRows,
	type ProgressDocument,
} from '../../src/classroom/progress-document.js';
import { labSchema, type Lab } from '../../src/lab/schema.js';
import type { ProgressState } from '../../src/progress/progress-store.js';

const lab: Lab = labSchema.parse({
	version: 1,
	id: 'demo',
	title: 'Demo lab',
	steps: [
		{ id: 'build', title: 'Build', prompt: 'Build it.', check: [{ run: 'true' }] },
		{ id: 'push', title: 'Push', prompt: 'Push it.', check: [{ run: 'true' }] },
		{ id: 'quiz', title: 'Quiz', prompt: 'Answer.', question: { ask: 'Which?', kind: 'text', accept: ['yes'] } },
		{ id: 'pull', title: 'Pull', prompt: 'Pull it.', check: [{ run: 'true' }] },
	],
});

const saved: ProgressState = {
	version: 1,
	labId: 'demo',
	vars: { dockerId: 'secret-id' },
	done: ['push', 'build', 'gone-step'],
	doneAt: { build: '2026-12-06T10:05:00.000Z', push: '2026-12-06T10:20:00.000Z' },
	hintsShown: { push: 2, quiz: 1, 'gone-step': 3 },
	solutionsShown: ['push'],
	answers: { quiz: { text: 'my private wrong answer', correct: false } },
	drafts: { quiz: 'a draft' },
	selected: 'build',
	startedAt: '2026-12-06T10:00:00.000Z',
};

const now = new Date('2026-12-06T10:30:00.000Z');

describe('progressDocument', () => {
	it('given saved progress, holds steps done in lab order with their times, and the current step since the last one was done', () => {
		const document = progressDocument(lab, saved, 'ana', now);
		expect(document.done).toEqual([
			{ step: 'build', at: '2026-12-06T10:05:00.000Z' },
			{ step: 'push', at: '2026-12-06T10:20:00.000Z' },
		]);
		expect(document.current).toEqual({ step: 'quiz', title: 'Quiz', since: '2026-12-06T10:20:00.000Z' });
		expect(document.hints).toEqual({ push: 2, quiz: 1 });
		expect(document.solutions).toEqual(['push']);
		expect(document.answers).toEqual({ right: 0, wrong: 1 });
		expect(document.lab).toEqual({ id: 'demo', title: 'Demo lab', steps: 4 });
		expect(document.publishedAt).toBe(now.toISOString());
	});

	it('never carries the answers, drafts or variables the learner typed', () => {
		const text = serializeProgressDocument(progressDocument(lab, saved, 'ana', now));
		expect(text).not.toContain('my private wrong answer');
		expect(text).not.toContain('a draft');
		expect(text).not.toContain('secret-id');
		expect(text).not.toContain('gone-step');
	});

	it('is on the selected step since the learner moved to it, when the TUI saved that', () => {
		const document = progressDocument(lab, { ...saved, selected: 'pull', selectedAt: '2026-12-06T10:25:00.000Z' }, 'ana', now);
		expect(document.current).toMatchObject({ step: 'pull', since: '2026-12-06T10:25:00.000Z' });
	});

	it('takes the selected step as current when it is not done', () => {
		const document = progressDocument(lab, { ...saved, selected: 'pull' }, 'ana', now);
		expect(document.current?.step).toBe('pull');
	});

	it('has no current step once every step is done, and counts a right answer', () => {
		const document = progressDocument(
			lab,
			{ ...saved, done: ['build', 'push', 'quiz', 'pull'], answers: { quiz: { text: 'yes', correct: true } } },
			'ana',
			now,
		);
		expect(document.current).toBeUndefined();
		expect(document.answers).toEqual({ right: 1, wrong: 0 });
	});

	it('without saved progress, is on the first step since now', () => {
		const document = progressDocument(lab, undefined, 'ben', now);
		expect(document.done).toEqual([]);
		expect(document.current).toEqual({ step: 'build', title: 'Build', since: now.toISOString() });
	});
});

describe('parseProgressDocument', () => {
	it('reads back what was serialized', () => {
		const document = progressDocument(lab, saved, 'ana', now);
		expect(parseProgressDocument(serializeProgressDocument(document))).toEqual({ document });
	});

	it.each([
		['not JSON', '{', 'it is not JSON'],
		['a wrong version', JSON.stringify({ version: 2 }), 'not a registry-lab progress document'],
		['an image config', JSON.stringify({ architecture: 'amd64', os: 'linux' }), 'not a registry-lab progress document'],
	])('refuses %s', (_case, json, problem) => {
		const result = parseProgressDocument(json);
		expect('problem' in result && result.problem).toContain(problem);
	});
});

describe('learnerNameProblem', () => {
	it.each(['ana', 'Ana_Lopez', '_x', 'b.2-c', 'a'.repeat(128)])('accepts %s as a name', (name) => {
		expect(learnerNameProblem(name)).toBeUndefined();
	});

	it.each(['', '-ana', '.ana', 'ana lopez', 'ana/lopez', 'é', 'a'.repeat(129)])('refuses %j and says what a name may hold', (name) => {
		expect(learnerNameProblem(name)).toContain('use up to 128 letters, digits, dots, dashes and underscores');
	});

	it('names one repository per lab', () => {
		expect(classRepository('registries')).toBe('registry-lab/registries');
	});
});

function documentFor(name: string, doneCount: number, sinceMinutesAgo: number | undefined): ProgressDocument {
	const steps = lab.steps.map((step) => step.id);
	const since = sinceMinutesAgo === undefined ? undefined : new Date(now.getTime() - sinceMinutesAgo * 60_000).toISOString();
	return {
		version: 1,
		learner: name,
		lab: { id: 'demo', title: 'Demo lab', steps: 4 },
		publishedAt: '2026-12-06T10:29:00.000Z',
		startedAt: '2026-12-06T10:00:00.000Z',
		done: steps.slice(0, doneCount).map((step) => ({ step })),
		...(since ? { current: { step: steps[doneCount]!, title: 'T', since } } : {}),
		hints: { build: 1, push: 2 },
		solutions: ['push'],
		answers: { right: 1, wrong: 2 },
	};
}

describe('classRows and sortRows', () => {
	const documents = [documentFor('cleo', 1, 5), documentFor('ana', 2, 25), documentFor('dan', 4, undefined), documentFor('ben', 0, 25)];

	it('makes one row per learner with totals and the time on the current step', () => {
		const [cleo] = classRows(documents, now);
		expect(cleo).toEqual({
			name: 'cleo',
			done: 1,
			total: 4,
			currentStep: 'push',
			currentTitle: 'T',
			onCurrentMs: 5 * 60_000,
			hints: 3,
			solutions: 1,
			answersRight: 1,
			answersWrong: 2,
			lastSeen: Date.parse('2026-12-06T10:29:00.000Z'),
		});
	});

	it.each([
		['stuck', ['ana', 'ben', 'cleo', 'dan']],
		['name', ['ana', 'ben', 'cleo', 'dan']],
		['progress', ['dan', 'ana', 'cleo', 'ben']],
	] as const)('sorted by %s, lists %j', (by, names) => {
		expect(sortRows(classRows(documents, now), by).map((row) => row.name)).toEqual(names);
	});

	it('by default puts the learner stuck longest first and a finished one last', () => {
		const rows = classRows([documentFor('zoe', 4, undefined), documentFor('yan', 1, 1), documentFor('xia', 2, 40)], now);
		expect(sortRows(rows).map((row) => row.name)).toEqual(['xia', 'yan', 'zoe']);
	});
});
