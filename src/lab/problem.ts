// A problem found in a lab file, located the way editors and CI annotations expect (1-based).

export interface Problem {
	file: string;
	line: number;
	column: number;
	message: string;
}

/** `labs/x/lab.yaml:12:5: message`: the form editors and terminals turn into links. */
export function formatProblem(problem: Problem): string {
	return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** Orders problems as they appear in the file, so a reader can fix them top to bottom. */
export function compareProblems(a: Problem, b: Problem): number {
	return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
