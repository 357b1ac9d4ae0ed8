// Most commands in a lab are plain words (`docker push {{image}}:21.06`), sometimes with a
// single-quoted argument (`--format '{{.Id}}'`, `sh -c '...'`). Asking shell-quote about each one
// costs a regular expression compiled per call; for a folder of labs that was the largest part of
// lint. This tells those commands apart without it.

/** Characters outside quotes that shell-quote reads as part of a word and the splitter leaves alone. */
function isWordCharacter(code: number): boolean {
	return (
		(code >= 97 && code <= 122) || // a-z
		(code >= 65 && code <= 90) || // A-Z
		(code >= 48 && code <= 57) || // 0-9
		code === 95 || // _
		code === 46 || // .
		code === 47 || // /
		code === 58 || // :
		code === 44 || // ,
		code === 61 || // =
		code === 64 || // @
		code === 37 || // %
		code === 43 || // +
		code === 45 || // -
		code === 123 || // {
		code === 125 // }
	);
}

const assignmentPattern = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * True when `commandProblem(command)` is certainly undefined: words of plain characters separated
 * by spaces, and closed single-quoted parts (literal, whatever they hold), not starting with
 * `NAME=`. False means "ask commandProblem", not "has a problem". test/lab/plain-command.test.ts
 * checks the first against commandProblem itself.
 */
export function isPlainCommand(command: string): boolean {
	let hasWord = false;
	let firstWordEnd = -1;
	let firstWordQuoted = false;
	for (let index = 0; index < command.length; index++) {
		const code = command.charCodeAt(index);
		if (code === 32) {
			if (hasWord && firstWordEnd < 0) firstWordEnd = index;
			continue;
		}
		if (code === 39) {
			const close = command.indexOf("'", index + 1);
			if (close < 0) return false;
			if (firstWordEnd < 0) firstWordQuoted = true;
			index = close;
		} else if (!isWordCharacter(code)) return false;
		hasWord = true;
	}
	if (!hasWord || firstWordQuoted) return false;
	const start = command.length - command.trimStart().length;
	return !assignmentPattern.test(command.slice(start, firstWordEnd < 0 ? undefined : firstWordEnd));
}
