// Bounded capture of a subprocess's output: the first bytes of each stream up to a cap (what
// expectations read), and the last lines of both streams interleaved (what a failure shows).
import { StringDecoder } from 'node:string_decoder';

/** Keeps the first `capBytes` bytes; the rest is counted as cut, never buffered. */
export class HeadCapture {
	#chunks: Buffer[] = [];
	#bytes = 0;
	truncated = false;

	constructor(readonly capBytes: number) {}

	push(chunk: Buffer): void {
		const room = this.capBytes - this.#bytes;
		if (chunk.length > room) this.truncated = true;
		if (room <= 0) return;
		const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
		this.#chunks.push(kept);
		this.#bytes += kept.length;
	}

	text(): string {
		const text = Buffer.concat(this.#chunks).toString('utf8');
		// A cut in the middle of a character leaves a replacement character; drop it.
		return this.truncated ? text.replace(/\uFFFD$/, '') : text;
	}
}

const tailWindowChars = 16_384;
const maxLineChars = 400;

/** The last lines of several streams, in the order their chunks arrived. */
export class TailCapture {
	#text = '';
	#decoders = new Map<string, StringDecoder>();

	push(stream: string, chunk: Buffer): void {
		let decoder = this.#decoders.get(stream);
		if (!decoder) {
			decoder = new StringDecoder('utf8');
			this.#decoders.set(stream, decoder);
		}
		this.#text += decoder.write(chunk);
		if (this.#text.length > tailWindowChars * 2) this.#text = this.#text.slice(-tailWindowChars);
	}

	lines(count = 20): string {
		const lines = this.#text
			.replace(/\r\n/g, '\n')
			.split('\n')
			// A progress line rewritten with \r shows as its last state.
			.map((line) => line.slice(line.lastIndexOf('\r') + 1))
			.map((line) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars)}…` : line));
		while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
		return lines.slice(-count).join('\n');
	}
}

/** Splits chunks into lines (without their line ends) as they arrive. */
export class LineSplitter {
	#decoder = new StringDecoder('utf8');
	#pending = '';

	constructor(readonly onLine: (line: string) => void) {}

	push(chunk: Buffer): void {
		this.#pending += this.#decoder.write(chunk);
		let end = this.#pending.indexOf('\n');
		while (end !== -1) {
			this.#emit(this.#pending.slice(0, end));
			this.#pending = this.#pending.slice(end + 1);
			end = this.#pending.indexOf('\n');
		}
	}

	flush(): void {
		this.#pending += this.#decoder.end();
		if (this.#pending !== '') this.#emit(this.#pending);
		this.#pending = '';
	}

	#emit(line: string): void {
		this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
	}
}
