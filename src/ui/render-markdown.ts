// Markdown (a step's prompt, hints, the lab intro) as terminal lines that fit a width. marked-terminal
// reflows paragraphs; long commands in code blocks are broken with the shell's line continuation so
// they still run when copied; anything else too wide is wrapped under its own indentation.
import { Marked, type Token, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { visibleWidth, wrapLine } from './text-layout.js';

/** How far marked-terminal indents code blocks and lists. */
const TAB = 2;

const shellContinuation: Record<string, string> = {
	'': ' \\',
	bash: ' \\',
	sh: ' \\',
	shell: ' \\',
	zsh: ' \\',
	console: ' \\',
	powershell: ' `',
	pwsh: ' `',
	ps1: ' `',
};

/** Breaks one command line at spaces so each piece fits, ending all but the last with `marker`. */
export function wrapCommand(line: string, width: number, marker: string): string[] {
	const pieces: string[] = [];
	let rest = line;
	let indent = '';
	while (visibleWidth(indent + rest) > width) {
		const room = width - indent.length - marker.length;
		// Break at the last space that fits; a word longer than the line gets a line of its own.
		let space = rest.lastIndexOf(' ', room);
		if (space <= 0) space = rest.indexOf(' ');
		if (room < 8 || space <= 0) break;
		pieces.push(indent + rest.slice(0, space) + marker);
		rest = rest.slice(space + 1).trimStart();
		indent = '  ';
	}
	pieces.push(indent + rest);
	return pieces;
}

function wrapCodeBlocks(width: number) {
	return (token: Token): void => {
		if (token.type !== 'code') return;
		const lang = (typeof token.lang === 'string' ? token.lang : '').trim().toLowerCase();
		const marker = shellContinuation[lang];
		if (marker === undefined) return;
		const room = width - TAB;
		token.text = (token.text as string)
			.split('\n')
			.flatMap((line) => wrapCommand(line, room, marker))
			.join('\n');
	};
}

/**
 * marked-terminal prints a list item's text raw (marked-terminal#304, #371: `**bold**` and backticks
 * show as typed). Render the item's inline tokens instead; `false` hands every other text back to it.
 */
function inlineText(this: { parser: { parseInline: (tokens: Token[]) => string } }, token: Tokens.Text | Tokens.Escape): string | false {
	return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
}

const renderers = new Map<number, Marked>();

function markedFor(width: number): Marked {
	let marked = renderers.get(width);
	if (!marked) {
		marked = new Marked(markedTerminal({ width, reflowText: true, tab: TAB, showSectionPrefix: false, emoji: false }), {
			walkTokens: wrapCodeBlocks(width),
			renderer: { text: inlineText },
		});
		renderers.set(width, marked);
	}
	return marked;
}

/** Renders markdown to lines no wider than `width`, without leading, trailing or doubled blank lines. */
export function renderMarkdown(markdown: string, width: number): string[] {
	const safeWidth = Math.max(width, 10);
	const rendered = markedFor(safeWidth).parse(markdown, { async: false });
	const lines: string[] = [];
	for (const line of rendered.split('\n')) {
		const isBlank = line.trim() === '' && visibleWidth(line.trim()) === 0;
		if (isBlank && (lines.length === 0 || lines.at(-1) === '')) continue;
		lines.push(...(isBlank ? [''] : wrapLine(line.replace(/\s+$/, ''), safeWidth)));
	}
	while (lines.at(-1) === '') lines.pop();
	return lines;
}
