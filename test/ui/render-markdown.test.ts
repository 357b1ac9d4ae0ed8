import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, wrapCommand } from '../../src/ui/render-markdown.js';
import { visibleWidth } from '../../src/ui/text-layout.js';

const plain = (lines: string[]): string[] => lines.map((line) => stripVTControlCharacters(line));

describe('renderMarkdown', () => {
	const prompt = [
		'# Build it',
		'',
		'Build an image named for your **Docker ID**, tagged `21.06`. This paragraph is long enough to reflow at any width we try.',
		'',
		'```bash',
		'docker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl',
		'```',
		'',
		'- a list item with enough words in it to need wrapping somewhere',
	].join('\n');

	it.each([30, 52, 80])('fits every line in %i columns', (width) => {
		for (const line of renderMarkdown(prompt, width)) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
	});

	it('reflows paragraphs to the width', () => {
		const lines = plain(renderMarkdown('one two three four five six seven eight nine ten', 20));
		expect(lines).toEqual(['one two three four', 'five six seven eight', 'nine ten']);
	});

	it('breaks a long shell command with a continuation so it still runs when copied', () => {
		const lines = plain(renderMarkdown('```bash\ndocker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl\n```', 40));
		expect(lines).toEqual(['  docker build -t learner1/curl:21.06 \\', '    -f images/curl/Dockerfile.v2 \\', '    images/curl']);
	});

	it('uses the backtick continuation in PowerShell blocks', () => {
		const lines = plain(renderMarkdown('```powershell\n$env:DOCKER_ID="learner1"; docker image ls --filter reference=learner1/*\n```', 40));
		expect(lines[0]).toMatch(/ `$/);
	});

	it('renders bold and code inside list items instead of showing the markdown as typed', () => {
		const lines = plain(renderMarkdown('- the **registry** domain, e.g. `localhost:5000`\n\n1. *one* step', 60));
		expect(lines).toEqual(['  * the registry domain, e.g. localhost:5000', '', '  1. one step']);
	});

	it('drops leading, trailing and doubled blank lines', () => {
		const lines = plain(renderMarkdown('\n\nfirst\n\n\n\nsecond\n\n', 40));
		expect(lines).toEqual(['first', '', 'second']);
	});
});

describe('wrapCommand', () => {
	it('leaves a command that fits alone', () => {
		expect(wrapCommand('docker ps', 20, ' \\')).toEqual(['docker ps']);
	});

	it('puts a word longer than the line on a line of its own', () => {
		expect(wrapCommand('docker pull mcr.microsoft.com/dotnet/runtime:5.0', 20, ' \\')).toEqual([
			'docker pull \\',
			'  mcr.microsoft.com/dotnet/runtime:5.0',
		]);
	});
});
