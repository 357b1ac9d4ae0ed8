import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { youngGenerationFlag } from '../../src/runtime/memory-tuning.js';

// In a process of its own (the flag stays set for the rest of a process's life), set at run time as
// the TUI sets it, after V8 has started.
function youngGenerationAfterBurst(tuned: boolean): number {
	const script = `
		const { getHeapSpaceStatistics, setFlagsFromString } = await import('node:v8');
		${tuned ? `setFlagsFromString(${JSON.stringify(youngGenerationFlag)});` : ''}
		const kept = [];
		for (let i = 0; i < 3e5; i++) { const item = { i, text: 'x' + i }; if (i % 3 === 0) kept.push(item); }
		console.log(getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);`;
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	return Number(result.stdout.trim());
}

describe('keepYoungGenerationSmall', () => {
	it('keeps V8’s young generation at its starting size through a burst of allocation that grows it otherwise', () => {
		const mib = 1024 * 1024;
		expect(youngGenerationAfterBurst(false)).toBeGreaterThan(4 * mib);
		expect(youngGenerationAfterBurst(true)).toBeLessThanOrEqual(2 * mib);
	});
});
