// With `shell: true` a command runs as `/bin/sh -c <script>`. Variable values never enter the
// script text: each `{{name}}` becomes a quoted reference to an environment variable of that name,
// and the values travel in the environment, where the shell never parses them as syntax.
import { variableUsesIn } from '../lab/interpolate.js';
import { quoteContexts } from '../lab/split-command.js';

export interface ShellScript {
	script: string;
	/** Environment variables to add: the lab's variables, by their own names. */
	env: Record<string, string>;
}

const environmentName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The reference to `$name` that reads as one word in the quote context it replaces `{{name}}` in. */
function reference(name: string, context: 'plain' | 'single' | 'double'): string {
	if (context === 'double') return `\${${name}}`;
	if (context === 'single') return `'"\${${name}}"'`;
	return `"\${${name}}"`;
}

export function shellScriptFor(command: string, vars: Readonly<Record<string, string>> = {}): ShellScript {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(vars)) {
		if (environmentName.test(name)) env[name] = value;
	}
	const contexts = quoteContexts(command);
	let script = '';
	let from = 0;
	for (const use of variableUsesIn(command)) {
		if (!Object.hasOwn(env, use.name)) continue;
		script += command.slice(from, use.index) + reference(use.name, contexts[use.index] ?? 'plain');
		from = use.index + use.raw.length;
	}
	script += command.slice(from);
	return { script, env };
}
