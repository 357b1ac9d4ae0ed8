import { defineConfig } from 'vitest/config';

// Two projects: fast pure/unit tests run in parallel; tests that drive the real Docker engine or
// the built CLI in a terminal share one engine (the container name `registry`, the lab's label), so
// they run one file at a time, and only after the unit project has finished: projects otherwise run
// side by side, and docker-using unit files would change the engine under an e2e file.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: ['test/e2e/**'],
					sequence: { groupOrder: 0 },
					testTimeout: 30_000,
					hookTimeout: 60_000,
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.{ts,tsx}'],
					// Builds the offline stand-in images (alpine, registry:2) once, before any e2e file.
					globalSetup: ['test/e2e/support/global-setup.ts'],
					fileParallelism: false,
					sequence: { groupOrder: 1 },
					testTimeout: 300_000,
					hookTimeout: 600_000,
				},
			},
		],
	},
});
