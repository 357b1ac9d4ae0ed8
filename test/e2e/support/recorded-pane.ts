// A tmux pane whose program's raw output is kept, byte for byte, from its first byte: what the
// terminal was told to do (colours, cursor moves, screen clears), which the screen tmux shows has
// already turned into text. The program waits for a gate file, so `pipe-pane` is attached before it
// writes anything.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { quote } from 'shell-quote';
import type { PaneCommand, Tmux } from './tmux.js';

export interface RecordedPane {
	/** The tmux target of the pane. */
	target: string;
	/** Everything the program has written so far, as it wrote it. */
	raw(): string;
}

/** Starts `command` in a new session `name`, recording its output into `rawFile`. */
export function startRecordedSession(
	tmux: Tmux,
	name: string,
	command: PaneCommand,
	size: { width: number; height: number },
	rawFile: string,
): RecordedPane {
	const gate = `${rawFile}.start`;
	// `exec "$@"`: once the gate opens, the pane's program is the command itself (same pid, same tty).
	const waiting: PaneCommand = {
		...command,
		argv: ['sh', '-c', 'while [ ! -e "$0" ]; do sleep 0.05; done; exec "$@"', gate, ...command.argv],
	};
	tmux.startSession(name, waiting, size);
	const target = `${name}:0`;
	writeFileSync(rawFile, '');
	tmux.tmux(['pipe-pane', '-t', target, '-o', `cat >> ${quote([rawFile])}`]);
	writeFileSync(gate, '');
	return { target, raw: () => (existsSync(rawFile) ? readFileSync(rawFile, 'utf8') : '') };
}

/** A control sequence, found in raw terminal output. */
export interface ControlSequence {
	/** The sequence as written, e.g. `\u001b[2K`. */
	text: string;
	/** CSI parameters (`38;5;2`), for the sequences that have them. */
	params: string;
	/** The final character of a CSI sequence (`m`, `H`, `J`...), empty for other escapes. */
	final: string;
	/** True for `ESC [ ... ?` private modes (`?25l`, `?1049h`). */
	isPrivate: boolean;
}

const controlPattern = /\u001b\[([?<>=]?)([0-9;:]*)([ -/]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_7-8=>]/g;

/** Every control sequence in `raw`, in order. */
export function controlSequences(raw: string): ControlSequence[] {
	return [...raw.matchAll(controlPattern)].map((match) => ({
		text: match[0],
		params: match[2] ?? '',
		final: match[4] ?? '',
		isPrivate: match[1] === '?',
	}));
}

/**
 * The SGR parameters that set a colour: foreground 30-37, 38;…, 39, background 40-47, 48;…, 49, and
 * the bright ones 90-97, 100-107. Bold, dim, inverse and resets are not colour.
 */
export function colourParameters(raw: string): string[] {
	const found: string[] = [];
	for (const sequence of controlSequences(raw)) {
		if (sequence.final !== 'm' || sequence.isPrivate) continue;
		const params = sequence.params.split(/[;:]/);
		for (let index = 0; index < params.length; index++) {
			const value = Number(params[index]);
			if (value === 38 || value === 48) {
				// 38;5;n or 38;2;r;g;b: the rest belongs to this colour.
				found.push(params.slice(index, index + (params[index + 1] === '2' ? 5 : 3)).join(';'));
				index += params[index + 1] === '2' ? 4 : 2;
			} else if ((value >= 30 && value <= 37) || value === 39 || (value >= 40 && value <= 47) || value === 49) found.push(String(value));
			else if ((value >= 90 && value <= 97) || (value >= 100 && value <= 107)) found.push(String(value));
		}
	}
	return found;
}
