// Saves progress a moment after every meaningful change (debounced, so holding ↓ writes once) and
// on demand when quitting. Saves run one after another, so an older snapshot never lands last.
import { useCallback, useEffect, useRef } from 'react';
import type { ProgressState, ProgressStore } from '../../progress/progress-store.js';

export interface ProgressSaverOptions {
	store: ProgressStore;
	/** What to save now; `undefined` while there is nothing worth saving yet. */
	snapshot: ProgressState | undefined;
	/** The progress as loaded, so an unchanged session is not written again. */
	loaded?: ProgressState;
	debounceMs?: number;
	onError: (reason: string) => void;
}

export interface ProgressSaver {
	/** Saves the latest snapshot now; resolves with why it failed, or `undefined` when saved. */
	flush(): Promise<string | undefined>;
}

export function useProgressSaver({ store, snapshot, loaded, debounceMs = 500, onError }: ProgressSaverOptions): ProgressSaver {
	const json = snapshot === undefined ? undefined : JSON.stringify(snapshot);
	const latest = useRef(snapshot);
	latest.current = snapshot;
	const lastSaved = useRef(loaded === undefined ? undefined : JSON.stringify(loaded));
	const queue = useRef<Promise<string | undefined>>(Promise.resolve(undefined));
	const reportError = useRef(onError);
	reportError.current = onError;

	const flush = useCallback((): Promise<string | undefined> => {
		const state = latest.current;
		if (state === undefined) return queue.current;
		const text = JSON.stringify(state);
		if (text === lastSaved.current) return queue.current;
		lastSaved.current = text;
		queue.current = queue.current.then(async () => {
			try {
				await store.save(state);
				return undefined;
			} catch (error) {
				// Forget what we think is saved, so the next change tries again.
				if (lastSaved.current === text) lastSaved.current = undefined;
				const reason = error instanceof Error ? error.message : String(error);
				reportError.current(reason);
				return reason;
			}
		});
		return queue.current;
	}, [store]);

	useEffect(() => {
		if (json === undefined) return;
		const timer = setTimeout(() => void flush(), debounceMs);
		return () => clearTimeout(timer);
	}, [json, flush, debounceMs]);

	return { flush };
}
