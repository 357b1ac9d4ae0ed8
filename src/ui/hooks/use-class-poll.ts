// Reads the class from the classroom registry now and every few seconds after each read ends (never
// two reads at once, however slow the registry). A read that fails keeps the last table: the error is
// said beside it, and the next read tries again. The read stops when the screen closes.
import { useEffect, useState } from 'react';
import type { ClassRow } from '../../classroom/progress-document.js';

export interface ClassPoll {
	/** The rows of the last read that worked; undefined until one has. */
	rows?: readonly ClassRow[];
	/** When those rows were read (ms since the epoch). */
	readAt?: number;
	/** Why the last read failed; cleared by the next one that works. */
	error?: string;
	isReading: boolean;
}

export interface ClassPollOptions {
	/** Reads every learner's rows; rejects with a sentence that says why it could not. */
	read: (signal: AbortSignal) => Promise<readonly ClassRow[]>;
	/** The wait after each read. Default 5000 ms. */
	refreshMs?: number;
	now?: () => number;
}

export function useClassPoll({ read, refreshMs = 5_000, now = Date.now }: ClassPollOptions): ClassPoll {
	const [poll, setPoll] = useState<ClassPoll>({ isReading: true });
	useEffect(() => {
		const controller = new AbortController();
		const { signal } = controller;
		let timer: NodeJS.Timeout | undefined;
		const readOnce = async (): Promise<void> => {
			setPoll((previous) => (previous.isReading ? previous : { ...previous, isReading: true }));
			try {
				const rows = await read(signal);
				if (signal.aborted) return;
				setPoll({ rows, readAt: now(), isReading: false });
			} catch (error) {
				if (signal.aborted) return;
				const reason = error instanceof Error ? error.message : String(error);
				setPoll((previous) => ({ ...previous, error: reason, isReading: false }));
			}
			if (!signal.aborted) timer = setTimeout(() => void readOnce(), refreshMs);
		};
		void readOnce();
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [read, refreshMs, now]);
	return poll;
}
