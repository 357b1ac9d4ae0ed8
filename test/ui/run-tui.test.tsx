import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTui, type TuiResult } from '../../src/ui/run-tui.js';
import { passedCheck } from '../session/fixture-lab.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { waitUntil } from './ink-helpers.js';

/** A terminal's output: records everything written. */
class FakeTerminalOut extends EventEmitter {
	isTTY = true;
	columns = 80;
	rows = 24;
	output = '';
	write = (chunk: string, callback?: () => void): boolean => {
		this.output += chunk;
		callback?.();
		return true;
	};
	get text(): string {
		return stripVTControlCharacters(this.output);
	}
}

/** A terminal's keyboard, in raw mode. */
class FakeTerminalIn extends EventEmitter {
	isTTY = true;
	private chunks: string[] = [];
	press(key: string): void {
		this.chunks.push(key);
		this.emit('readable');
	}
	read = (): string | null => this.chunks.shift() ?? null;
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

function start(runtime = new FakeRuntime(), store = new FakeStore({ state: undefined })) {
	const stdin = new FakeTerminalIn();
	const stdout = new FakeTerminalOut();
	const stderr = new FakeTerminalOut();
	const quit = new AbortController();
	const ended = runTui({
		runtime,
		progressStore: store,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		quitSignal: quit.signal,
		handleSignals: false,
		// vitest replaces the console with one Ink cannot patch.
		patchConsole: false,
		timing: { checkDebounceMs: 0, saveDebounceMs: 0 },
	});
	return { stdin, stdout, quit, ended, store, runtime };
}

const ENTER = '\u001b[?1049h';
const LEAVE = '\u001b[?1049l';

describe('runTui', () => {
	// Ink draws nothing until exit when it believes it runs in CI; the TUI must draw anyway, because
	// the CLI only opens it in a real terminal. Every test here runs with CI set.
	const ci = process.env.CI;
	beforeAll(() => {
		process.env.CI = 'true';
	});
	afterAll(() => {
		if (ci === undefined) delete process.env.CI;
		else process.env.CI = ci;
	});

	it('draws in the alternate screen, and leaves it with the result when the learner quits', async () => {
		const { stdin, stdout, ended, store } = start();
		await waitUntil(
			() => stdout.text.includes('Press Enter to start.'),
			() => stdout.text.slice(-500),
		);
		expect(stdout.output.startsWith(ENTER)).toBe(true);
		expect(stdout.output).not.toContain(LEAVE);
		stdin.press('\r');
		await waitUntil(
			() => stdout.text.includes('Step 1 of 5'),
			() => stdout.text.slice(-500),
		);
		stdin.press('q');
		const result: TuiResult = await ended;
		expect(result).toEqual({ outcome: 'quit', quitBy: 'key', stoppedRegistry: false, done: 0, total: 5 });
		expect(stdout.output.endsWith(LEAVE) || stdout.output.lastIndexOf(LEAVE) > stdout.output.lastIndexOf(ENTER)).toBe(true);
		expect(store.last?.labId).toBe('registries');
		expect(process.env.CI).toBe('true');
	});

	it('loads the progress itself when the CLI did not, and resumes it', async () => {
		const runtime = new FakeRuntime();
		runtime.results.set('set-docker-id', passedCheck);
		const store = new FakeStore();
		await store.save({
			version: 1,
			labId: 'registries',
			vars: {},
			done: ['set-docker-id'],
			hintsShown: {},
			solutionsShown: [],
			answers: {},
			selected: 'build-curl',
			startedAt: '2026-01-10T09:00:00.000Z',
		});
		const { stdout, quit, ended } = start(runtime, store);
		await waitUntil(
			() => stdout.text.includes('Step 2 of 5'),
			() => stdout.text.slice(-500),
		);
		quit.abort();
		expect(await ended).toMatchObject({ outcome: 'quit', quitBy: 'signal', done: 1 });
	});

	it('quits without asking about the registry when told to stop', async () => {
		const runtime = new FakeRuntime();
		runtime.environmentStatus = { docker: 'up', registry: { up: true, port: '5000', startedByLab: true } };
		const { stdout, quit, ended } = start(runtime);
		await waitUntil(
			() => stdout.text.includes('registry ● :5000'),
			() => stdout.text.slice(-500),
		);
		quit.abort();
		expect(await ended).toMatchObject({ quitBy: 'signal', stoppedRegistry: false });
		expect(runtime.stopped).toBe(0);
	});

	it('restores the terminal and rejects when the app crashes', async () => {
		const runtime = new FakeRuntime();
		Object.defineProperty(runtime, 'vars', {
			get() {
				throw new Error('resolver exploded');
			},
		});
		const { stdout, ended } = start(runtime);
		await expect(ended).rejects.toThrow('resolver exploded');
		expect(stdout.output.lastIndexOf(LEAVE)).toBeGreaterThan(stdout.output.lastIndexOf(ENTER));
	});
});
