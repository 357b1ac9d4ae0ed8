// `{{name}}` templating. Only a plain name inside the braces is a variable; anything else, such as
// Docker's Go templates (`{{.State.Running}}`, `{{json .}}`), is left as written so lab authors can
// put those straight into commands.

const templatePattern = /\{\{([^{}]*)\}\}/g;
const variableNamePattern = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface VariableUse {
	name: string;
	/** Offset of the opening `{{` in the text. */
	index: number;
	/** The whole template as written, e.g. `{{ dockerId }}`. */
	raw: string;
}

/** Every `{{name}}` in the text, in order, with where it starts. */
export function variableUsesIn(text: string): VariableUse[] {
	const uses: VariableUse[] = [];
	for (const match of text.matchAll(templatePattern)) {
		const name = (match[1] ?? '').trim();
		if (variableNamePattern.test(name)) uses.push({ name, index: match.index, raw: match[0] });
	}
	return uses;
}

/** The distinct variable names the text uses, in order of first use. */
export function variablesIn(text: string): string[] {
	return [...new Set(variableUsesIn(text).map((use) => use.name))];
}

/** Replaces each `{{name}}` that has a value; unknown names and non-variable templates stay as written. */
export function interpolate(text: string, values: Readonly<Record<string, string>>): string {
	return text.replace(templatePattern, (whole, inner: string) => {
		const name = inner.trim();
		if (!variableNamePattern.test(name) || !Object.hasOwn(values, name)) return whole;
		return values[name] ?? whole;
	});
}
