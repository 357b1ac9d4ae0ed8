// A learner's saved progress for the registries lab, as tests build it: a first run with the Docker
// ID given, changed by what each test needs.
import type { ProgressState } from '../../src/progress/progress-store.js';

export function savedProgress(change: Partial<ProgressState> = {}): ProgressState {
	return {
		version: 1,
		labId: 'registries',
		vars: { dockerId: 'learner1' },
		done: [],
		hintsShown: {},
		solutionsShown: [],
		answers: {},
		startedAt: '2026-01-10T09:00:00.000Z',
		...change,
	};
}
