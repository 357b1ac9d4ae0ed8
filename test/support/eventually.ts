// The one way tests wait for something another process, a server or a render makes true: poll a
// probe until it gives a value, within a bound. The bound is a guard for a busy machine, never an
// expectation about time; the error says what was awaited and what was last seen.

export interface EventuallyOptions {
	/** What is awaited, for the error: "the registry to answer". */
	what: string;
	/** Give up after this long. Default 60 s. */
	timeoutMs?: number;
	/** Time between probes. Default 200 ms. */
	intervalMs?: number;
	/** What was last seen, added to the error (a screen, a log tail). */
	lastSeen?: () => string;
}

/**
 * Calls `probe` until it returns something other than `undefined` or `false`, and returns that.
 * A probe that throws ends the wait at once with its error (e.g. the process being awaited died).
 */
export async function eventually<T>(
	probe: () => T | undefined | false | Promise<T | undefined | false>,
	options: EventuallyOptions,
): Promise<T> {
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) {
			const seen = options.lastSeen?.();
			throw new Error(`Waited for ${options.what}, in vain${seen === undefined ? '' : `; last seen:\n${seen}`}`);
		}
		await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
	}
}
