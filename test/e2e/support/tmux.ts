// A real terminal for the end-to-end tests: a tmux server on a private socket (so it never touches
// the developer's own tmux), sessions of a fixed size, keys sent as a person types them, and the
// screen read back as text. Waits poll the screen with a bounded deadline; they never assert on time.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { quote } from 'shell-quote';
import { eventually } from '../../support/eventually.js';

export interface TmuxOptions {
	/** Socket name for `tmux -L`; default `registry-lab-e2e-<pid>`. */
	socket?: string;
}

export interface PaneCommand {
	/** The program and its arguments; run with `exec`, so the pane's pid is the program's. */
	argv: readonly string[];
	/** Environment for the program, on top of the server's (this process's). */
	env?: Readonly<Record<string, string>>;
	cwd?: string;
}

export interface WaitOptions {
	/** Give up after this long (a bound, not an expectation). Default 60 s. */
	timeoutMs?: number;
	/** How often to look at the screen. Default 200 ms. */
	intervalMs?: number;
}

export interface Tmux {
	socket: string;
	/** Runs `tmux -L socket ...args`; throws with tmux's error when it fails. */
	tmux(args: readonly string[]): string;
	/** A detached session of `width`x`height` running `command`; the pane stays (dead) after it exits. */
	startSession(name: string, command: PaneCommand, size: { width: number; height: number }): void;
	/** Another window in the session, running a plain shell (or `command`); returns its target. */
	newWindow(session: string, name: string, command?: PaneCommand): string;
	/** Runs `command` again in a pane whose program has ended (or is killed first). */
	respawn(target: string, command: PaneCommand): void;
	/** Key names as tmux knows them: `Enter`, `Tab`, `Down`, `C-c`, or single characters. */
	sendKeys(target: string, ...keys: string[]): void;
	/** Types text literally, character by character as a paste would arrive. */
	type(target: string, text: string): void;
	/** The visible screen as plain text (no colours), one string per row. */
	capture(target: string): string;
	/** Polls `capture` until `until` holds; resolves with that screen, or rejects with the last screen seen. */
	waitFor(target: string, until: (screen: string) => boolean, what: string, options?: WaitOptions): Promise<string>;
	/** Polls until the screen shows `text` (a string, or a pattern). */
	waitForText(target: string, text: string | RegExp, options?: WaitOptions): Promise<string>;
	/**
	 * Waits until the pane's program reads keys one by one (its terminal is in raw mode). Keys sent
	 * before that sit in the line buffer, and Enter arrives as a newline instead of a return.
	 */
	waitForKeys(target: string, options?: WaitOptions): Promise<void>;
	/** The pid of the pane's program. */
	panePid(target: string): number;
	/** True once the pane's program has exited. */
	isPaneDead(target: string): boolean;
	/** Kills the server and everything still running in it. Safe to call twice. */
	kill(): void;
}

/** `cd DIR && exec env A=B program args`, quoted for the pane's shell. Pure. */
export function paneShellCommand(command: PaneCommand): string {
	const env = Object.entries(command.env ?? {}).map(([name, value]) => `${name}=${value}`);
	const run = `exec ${quote(env.length > 0 ? ['env', ...env, ...command.argv] : [...command.argv])}`;
	return command.cwd ? `cd ${quote([command.cwd])} && ${run}` : run;
}

export function startTmux(options: TmuxOptions = {}): Tmux {
	const socket = options.socket ?? `registry-lab-e2e-${process.pid}`;
	let isKilled = false;

	const tmux = (args: readonly string[]): string => {
		// -f /dev/null: the developer's tmux.conf must not change keys, sizes or the shell.
		const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 30_000 });
		if (result.error) throw new Error(`tmux ${args[0]} could not run: ${result.error.message}`);
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${(result.stderr || `exit code ${result.status}`).trim()}`);
		return result.stdout;
	};

	const capture = (target: string): string => tmux(['capture-pane', '-p', '-t', target]);

	const waitFor: Tmux['waitFor'] = (target, until, what, waitOptions = {}) => {
		let screen = '';
		const matching = (): string | undefined => {
			screen = capture(target);
			return until(screen) ? screen : undefined;
		};
		return eventually(matching, { what, timeoutMs: waitOptions.timeoutMs, intervalMs: waitOptions.intervalMs, lastSeen: () => screen });
	};

	return {
		socket,
		tmux,
		startSession(name, command, size) {
			tmux(['new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), paneShellCommand(command)]);
			// Keep the pane when its program exits, so the test can see that it exited and what it printed last.
			tmux(['set-option', '-t', name, 'remain-on-exit', 'on']);
			// A window opened later must not shrink or grow the first one.
			tmux(['set-option', '-t', name, 'window-size', 'manual']);
		},
		newWindow(session, name, command) {
			const args = ['new-window', '-d', '-t', session, '-n', name];
			if (command) args.push(paneShellCommand(command));
			tmux(args);
			return `${session}:${name}`;
		},
		respawn(target, command) {
			tmux(['respawn-pane', '-k', '-t', target, paneShellCommand(command)]);
		},
		sendKeys(target, ...keys) {
			for (const key of keys) tmux(['send-keys', '-t', target, key]);
		},
		type(target, text) {
			tmux(['send-keys', '-t', target, '-l', text]);
		},
		capture,
		waitFor,
		waitForText(target, text, waitOptions) {
			const matches = (screen: string) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
			return waitFor(target, matches, JSON.stringify(String(text)), waitOptions);
		},
		async waitForKeys(target, waitOptions) {
			const tty = tmux(['display-message', '-p', '-t', target, '#{pane_tty}']).trim();
			const isRaw = () => /(^|\s)-icanon(\s|$)/.test(spawnSync('stty', ['-a', '-F', tty], { encoding: 'utf8' }).stdout ?? '');
			await waitFor(target, isRaw, `the program in ${target} to read keys (raw mode on ${tty})`, waitOptions);
		},
		panePid(target) {
			return Number(tmux(['display-message', '-p', '-t', target, '#{pane_pid}']).trim());
		},
		isPaneDead(target) {
			return tmux(['display-message', '-p', '-t', target, '#{pane_dead}']).trim() === '1';
		},
		kill() {
			if (isKilled) return;
			isKilled = true;
			killTmuxServer(socket);
		},
	};
}

/** Kills the tmux server on `socket` and removes the socket file it leaves behind. */
export function killTmuxServer(socket: string): void {
	const socketPath = spawnSync('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout?.trim();
	spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore', timeout: 30_000 });
	if (socketPath) rmSync(socketPath, { force: true });
}

/** True when `tmux` can be started at all. */
export function hasTmux(): boolean {
	const result = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
	return !result.error && result.status === 0;
}
