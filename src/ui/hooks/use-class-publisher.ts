// Publishes the learner's progress to the classroom registry a moment after each change, in the
// background: debounced (holding ↓ or typing publishes once), one publish in flight at a time, and
// the latest state wins (a change made while one is in flight is published when it ends, the states
// in between never). A failure is only reported, for the header: the learner is never interrupted.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressState } from '../../progress/progress-store.js';

/** What the header says about the classroom. */
export type ClassPublishStatus =
	{ kind: 'off' } | { kind: 'waiting' } | { kind: 'publishing' } | { kind: 'published' } | { kind: 'failed'; reason: string };

export interface ClassPublisherOptions {
	/** The runtime's publish; absent when the lab was not opened with --classroom. */
	publish?: (progress: ProgressState, signal: AbortSignal) => Promise<void>;
	/** What to publish now; `undefined` while there is nothing worth publishing yet. */
	snapshot: ProgressState | undefined;
	/** Default 2000 ms: a classroom registry need not hear about every key. */
	debounceMs?: number;
}

/** What of the progress the instructor sees: a draft being typed is not a change worth a publish. Pure. */
export function publishedPart(progress: ProgressState): string {
	const { drafts: _drafts, ...rest } = progress;
	return JSON.stringify(rest);
}

export function useClassPublisher({ publish, snapshot, debounceMs = 2_000 }: ClassPublisherOptions): ClassPublishStatus {
	const [status, setStatus] = useState<ClassPublishStatus>(publish ? { kind: 'waiting' } : { kind: 'off' });
	const key = snapshot === undefined ? undefined : publishedPart(snapshot);
	const latest = useRef(snapshot);
	latest.current = snapshot;
	const isInFlight = useRef(false);
	const lastSent = useRef<string | undefined>(undefined);
	const stopped = useRef(new AbortController());

	useEffect(() => {
		const controller = new AbortController();
		stopped.current = controller;
		return () => controller.abort();
	}, []);

	const run = useCallback(async (): Promise<void> => {
		// The publish in flight looks at the latest state again when it ends.
		if (!publish || isInFlight.current) return;
		const { signal } = stopped.current;
		isInFlight.current = true;
		try {
			for (;;) {
				const state = latest.current;
				if (state === undefined || signal.aborted) return;
				const sending = publishedPart(state);
				if (sending === lastSent.current) return;
				setStatus({ kind: 'publishing' });
				try {
					await publish(state, signal);
					lastSent.current = sending;
					if (!signal.aborted) setStatus({ kind: 'published' });
				} catch (error) {
					if (signal.aborted) return;
					setStatus({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
					// Try again only for a newer state: the next change retries this one too.
					if (latest.current === state) return;
				}
			}
		} finally {
			isInFlight.current = false;
		}
	}, [publish]);

	useEffect(() => {
		if (key === undefined || !publish) return;
		const timer = setTimeout(() => void run(), debounceMs);
		return () => clearTimeout(timer);
	}, [key, run, publish, debounceMs]);

	return status;
}
