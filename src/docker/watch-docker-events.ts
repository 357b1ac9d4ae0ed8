// Follows `docker events` for images and containers so the TUI can re-check steps when the learner
// builds, tags, removes or runs something, instead of polling. The stream dies when the daemon
// restarts: we start it again with backoff, asking for the events since the last one we saw so
// nothing that happened in between is missed.
import { setTimeout as sleep } from 'node:timers/promises';
import { streamLines } from '../process/run-command.js';

export interface DockerEvent {
	type: 'image' | 'container' | (string & {});
	/** `tag`, `untag`, `delete`, `pull`, `push`, `create`, `start`, `die`, `destroy`... (without `: details`). */
	action: string;
	/** Image ID (sha256:...) or container ID. */
	id: string;
	/** Container events: the container's name. */
	name?: string;
	/** Image events: the reference (e.g. `localhost:5000/alpine:latest`); container events: its image. */
	ref?: string;
	/** Everything docker sent about the object (container labels are here too). */
	attributes: Record<string, string>;
	/** When it happened, in nanoseconds since the epoch, as docker reports it. */
	timeNano?: bigint;
}

interface RawEvent {
	Type?: string;
	Action?: string;
	status?: string;
	id?: string;
	time?: number;
	timeNano?: number | string;
	Actor?: { ID?: string; Attributes?: Record<string, string> | null };
}

/** Parses one line of `docker events --format '{{json .}}'`; undefined for anything else. Pure. */
export function parseDockerEvent(line: string): DockerEvent | undefined {
	let raw: RawEvent;
	try {
		raw = JSON.parse(line) as RawEvent;
	} catch {
		return undefined;
	}
	if (typeof raw !== 'object' || raw === null || typeof raw.Type !== 'string') return undefined;
	const attributes = raw.Actor?.Attributes ?? {};
	// Actions like `exec_start: sh -c ...` and `health_status: healthy` carry details after a colon.
	const action = (raw.Action ?? raw.status ?? '').split(':')[0]?.trim() ?? '';
	const id = raw.Actor?.ID ?? raw.id ?? '';
	// timeNano does not fit a double: read its digits from the text, not from the parsed number.
	const nanoDigits = /"timeNano"\s*:\s*"?(\d+)/.exec(line)?.[1];
	const timeNano = toBigInt(nanoDigits ?? raw.timeNano) ?? (typeof raw.time === 'number' ? BigInt(raw.time) * 1_000_000_000n : undefined);
	if (raw.Type === 'container') {
		return { type: 'container', action, id, name: attributes.name, ref: attributes.image, attributes, timeNano };
	}
	if (raw.Type === 'image') {
		return { type: 'image', action, id, ref: attributes.name ?? raw.id, attributes, timeNano };
	}
	return { type: raw.Type, action, id, attributes, timeNano };
}

function toBigInt(value: number | string | undefined): bigint | undefined {
	if (value === undefined) return undefined;
	try {
		return BigInt(typeof value === 'number' ? Math.trunc(value) : value);
	} catch {
		return undefined;
	}
}

/** `--since` value docker accepts: seconds with nine decimals. Pure. */
export function sinceArgument(timeNano: bigint): string {
	const seconds = timeNano / 1_000_000_000n;
	const nanos = timeNano % 1_000_000_000n;
	return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

/** The argv that follows image and container events since a moment. Pure. */
export function eventsArgv(since?: bigint): string[] {
	const argv = ['docker', 'events', '--format', '{{json .}}', '--filter', 'type=image', '--filter', 'type=container'];
	if (since !== undefined) argv.push('--since', sinceArgument(since));
	return argv;
}

/** Delay before the next restart: doubles from `initialMs` up to `maxMs`. Pure. */
export function nextBackoff(previousMs: number | undefined, initialMs: number, maxMs: number): number {
	return previousMs === undefined ? initialMs : Math.min(previousMs * 2, maxMs);
}

export type WatchState = 'watching' | 'reconnecting' | 'stopped';

export interface WatchDockerEventsOptions {
	signal?: AbortSignal;
	onEvent: (event: DockerEvent) => void;
	/**
	 * `watching` when a stream starts (after a reconnect, re-check everything: the gap is replayed,
	 * but a restarted daemon may have lost state), `reconnecting` when it died, `stopped` at the end.
	 */
	onState?: (state: WatchState, message?: string) => void;
	env: Record<string, string | undefined>;
	/** Backoff between restarts. Default 500 ms doubling to 10 s. */
	backoff?: { initialMs?: number; maxMs?: number };
}

export interface DockerEventsWatch {
	stop(): void;
	/** Resolves once the watch has stopped (after `stop()` or the signal aborts). */
	done: Promise<void>;
}

/** Starts following docker events until stopped or aborted. Never throws; see `onState`. */
export function watchDockerEvents(options: WatchDockerEventsOptions): DockerEventsWatch {
	const controller = new AbortController();
	const abort = () => controller.abort();
	if (options.signal?.aborted) controller.abort();
	else options.signal?.addEventListener('abort', abort, { once: true });
	const initialMs = options.backoff?.initialMs ?? 500;
	const maxMs = options.backoff?.maxMs ?? 10_000;
	// Start a little in the past: events between this call and the stream subscribing are replayed,
	// and a daemon clock slightly behind ours does not hide them.
	let since = BigInt(Date.now() - 2_000) * 1_000_000n;

	const loop = async () => {
		let delay: number | undefined;
		while (!controller.signal.aborted) {
			let sawEvent = false;
			const stream = streamLines(eventsArgv(since), {
				signal: controller.signal,
				env: options.env,
				onLine: (line: string) => {
					const event = parseDockerEvent(line);
					if (!event) return;
					sawEvent = true;
					if (event.timeNano !== undefined && event.timeNano >= since) since = event.timeNano + 1n;
					options.onEvent(event);
				},
			});
			options.onState?.('watching');
			const ended = await stream.done.catch((error: unknown) => error);
			if (controller.signal.aborted) break;
			// Replay only the gap from here on, not everything since the watch began.
			const diedAt = BigInt(Date.now() - 2_000) * 1_000_000n;
			if (diedAt > since) since = diedAt;
			delay = sawEvent ? undefined : delay;
			delay = nextBackoff(delay, initialMs, maxMs);
			options.onState?.('reconnecting', describeEnd(ended));
			try {
				await sleep(delay, undefined, { signal: controller.signal });
			} catch {
				break;
			}
		}
		options.signal?.removeEventListener('abort', abort);
		options.onState?.('stopped');
	};
	const done = loop().catch(() => options.onState?.('stopped'));
	return { stop: abort, done };
}

function describeEnd(ended: unknown): string {
	if (ended && typeof ended === 'object') {
		const result = ended as { message?: string; stderr?: string };
		const text = (result.stderr ?? '').trim() || result.message;
		if (text) return `docker events stopped: ${text.split('\n').at(-1)}`;
	}
	return 'docker events stopped';
}
