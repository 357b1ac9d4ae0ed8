import { describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';

describe('eventually', () => {
	it('returns the first value the probe gives that is not undefined or false', async () => {
		let calls = 0;
		const value = await eventually(() => (++calls >= 3 ? `after ${calls}` : calls === 1 ? false : undefined), {
			what: 'three calls',
			intervalMs: 1,
		});
		expect(value).toBe('after 3');
	});

	it('waits for async probes too', async () => {
		let calls = 0;
		await expect(eventually(async () => ++calls === 2, { what: 'two calls', intervalMs: 1 })).resolves.toBe(true);
	});

	it('gives up after its bound, naming what it waited for and what it last saw', async () => {
		await expect(
			eventually(() => undefined, { what: 'the registry to answer', timeoutMs: 20, intervalMs: 5, lastSeen: () => 'connection refused' }),
		).rejects.toThrow('Waited for the registry to answer, in vain; last seen:\nconnection refused');
	});

	it('ends at once with the error of a probe that throws', async () => {
		let calls = 0;
		const waiting = eventually(
			() => {
				calls++;
				throw new Error('the process died');
			},
			{ what: 'never', timeoutMs: 60_000 },
		);
		await expect(waiting).rejects.toThrow('the process died');
		expect(calls).toBe(1);
	});
});
