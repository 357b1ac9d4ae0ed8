// Which images a Dockerfile builds FROM, read the way the builder reads it: line continuations and
// comments, global `ARG` defaults filled into `FROM` (`$NAME`, `${NAME}`, `${NAME:-default}`,
// `${NAME:+alt}`), `--platform` skipped, and neither `scratch` nor a stage named earlier counted,
// since neither is an image to bring along. Pure: the caller reads the file.

export interface DockerfileBases {
	/** Base images as written once the ARG defaults are filled in, in order, each once. */
	images: string[];
	/** FROM lines whose image could not be worked out (an ARG without a default), as written. */
	unresolved: string[];
}

/** `Dockerfile`, `Dockerfile.v2`, `app.Dockerfile`, `Containerfile`: the names builders look for. */
export function isDockerfileName(fileName: string): boolean {
	return /^(?:dockerfile|containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i.test(fileName);
}

/** The instructions of a Dockerfile, one string each: continuation lines joined, comments dropped. */
export function dockerfileInstructions(text: string): string[] {
	const lines = text.split(/\r?\n/);
	// A parser directive at the very top may switch the escape character to a backtick (Windows files).
	let escape = '\\';
	for (const line of lines) {
		const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
		if (!directive) break;
		if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
	}
	const instructions: string[] = [];
	let current: string | undefined;
	for (const line of lines) {
		// Comment lines are dropped, even between the continued lines of one instruction.
		if (/^\s*#/.test(line)) continue;
		const trimmed = line.replace(/\s+$/, '');
		const continues = trimmed.endsWith(escape);
		const part = continues ? trimmed.slice(0, -1).trimEnd() : trimmed;
		current = current === undefined ? part.trimStart() : `${current} ${part.trim()}`;
		if (continues) continue;
		if (current.trim() !== '') instructions.push(current.trim());
		current = undefined;
	}
	if (current !== undefined && current.trim() !== '') instructions.push(current.trim());
	return instructions;
}

/** Fills `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` from `values`; names without a value are listed in `unknown`. */
export function expandArgs(text: string, values: ReadonlyMap<string, string>): { text: string; unknown: string[] } {
	const unknown: string[] = [];
	const expanded = text.replace(
		/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
		(_whole, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
			const name = braced ?? bare ?? '';
			const value = values.get(name);
			if (operator === '-') return value === undefined || value === '' ? (word ?? '') : value;
			if (operator === '+') return value === undefined || value === '' ? '' : (word ?? '');
			if (value === undefined) unknown.push(name);
			return value ?? '';
		},
	);
	return { text: expanded, unknown };
}

/** Splits `A=1 B="two words" C` into names and defaults (quotes removed). */
function argDeclarations(rest: string): Array<{ name: string; value?: string }> {
	const declarations: Array<{ name: string; value?: string }> = [];
	for (const match of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
		const raw = match[2];
		const value = raw === undefined ? undefined : /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
		declarations.push({ name: match[1]!, value });
	}
	return declarations;
}

/** The base images of a Dockerfile. Pure. */
export function dockerfileBases(text: string): DockerfileBases {
	const args = new Map<string, string>();
	const stages = new Set<string>();
	const images: string[] = [];
	const unresolved: string[] = [];
	let seenFrom = false;
	for (const instruction of dockerfileInstructions(text)) {
		const match = /^([A-Za-z]+)\s*(.*)$/s.exec(instruction);
		if (!match) continue;
		const keyword = match[1]!.toUpperCase();
		const rest = match[2] ?? '';
		// Only the ARGs before the first FROM are in scope for FROM lines; later ones belong to a stage.
		if (keyword === 'ARG' && !seenFrom) {
			for (const { name, value } of argDeclarations(rest)) {
				// An ARG without a default has no value until --build-arg gives one: FROM cannot be known.
				if (value !== undefined) args.set(name, expandArgs(value, args).text);
			}
			continue;
		}
		if (keyword !== 'FROM') continue;
		seenFrom = true;
		const words = rest.split(/\s+/).filter((word) => word !== '' && !word.startsWith('--'));
		const written = words[0];
		if (written === undefined) continue;
		const stageName = words.length >= 3 && words[1]!.toLowerCase() === 'as' ? words[2] : undefined;
		const expanded = expandArgs(written, args);
		const image = expanded.text;
		if (image === '' || expanded.unknown.length > 0) unresolved.push(written);
		else if (image.toLowerCase() !== 'scratch' && !stages.has(image.toLowerCase()) && !images.includes(image)) images.push(image);
		if (stageName !== undefined) stages.add(stageName.toLowerCase());
	}
	return { images, unresolved };
}
