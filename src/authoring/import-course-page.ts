// `registry-lab import`: a course page in markdown (`##` sections, prose, fenced command blocks, 📋
// exercise lines with their `<details>` solutions, shell variables) becomes a draft lab: one step per
// exercise or command block, the prose as its prompt, the commands as its solution, `${name}` as a
// declared `{{name}}`, and `TODO` where only the author can say what a check or an answer is. Pure:
// marked's lexer reads the page; the command reads and writes the files.
import { marked, type Token, type Tokens } from 'marked';
import {
	askFromPlaceholder,
	codeLines,
	idFrom,
	lastSentence,
	parseAssignment,
	sentences,
	splitOnSeparators,
	titleFrom,
	toLabVariables,
} from './course-page-text.js';

export interface CoursePage {
	markdown: string;
	/** hints.md beside the page: each paragraph becomes a hint of the lab section's step. */
	hints?: string;
	/** solution.md beside the page: its commands become the lab section's solution. */
	solution?: string;
}

export interface DraftVariable {
	ask?: string;
	default?: string;
}

export interface DraftQuestion {
	ask: string;
	explain?: string;
}

export interface DraftStep {
	id: string;
	title: string;
	prompt: string;
	hints?: string[];
	solution?: string[];
	/** The variables a step that sets shell variables asks for: its checks are `variable:` checks. */
	asks?: string[];
	question?: DraftQuestion;
	cleanup?: boolean;
	/** The page section the step came from, for the comment above it. */
	section: string;
}

export interface DraftLab {
	id: string;
	title: string;
	intro?: string;
	variables: Record<string, DraftVariable>;
	steps: DraftStep[];
	/** Paths the page's `docker build` commands use (a context folder, a Dockerfile), as written. */
	buildPaths: string[];
}

const commandLanguages = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'powershell', 'pwsh', 'ps', 'ps1', 'cmd']);
const exerciseMark = /^\s*📋\s*/u;
const linksHintsOrSolution = /\]\((?:\.\/)?(?:hints|solution)\.md\)/i;

function isCommandBlock(token: Token): token is Tokens.Code {
	return token.type === 'code' && commandLanguages.has((token.lang ?? '').trim().toLowerCase());
}

/** A piece of a section before it becomes a step: prose, then what the learner does. */
interface Chunk {
	kind: 'walkthrough' | 'exercise';
	prose: string[];
	/** The command blocks: shown in the prompt (walkthrough) or in `<details>` (an exercise's solution). */
	code: string[];
	title: string;
}

interface Section {
	title: string;
	tokens: Token[];
}

function splitSections(tokens: Token[]): { title?: string; preamble: Token[]; sections: Section[] } {
	let title: string | undefined;
	const preamble: Token[] = [];
	const sections: Section[] = [];
	for (const token of tokens) {
		if (token.type === 'heading' && token.depth === 1 && title === undefined && sections.length === 0) title = token.text;
		else if (token.type === 'heading' && token.depth <= 2) sections.push({ title: token.text, tokens: [] });
		else (sections[sections.length - 1]?.tokens ?? preamble).push(token);
	}
	return { title, preamble, sections };
}

/** A `<details>` block's summary and the tokens inside it. */
interface Details {
	summary: string;
	tokens: Token[];
}

/** Prose tokens as markdown, with `<details>` written as a bold summary and its content. */
function detailsAsMarkdown(details: Details): string {
	const inner = details.tokens.map((token) => token.raw.trim()).filter(Boolean);
	return [details.summary ? `**${details.summary}**` : '', ...inner].filter(Boolean).join('\n\n');
}

/** Walks a section's tokens into chunks; prose left after the last chunk is returned apart. */
function chunksOf(tokens: Token[]): { chunks: Chunk[]; rest: string[] } {
	const chunks: Chunk[] = [];
	let pending: string[] = [];
	let details: Details | undefined;
	let exerciseAwaitingSolution: Chunk | undefined;
	for (const token of tokens) {
		if (token.type === 'space') continue;
		if (details) {
			if (token.type === 'html' && /<\/details>/i.test(token.raw)) {
				const closed = details;
				details = undefined;
				const code = closed.tokens.filter(isCommandBlock).map((block) => block.text);
				if (exerciseAwaitingSolution && code.length > 0) exerciseAwaitingSolution.code.push(...code);
				else pending.push(detailsAsMarkdown(closed));
				exerciseAwaitingSolution = undefined;
			} else details.tokens.push(token);
			continue;
		}
		if (token.type === 'html' && /<details/i.test(token.raw) && !/<\/details>/i.test(token.raw)) {
			details = { summary: /<summary>([\s\S]*?)<\/summary>/i.exec(token.raw)?.[1]?.trim() ?? '', tokens: [] };
			continue;
		}
		if (token.type === 'paragraph' && exerciseMark.test(token.text)) {
			const line = token.raw.trim().replace(exerciseMark, '');
			const chunk: Chunk = { kind: 'exercise', prose: [...pending, line], code: [], title: titleFrom(line) };
			chunks.push(chunk);
			pending = [];
			exerciseAwaitingSolution = chunk;
			continue;
		}
		exerciseAwaitingSolution = undefined;
		if (isCommandBlock(token)) {
			const lead = [...pending].reverse().find((piece) => !piece.startsWith('>') && !piece.startsWith('```')) ?? '';
			chunks.push({ kind: 'walkthrough', prose: [...pending, token.raw.trim()], code: [token.text], title: titleFrom(lastSentence(lead)) });
			pending = [];
			continue;
		}
		if (token.type === 'html' && /^\s*(<br\s*\/?>\s*)+$/i.test(token.raw)) continue;
		// The lab gives hints and the solution itself: a link to the page's hints.md would lead nowhere.
		if (linksHintsOrSolution.test(token.raw)) continue;
		if (token.type === 'hr') continue;
		// A note right after a command block or an exercise is about it.
		const previous = chunks[chunks.length - 1];
		if (token.type === 'blockquote' && pending.length === 0 && previous) {
			previous.prose.push(token.raw.trim());
			continue;
		}
		pending.push(token.raw.trim().replace(/<br\s*\/?>\s*$/i, ''));
	}
	return { chunks, rest: pending };
}

/** The section a page's hints.md and solution.md belong to: the one linking them, else the one called Lab. */
function labSectionIndex(sections: Section[]): number {
	const linking = sections.findIndex((section) => section.tokens.some((token) => linksHintsOrSolution.test(token.raw)));
	if (linking >= 0) return linking;
	return sections.findIndex((section) => /^lab\b/i.test(section.title.trim()));
}

const isCleanupTitle = /^clean\s*-?\s*up\b/i;

interface Builder {
	steps: DraftStep[];
	ids: Set<string>;
	used: Set<string>;
	variables: Record<string, DraftVariable>;
	buildPaths: string[];
}

/** Commands from code blocks: comments and blank lines gone, `&&` and `;` split into entries. */
function commandsOf(code: string[], builder: Builder): string[] {
	return code.flatMap((block) => codeLines(block).flatMap(splitOnSeparators)).map((command) => toLabVariables(command, builder.used));
}

/** A block that only sets shell variables: the lab asks the learner for those values instead. */
function assignmentsOf(code: string[]): ReturnType<typeof parseAssignment>[] | undefined {
	const lines = code.flatMap((block) => codeLines(block));
	if (lines.length === 0) return undefined;
	const assignments = lines.map(parseAssignment);
	return assignments.every(Boolean) ? assignments : undefined;
}

/** The prompt of an assignment step: the block keeps its shape, with `{{name}}` as the value. */
function assignmentPrompt(prose: string[], builder: Builder): string {
	return prose
		.map((piece) =>
			piece.startsWith('```')
				? piece
						.split('\n')
						.map((line) => {
							const assignment = parseAssignment(line);
							return assignment ? line.replace(/=.*$/, `='{{${assignment.name}}}'`) : line;
						})
						.join('\n')
				: toLabVariables(piece, builder.used),
		)
		.join('\n\n');
}

function addChunkStep(chunk: Chunk, section: string, builder: Builder): void {
	const title = toLabVariables(chunk.title || titleFrom(section), builder.used);
	const id = idFrom(title, builder.ids);
	const assignments = chunk.kind === 'walkthrough' ? assignmentsOf(chunk.code) : undefined;
	if (assignments) {
		const asks: string[] = [];
		for (const assignment of assignments) {
			if (!assignment) continue;
			const variable = (builder.variables[assignment.name] ??= {});
			if (assignment.isPlaceholder) variable.ask ??= askFromPlaceholder(assignment.value);
			else variable.default ??= assignment.value;
			if (!asks.includes(assignment.name)) asks.push(assignment.name);
		}
		builder.steps.push({ id, title, prompt: assignmentPrompt(chunk.prose, builder), asks, section });
		return;
	}
	const solution = commandsOf(chunk.code, builder);
	builder.buildPaths.push(...solution.flatMap(buildPathsOf));
	const prompt = chunk.prose.map((piece) => toLabVariables(piece, builder.used)).join('\n\n');
	builder.steps.push({ id, title, prompt, solution, section });
}

/** One question step per paragraph that asks something; the paragraphs before it are its prompt. */
function addQuestionSteps(prose: string[], section: string, builder: Builder): boolean {
	let context: string[] = [];
	let added = false;
	for (const piece of prose) {
		const all = sentences(piece);
		const first = all.findIndex((sentence) => sentence.endsWith('?'));
		if (piece.startsWith('>') || piece.startsWith('```') || first < 0) {
			context.push(piece);
			continue;
		}
		const lead = all.slice(0, first).join(' ');
		const ask = toLabVariables(all.slice(first).join(' '), builder.used);
		const promptParts = [...context, ...(lead ? [lead] : [])];
		const title = `Question: ${titleFrom(ask)}`;
		builder.steps.push({
			id: idFrom(titleFrom(ask), builder.ids),
			title,
			prompt: toLabVariables(promptParts.length > 0 ? promptParts.join('\n\n') : ask, builder.used),
			question: { ask },
			section,
		});
		context = [];
		added = true;
	}
	const last = builder.steps[builder.steps.length - 1];
	if (added && context.length > 0 && last) last.prompt += `\n\n${toLabVariables(context.join('\n\n'), builder.used)}`;
	return added;
}

/** The paragraphs of hints.md, each one hint; its title goes. */
function hintsFrom(markdown: string, builder: Builder): string[] {
	return marked
		.lexer(markdown)
		.filter((token) => token.type !== 'space' && token.type !== 'heading' && token.type !== 'hr')
		.filter((token) => !/\]\((?:\.\/)?README\.md\)/i.test(token.raw))
		.map((token) => toLabVariables(token.raw.trim(), builder.used))
		.filter(Boolean);
}

/** solution.md: its commands, and its prose (without the title and the link back) for a question's explanation. */
function solutionFrom(markdown: string, builder: Builder): { commands: string[]; explain: string } {
	const tokens = marked.lexer(markdown).filter((token) => token.type !== 'space' && token.type !== 'hr');
	const commands = commandsOf(
		tokens.filter(isCommandBlock).map((block) => block.text),
		builder,
	);
	const explain = tokens
		.filter((token) => !(token.type === 'heading' && token.depth === 1) && !/\]\((?:\.\/)?README\.md\)/i.test(token.raw))
		.map((token) => toLabVariables(token.raw.trim(), builder.used))
		.join('\n\n');
	return { commands, explain };
}

/** The paths `docker build` reads: the Dockerfile given with -f and the build context. */
export function buildPathsOf(command: string): string[] {
	const words = command.split(/\s+/).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
	const buildAt = words[1] === 'build' ? 2 : words[1] === 'image' && words[2] === 'build' ? 3 : -1;
	if (words[0] !== 'docker' || buildAt < 0) return [];
	const paths: string[] = [];
	const positionals: string[] = [];
	const valueFlags = new Set([
		'-t',
		'--tag',
		'-f',
		'--file',
		'--build-arg',
		'--target',
		'--platform',
		'--label',
		'--network',
		'--progress',
	]);
	for (let index = buildAt; index < words.length; index++) {
		const word = words[index]!;
		if (word === '-f' || word === '--file') paths.push(words[++index] ?? '');
		else if (word.startsWith('--file=')) paths.push(word.slice('--file='.length));
		else if (valueFlags.has(word)) index++;
		else if (!word.startsWith('-')) positionals.push(word);
	}
	const context = positionals[positionals.length - 1];
	if (context !== undefined) paths.push(context);
	return paths.filter(
		(candidate) => candidate !== '' && candidate !== '-' && !/^[a-z]+:\/\//i.test(candidate) && !candidate.includes('{{'),
	);
}

/** Each path once, without those inside another one listed (the Dockerfile in its build context). */
function outermostPaths(paths: readonly string[]): string[] {
	const clean = [...new Set(paths.map((entry) => entry.replace(/^\.\//, '').replace(/\/+$/, '')))];
	return clean.filter((entry) => !clean.some((other) => other !== entry && (other === '.' || entry.startsWith(`${other}/`))));
}

/** The draft lab for a course page. `id` is the lab's id (the command picks it from --id, --out or the file name). */
export function importCoursePage(page: CoursePage, id: string): DraftLab {
	const { title, preamble, sections } = splitSections(marked.lexer(page.markdown));
	const builder: Builder = { steps: [], ids: new Set(), used: new Set(), variables: {}, buildPaths: [] };
	// Commands before the first `##` (a page with no sections) are steps too, not intro.
	const opening = chunksOf(preamble);
	if (opening.chunks.length > 0) sections.unshift({ title: title ?? id, tokens: preamble });
	const introParts = opening.chunks.length > 0 ? [] : opening.rest;
	const labIndex = labSectionIndex(sections);
	let labSteps: DraftStep[] = [];

	sections.forEach((section, index) => {
		const before = builder.steps.length;
		const { chunks, rest } = chunksOf(section.tokens);
		for (const chunk of chunks) addChunkStep(chunk, section.title, builder);
		const last = builder.steps[builder.steps.length - 1];
		if (chunks.length > 0 && rest.length > 0 && last) last.prompt += `\n\n${toLabVariables(rest.join('\n\n'), builder.used)}`;
		if (chunks.length === 0) {
			const asked = addQuestionSteps(rest, section.title, builder);
			if (!asked && index === labIndex && rest.length > 0) {
				// The page's exercise with no commands of its own: a task whose check and solution the author writes.
				const stepTitle = titleFrom(section.title);
				builder.steps.push({
					id: idFrom(stepTitle, builder.ids),
					title: stepTitle,
					prompt: toLabVariables(rest.join('\n\n'), builder.used),
					solution: [],
					section: section.title,
				});
			} else if (!asked && rest.length > 0) introParts.push(`**${section.title}**`, ...rest);
		}
		const made = builder.steps.slice(before);
		if (isCleanupTitle.test(section.title.trim()) && made.length > 0) made[made.length - 1]!.cleanup = true;
		if (index === labIndex) labSteps = made;
	});

	const target = labSteps[labSteps.length - 1] ?? [...builder.steps].reverse().find((step) => !step.cleanup);
	if (target && page.hints !== undefined) target.hints = hintsFrom(page.hints, builder);
	if (target && page.solution !== undefined) {
		const { commands, explain } = solutionFrom(page.solution, builder);
		if (target.question) target.question.explain = explain || undefined;
		else {
			target.solution = [...(target.solution ?? []), ...commands];
			builder.buildPaths.push(...commands.flatMap(buildPathsOf));
		}
	}

	const intro = introParts.length > 0 ? toLabVariables(introParts.join('\n\n'), builder.used) : undefined;
	for (const name of builder.used) builder.variables[name] ??= {};
	// A variable the page uses but never sets: only the learner can give it.
	for (const [name, variable] of Object.entries(builder.variables))
		if (variable.ask === undefined && variable.default === undefined) variable.ask = `Your ${name}`;
	return {
		id,
		title: title ? titleFrom(title) : titleFrom(id.replace(/-/g, ' ')),
		intro,
		variables: builder.variables,
		steps: builder.steps,
		buildPaths: outermostPaths(builder.buildPaths),
	};
}
