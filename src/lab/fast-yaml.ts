// A fast reader for the plain block YAML that lab files are written in. The yaml package builds a
// whole Document (nodes, ranges, comments) that `validate` then throws away; for a folder of labs
// that is most of the time spent. This reads the common subset straight into JS values and gives
// up (returns undefined) on anything else, so the caller parses that text with the yaml package.
//
// What it reads: block mappings and sequences; plain, single- and double-quoted scalars on one line;
// literal and folded block scalars (`|`, `>`, with `-` or `+`); flow sequences and mappings on one
// line; anchors on scalars and aliases to them; comments. What makes it give up: tabs, carriage
// returns and other control characters, directives and document markers, tags, explicit keys,
// multi-line plain or quoted scalars, a scalar alone on the line below its key, indentation
// indicators, anchors on collections, duplicate keys or anchors, keys over 1000 characters, and
// anything else the yaml package could report as an error or a warning.
//
// The values must be exactly what `parseDocument(text).toJS()` gives: scalar values are resolved
// with the yaml package's own core-schema tags and scalar resolvers, and a property test compares
// both readers on generated documents (test/lab/fast-yaml.test.ts).
import { CST, isScalar, Schema } from 'yaml';

/** A mapping in the root `steps` sequence: where it starts, and its `id` as the yaml package's `map.get('id')` gives it. */
export interface StepStart {
	/** The `id` value; undefined when there is none or it is an alias (`get` gives the Alias node then). */
	id: unknown;
	offset: number;
	/** 1-based, as the yaml package's LineCounter gives them. */
	line: number;
	column: number;
}

export interface FastYaml {
	value: unknown;
	/** The mappings of the root mapping's `steps` sequence, in order. */
	steps: StepStart[];
}

/** Thrown (and caught below) when the text leaves the subset; an object, not an Error, to skip the stack. */
const unsupported = { unsupported: true };

function giveUp(): never {
	throw unsupported;
}

interface ScalarResolver {
	test: RegExp;
	resolve: (source: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;
}
/** The core schema's tags that a plain scalar can resolve to (null, bool, int, float), in the yaml package's order. */
const coreTags = new Schema({}).tags.filter((tag) => tag.default === true && tag.test !== undefined) as unknown as ScalarResolver[];
const resolveOptions = { intAsBigInt: false };

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Characters that cannot start a plain scalar, or that start something this reader leaves to the yaml package. */
function isIndicatorStart(code: number): boolean {
	switch (code) {
		case 45: // - (see isPlainWithNext)
		case 63: // ?
		case 58: // :
		case 44: // ,
		case 91: // [
		case 93: // ]
		case 123: // {
		case 125: // }
		case 35: // #
		case 38: // &
		case 42: // *
		case 33: // !
		case 124: // |
		case 62: // >
		case 39: // '
		case 34: // "
		case 37: // %
		case 64: // @
		case 96: // `
			return true;
		default:
			return false;
	}
}

/** `-`, `?` and `:` start a plain scalar when a character other than a space follows (`-x`, `?x`, `:x`). */
function isPlainWithNext(code: number): boolean {
	return code === DASH || code === 63 || code === COLON;
}

function isFlowIndicator(code: number): boolean {
	return code === 44 || code === 91 || code === 93 || code === 123 || code === 125;
}

/** A plain scalar's value: null, a boolean or a number when a core-schema tag matches, else the text. */
function plainScalarValue(source: string): unknown {
	const first = source.charCodeAt(0);
	// Only these first characters can match a core tag (`~`, null, true/false, digits, signs, `.inf`).
	const mayBeTagged =
		(first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || first === 126 || first === 110 || first === 78 || first === 116 || first === 84 || first === 102 || first === 70;
	if (!mayBeTagged) return source;
	const tag = coreTags.find((candidate) => candidate.test.test(source));
	if (!tag) return source;
	let failed = false;
	const resolved: unknown = tag.resolve(source, () => (failed = true), resolveOptions);
	// Some resolvers give a Scalar node (to keep a number's format), others the value itself.
	const value = isScalar(resolved) ? resolved.value : resolved;
	if (failed || (typeof value === 'object' && value !== null)) giveUp();
	return value;
}

/** How the yaml package names a key in a JS object (see its addPairToJSMap). */
function stringKey(key: unknown): string {
	return key === null ? '' : String(key);
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
	// A duplicate key is an error for the yaml package; two keys that name the same property are left to it too.
	if (Object.hasOwn(map, key)) giveUp();
	// As the yaml package does: `__proto__` and other inherited names become own properties.
	if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
	else map[key] = value;
}

/** A block mapping key as the yaml package names it in a JS object, and where its value starts. */
interface MapKey {
	name: string;
	valueAt: number;
}

class Reader {
	private readonly text: string;
	private readonly lineStart: number[] = [];
	private readonly lineEnd: number[] = [];
	/** Leading spaces of each line; equal to its length for a blank line. */
	private readonly lineIndent: number[] = [];
	/** 0 blank, 1 comment, 2 content. */
	private readonly lineKind: number[] = [];
	private readonly lineCount: number;
	/** The line after the node just read. */
	private next = 0;
	private readonly anchors = new Map<string, { value: unknown; uses: number }>();
	private steps: StepStart[] = [];
	private readonly mapsWithAliasId = new Set<object>();

	constructor(text: string) {
		this.text = text;
		let start = 0;
		const length = text.length;
		while (start <= length) {
			let index = start;
			while (index < length && text.charCodeAt(index) === SPACE) index++;
			const indent = index - start;
			let end = index;
			for (; end < length; end++) {
				const code = text.charCodeAt(end);
				if (code === NEWLINE) break;
				// Control characters (tab, carriage return...), C1 controls, Unicode line breaks, byte order marks.
				if (code < 32 || (code >= 127 && code <= 159) || code === 0x2028 || code === 0x2029 || code === 0xfeff || code >= 0xfffe) giveUp();
			}
			const first = text.charCodeAt(index);
			const kind = index === end ? 0 : first === HASH ? 1 : 2;
			if (indent === 0 && kind === 2 && (first === 37 || isDocumentMarker(text, index))) giveUp();
			this.lineStart.push(start);
			this.lineEnd.push(end);
			this.lineIndent.push(indent);
			this.lineKind.push(kind);
			if (end >= length) break;
			start = end + 1;
		}
		this.lineCount = this.lineStart.length;
	}

	read(): FastYaml {
		const first = this.nextContent(0);
		if (first === this.lineCount) return { value: null, steps: [] };
		const value = this.blockNode(first, -1, undefined, true);
		if (this.nextContent(this.next) !== this.lineCount) giveUp();
		return { value, steps: this.steps };
	}

	/** The index of the line that holds `offset`. */
	private lineOf(offset: number): number {
		let low = 0;
		let high = this.lineCount - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (this.lineStart[middle]! <= offset) low = middle;
			else high = middle - 1;
		}
		return low;
	}

	/** The first line at or after `from` with content (not blank, not only a comment). */
	private nextContent(from: number): number {
		let line = from;
		while (line < this.lineCount && this.lineKind[line] !== 2) line++;
		return line;
	}

	private isSeqEntry(at: number, end: number): boolean {
		return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
	}

	/** A block node that starts its own line, indented more than its parent. `starts` collects a sequence's item offsets. */
	private blockNode(line: number, parentIndent: number, starts?: number[], isRoot = false): unknown {
		const indent = this.lineIndent[line]!;
		const at = this.lineStart[line]! + indent;
		const end = this.lineEnd[line]!;
		if (this.isSeqEntry(at, end)) return this.blockSeq(line, indent, starts);
		const key = this.mapKey(at, end);
		if (key !== undefined) return this.blockMap(line, indent, key, isRoot);
		return giveUp(); // a scalar on its own line: it may go on over several lines
	}

	/** After a value that ends its line: the next content must not be indented more than the collection holding it. */
	private endOfLineValue(line: number, indent: number): void {
		const following = this.nextContent(line + 1);
		if (following < this.lineCount && this.lineIndent[following]! > indent) giveUp();
		this.next = following;
	}

	/** A block mapping whose first key (already read) is on `line`; the others are at `indent`. */
	private blockMap(line: number, indent: number, firstKey: MapKey, isRoot: boolean): Record<string, unknown> {
		const map: Record<string, unknown> = {};
		let key = firstKey;
		for (;;) {
			const end = this.lineEnd[line]!;
			let valueAt = key.valueAt;
			while (valueAt < end && this.text.charCodeAt(valueAt) === SPACE) valueAt++;
			const isStepList = isRoot && key.name === 'steps';
			let value: unknown;
			if (valueAt === end || this.text.charCodeAt(valueAt) === HASH) {
				// The value is on the lines below: a nested block, a sequence at the key's own indentation, or nothing.
				const following = this.nextContent(line + 1);
				const followingIndent = following < this.lineCount ? this.lineIndent[following]! : -1;
				const followingAt = following < this.lineCount ? this.lineStart[following]! + followingIndent : 0;
				const starts = isStepList ? [] : undefined;
				if (followingIndent > indent) value = this.blockNode(following, indent, starts);
				else if (followingIndent === indent && this.isSeqEntry(followingAt, this.lineEnd[following]!)) value = this.blockSeq(following, indent, starts);
				else {
					value = null;
					this.next = following;
				}
				if (starts && Array.isArray(value)) this.recordSteps(value, starts);
			} else {
				if (isStepList && this.text.charCodeAt(valueAt) === 91) giveUp(); // a flow sequence of steps: left to the yaml package
				value = this.inlineValue(line, valueAt, end, indent, key.name === 'id' ? map : undefined);
			}
			setKey(map, key.name, value);
			line = this.next;
			if (line >= this.lineCount) return map;
			const nextIndent = this.lineIndent[line]!;
			if (nextIndent < indent) return map;
			if (nextIndent > indent) giveUp();
			const at = this.lineStart[line]! + indent;
			if (this.isSeqEntry(at, this.lineEnd[line]!)) giveUp();
			key = this.mapKey(at, this.lineEnd[line]!) ?? giveUp();
		}
	}

	/** The steps that are mappings (block or flow), with the id the yaml package would see. */
	private recordSteps(items: unknown[], starts: number[]): void {
		items.forEach((item, index) => {
			if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
			const id = this.mapsWithAliasId.has(item) || !Object.hasOwn(item, 'id') ? undefined : (item as Record<string, unknown>).id;
			const offset = starts[index]!;
			const line = this.lineOf(offset);
			this.steps.push({ id, offset, line: line + 1, column: offset - this.lineStart[line]! + 1 });
		});
	}

	private blockSeq(line: number, indent: number, starts: number[] | undefined): unknown[] {
		const items: unknown[] = [];
		for (;;) {
			const end = this.lineEnd[line]!;
			const dashAt = this.lineStart[line]! + indent;
			let at = dashAt + 1;
			while (at < end && this.text.charCodeAt(at) === SPACE) at++;
			let item: unknown;
			let itemStart = -1;
			let key: MapKey | undefined;
			if (at === end || this.text.charCodeAt(at) === HASH) {
				const following = this.nextContent(line + 1);
				if (following < this.lineCount && this.lineIndent[following]! > indent) {
					itemStart = this.lineStart[following]! + this.lineIndent[following]!;
					item = this.blockNode(following, indent);
				} else {
					item = null;
					this.next = following;
				}
			} else if (this.isSeqEntry(at, end)) {
				giveUp(); // `- - x`: a sequence in a sequence on one line
			} else if ((key = this.mapKey(at, end)) !== undefined) {
				itemStart = at;
				item = this.blockMap(line, at - this.lineStart[line]!, key, false);
			} else {
				itemStart = at;
				item = this.inlineValue(line, at, end, indent, undefined);
			}
			items.push(item);
			starts?.push(itemStart);
			line = this.next;
			if (line >= this.lineCount) return items;
			const nextIndent = this.lineIndent[line]!;
			if (nextIndent < indent) return items;
			if (nextIndent > indent) giveUp();
			if (!this.isSeqEntry(this.lineStart[line]! + indent, this.lineEnd[line]!)) return items;
		}
	}

	/**
	 * The key of a block mapping entry at `at`, and where its value starts (after `: `); undefined
	 * when the line is not a `key: value` entry this reader can take.
	 */
	private mapKey(at: number, end: number): MapKey | undefined {
		const text = this.text;
		const first = text.charCodeAt(at);
		if (first === 39 || first === 34) {
			const close = first === 39 ? this.singleQuoteEnd(at, end) : this.doubleQuoteEnd(at, end);
			// The yaml package limits implicit keys to 1024 characters, quoted or not; long ones are left to it.
			if (close < 0 || text.charCodeAt(close + 1) !== COLON || close - at > 1000) return undefined;
			if (close + 2 < end && text.charCodeAt(close + 2) !== SPACE) return undefined;
			return { name: stringKey(this.quotedValue(at, close)), valueAt: close + 2 };
		}
		if (isIndicatorStart(first) && !(isPlainWithNext(first) && at + 1 < end && text.charCodeAt(at + 1) !== SPACE)) return undefined;
		for (let index = at + 1; index < end; index++) {
			const code = text.charCodeAt(index);
			if (code === COLON) {
				if (index + 1 < end && text.charCodeAt(index + 1) !== SPACE) continue;
				// `key : value` and very long keys are left to the yaml package.
				if (text.charCodeAt(index - 1) === SPACE || index - at > 1000) return undefined;
				const source = text.slice(at, index);
				if (source === '<<') return undefined;
				return { name: stringKey(plainScalarValue(source)), valueAt: index + 1 };
			}
			if (code === HASH && text.charCodeAt(index - 1) === SPACE) return undefined;
		}
		return undefined;
	}

	/** A value that starts on the line of its key or dash. `idOf` is the map when this is its `id`. */
	private inlineValue(line: number, at: number, end: number, parentIndent: number, idOf: object | undefined): unknown {
		const text = this.text;
		const first = text.charCodeAt(at);
		if (first === 38) {
			// &anchor value
			let nameEnd = at + 1;
			while (nameEnd < end && text.charCodeAt(nameEnd) !== SPACE) nameEnd++;
			const name = text.slice(at + 1, nameEnd);
			if (!/^[A-Za-z0-9_-]+$/.test(name) || this.anchors.has(name)) giveUp();
			let valueAt = nameEnd;
			while (valueAt < end && text.charCodeAt(valueAt) === SPACE) valueAt++;
			if (valueAt === end) giveUp();
			const valueFirst = text.charCodeAt(valueAt);
			// Only scalars: an alias to a collection is the same JS object twice, and counts differently.
			if (valueFirst === 38 || valueFirst === 42 || valueFirst === 91 || valueFirst === 123 || valueFirst === HASH) giveUp();
			const value = this.inlineValue(line, valueAt, end, parentIndent, undefined);
			this.anchors.set(name, { value, uses: 0 });
			return value;
		}
		if (first === 42) {
			// *alias
			let nameEnd = at + 1;
			while (nameEnd < end && text.charCodeAt(nameEnd) !== SPACE) nameEnd++;
			const anchor = this.anchors.get(text.slice(at + 1, nameEnd)) ?? giveUp();
			// The yaml package stops at 1000 uses of one anchor (an alias bomb); leave anything near that to it.
			if (++anchor.uses > 100) giveUp();
			this.restOfLine(nameEnd, end);
			this.endOfLineValue(line, parentIndent);
			if (idOf) this.mapsWithAliasId.add(idOf);
			return anchor.value;
		}
		if (first === 124 || first === 62) return this.blockScalar(line, at, end, parentIndent);
		if (first === 91 || first === 123) {
			const flow = new FlowReader(this, at, end);
			const value = flow.collection();
			this.restOfLine(flow.at, end);
			this.endOfLineValue(line, parentIndent);
			return value;
		}
		if (first === 39 || first === 34) {
			const close = first === 39 ? this.singleQuoteEnd(at, end) : this.doubleQuoteEnd(at, end);
			if (close < 0) giveUp();
			this.restOfLine(close + 1, end);
			this.endOfLineValue(line, parentIndent);
			return this.quotedValue(at, close);
		}
		if (isIndicatorStart(first) && !(isPlainWithNext(first) && at + 1 < end && text.charCodeAt(at + 1) !== SPACE)) giveUp();
		// A plain scalar: up to ` #`, never `: ` (a mapping inside a compact value is an error).
		let valueEnd = end;
		for (let index = at + 1; index < end; index++) {
			const code = text.charCodeAt(index);
			if (code === COLON && (index + 1 === end || text.charCodeAt(index + 1) === SPACE)) giveUp();
			if (code === HASH && text.charCodeAt(index - 1) === SPACE) {
				valueEnd = index;
				break;
			}
		}
		while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
		this.endOfLineValue(line, parentIndent);
		return plainScalarValue(text.slice(at, valueEnd));
	}

	/** After a value: only spaces, then maybe a comment (which needs a space before it). */
	restOfLine(at: number, end: number): void {
		let index = at;
		while (index < end && this.text.charCodeAt(index) === SPACE) index++;
		if (index < end && (this.text.charCodeAt(index) !== HASH || index === at)) giveUp();
	}

	/** The closing quote of a single-quoted scalar on this line, or -1. */
	singleQuoteEnd(at: number, end: number): number {
		for (let index = at + 1; index < end; index++) {
			if (this.text.charCodeAt(index) !== 39) continue;
			if (this.text.charCodeAt(index + 1) === 39 && index + 1 < end) index++;
			else return index;
		}
		return -1;
	}

	/** The closing quote of a double-quoted scalar on this line, or -1. */
	doubleQuoteEnd(at: number, end: number): number {
		for (let index = at + 1; index < end; index++) {
			const code = this.text.charCodeAt(index);
			if (code === 92) index++;
			else if (code === 34) return index;
		}
		return -1;
	}

	quotedValue(at: number, close: number): string {
		const text = this.text;
		const inner = text.slice(at + 1, close);
		if (text.charCodeAt(at) === 39) return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
		if (!inner.includes('\\')) return inner;
		let failed = false;
		const token = { type: 'double-quoted-scalar', offset: at, indent: 0, source: text.slice(at, close + 1), end: [] } as const;
		const resolved = CST.resolveAsScalar(token as unknown as CST.FlowScalar, true, () => (failed = true));
		if (failed || !resolved) giveUp();
		return resolved.value;
	}

	/** `|` or `>` with an optional `-` or `+`, and the lines below it indented more than `parentIndent`. */
	private blockScalar(line: number, at: number, end: number, parentIndent: number): string {
		const text = this.text;
		let headerEnd = at + 1;
		const chomp = text.charCodeAt(headerEnd);
		if (chomp === DASH || chomp === 43) headerEnd++;
		if (headerEnd < end && text.charCodeAt(headerEnd) !== SPACE) giveUp(); // an indentation indicator, or more
		this.restOfLine(headerEnd, end);
		const isKeep = chomp === 43;
		// As the yaml lexer reads it: the content's indentation is that of its first line with more than
		// spaces; lines of only spaces go on the scalar whatever their length, and it ends at the first
		// line indented less than its content.
		let first = line + 1;
		while (first < this.lineCount && this.lineKind[first] === 0) first++;
		if (first >= this.lineCount || this.lineIndent[first]! <= parentIndent) giveUp(); // an empty block scalar
		const indent = this.lineIndent[first]!;
		let after = first + 1;
		while (after < this.lineCount && (this.lineKind[after] === 0 || this.lineIndent[after]! >= indent)) after++;
		// Without `+`, the lexer leaves out the lines at the end that are empty or only as long as the indentation.
		let last = after - 1;
		if (!isKeep) while (last > first && this.lineKind[last] === 0 && this.lineEnd[last]! - this.lineStart[last]! <= indent) last--;
		const sourceEnd = isKeep ? (after < this.lineCount ? this.lineStart[after]! : text.length) : Math.min(this.lineEnd[last]! + 1, text.length);
		const token = {
			type: 'block-scalar',
			offset: at,
			indent: 0,
			props: [{ type: 'block-scalar-header', offset: at, indent: 0, source: text.slice(at, headerEnd) }],
			source: text.slice(this.lineStart[line + 1]!, sourceEnd),
		} as const;
		let failed = false;
		const resolved = CST.resolveAsScalar(token as unknown as CST.BlockScalar, true, () => (failed = true));
		if (failed || !resolved) giveUp();
		this.endOfLineValue(last, parentIndent);
		return resolved.value;
	}

	textOf(): string {
		return this.text;
	}
}

function isDocumentMarker(text: string, at: number): boolean {
	const code = text.charCodeAt(at);
	if (code !== DASH && code !== 46) return false;
	if (text.charCodeAt(at + 1) !== code || text.charCodeAt(at + 2) !== code) return false;
	const after = text.charCodeAt(at + 3);
	return Number.isNaN(after) || after === SPACE || after === NEWLINE;
}

/** A flow sequence or mapping that opens and closes on one line. */
class FlowReader {
	at: number;
	private readonly text: string;

	constructor(
		private readonly reader: Reader,
		at: number,
		private readonly end: number,
	) {
		this.at = at;
		this.text = reader.textOf();
	}

	private skipSpaces(): void {
		while (this.at < this.end && this.text.charCodeAt(this.at) === SPACE) this.at++;
	}

	collection(): unknown {
		return this.text.charCodeAt(this.at) === 91 ? this.sequence() : this.mapping();
	}

	private sequence(): unknown[] {
		this.at++;
		this.skipSpaces();
		const items: unknown[] = [];
		if (this.text.charCodeAt(this.at) === 93) {
			this.at++;
			return items;
		}
		for (;;) {
			items.push(this.item(false));
			this.skipSpaces();
			const code = this.text.charCodeAt(this.at);
			this.at++;
			if (code === 93) return items;
			if (code !== 44) giveUp();
			this.skipSpaces();
			if (this.text.charCodeAt(this.at) === 93) giveUp(); // a trailing comma
		}
	}

	private mapping(): Record<string, unknown> {
		this.at++;
		this.skipSpaces();
		const map: Record<string, unknown> = {};
		if (this.text.charCodeAt(this.at) === 125) {
			this.at++;
			return map;
		}
		for (;;) {
			const key = this.item(true);
			if (this.text.charCodeAt(this.at) !== COLON || this.text.charCodeAt(this.at + 1) !== SPACE) giveUp();
			this.at += 2;
			this.skipSpaces();
			setKey(map, stringKey(key), this.item(false));
			this.skipSpaces();
			const code = this.text.charCodeAt(this.at);
			this.at++;
			if (code === 125) return map;
			if (code !== 44) giveUp();
			this.skipSpaces();
			if (this.text.charCodeAt(this.at) === 125) giveUp();
		}
	}

	/** One item or key: a nested collection, a quoted scalar or a plain one. */
	private item(isKey: boolean): unknown {
		const text = this.text;
		const at = this.at;
		if (at >= this.end) giveUp();
		const first = text.charCodeAt(at);
		if (first === 91 || first === 123) {
			if (isKey) giveUp();
			return this.collection();
		}
		if (first === 39 || first === 34) {
			const close = first === 39 ? this.reader.singleQuoteEnd(at, this.end) : this.reader.doubleQuoteEnd(at, this.end);
			if (close < 0) giveUp();
			this.at = close + 1;
			// After a quoted value, `:` would make it a key (`["a":b]`); keys are followed by `: `.
			if (!isKey && text.charCodeAt(this.at) === COLON) giveUp();
			return this.reader.quotedValue(at, close);
		}
		if (isIndicatorStart(first) && !(isPlainWithNext(first) && at + 1 < this.end && text.charCodeAt(at + 1) !== SPACE && !isFlowIndicator(text.charCodeAt(at + 1)))) giveUp();
		let index = at + 1;
		for (; index < this.end; index++) {
			const code = text.charCodeAt(index);
			if (isFlowIndicator(code)) break;
			if (code === COLON) {
				const next = index + 1 < this.end ? text.charCodeAt(index + 1) : SPACE;
				if (next === SPACE || isFlowIndicator(next)) {
					if (isKey) break;
					giveUp(); // `[a: b]`, a pair inside a sequence
				}
			}
			if (code === HASH && text.charCodeAt(index - 1) === SPACE) giveUp();
		}
		if (index >= this.end) giveUp(); // never closed on this line
		let valueEnd = index;
		while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
		this.at = index;
		return plainScalarValue(text.slice(at, valueEnd));
	}
}

/**
 * The JS value of a YAML document, as `parseDocument(text).toJS()` gives it, and where the steps
 * start; undefined when the text uses YAML this reader leaves to the yaml package.
 */
export function readCommonYaml(text: string): FastYaml | undefined {
	try {
		return new Reader(text).read();
	} catch (error) {
		// A RangeError is the stack running out on very deep nesting: the yaml package decides what that is.
		if (error === unsupported || error instanceof RangeError) return undefined;
		throw error;
	}
}
