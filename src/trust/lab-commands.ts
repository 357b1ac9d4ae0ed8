// What a lab can run on the learner's machine, listed for a person deciding whether to trust it:
// the containers it may start, then every setup, solution and check command, step by step, as the
// author wrote them (`{{name}}` still in place: each value becomes one word, never shell syntax).
// Pure.
import type { Lab } from '../lab/schema.js';

export type LabCommandKind = 'setup' | 'solution' | 'podman' | 'wrong' | 'check' | 'service' | 'container' | 'image';

export interface LabCommand {
	kind: LabCommandKind;
	/** The command line as written; for a service or a container cleanup removes, the image and the container name. */
	text: string;
	/** A check with `shell: true`: it runs with /bin/sh, so pipes and `&&` work. */
	isShell?: boolean;
}

export interface LabCommandGroup {
	/** "services", "images", or "step `build-curl`: Build an image …". */
	title: string;
	commands: LabCommand[];
}

/** The lab's commands grouped: services, then what cleanup removes, then one group per step that runs something. */
export function labCommands(lab: Pick<Lab, 'services' | 'images' | 'containers' | 'steps'>): LabCommandGroup[] {
	const groups: LabCommandGroup[] = [];
	const services = Object.entries(lab.services ?? {});
	if (services.length > 0) {
		groups.push({
			title: 'containers it may start',
			commands: services.map(([id, service]) => ({
				kind: 'service',
				text: `${service.image} as container ${service.name}${service.ports?.length ? `, ports ${service.ports.join(', ')}` : ''} (service ${id})`,
			})),
		});
	}
	if ((lab.containers ?? []).length > 0) {
		groups.push({
			title: 'containers `registry-lab cleanup` removes, with their anonymous volumes',
			commands: (lab.containers ?? []).map((container) => ({
				kind: 'container',
				text: `${container.name}, when it runs ${container.image}`,
			})),
		});
	}
	if ((lab.images ?? []).length > 0) {
		groups.push({
			title: 'images `registry-lab cleanup` removes',
			commands: (lab.images ?? []).map((image) => ({ kind: 'image', text: image })),
		});
	}
	for (const step of lab.steps) {
		const commands: LabCommand[] = [
			...(step.setup ?? []).map((text): LabCommand => ({ kind: 'setup', text })),
			...(step.solution ?? []).map((text): LabCommand => ({ kind: 'solution', text })),
			// `test` runs the Podman solution instead on Podman.
			...(step.podman?.solution ?? []).map((text): LabCommand => ({ kind: 'podman', text })),
			// `test` runs the near misses too (and their undo): they are commands like any other.
			...(step.wrong ?? []).flatMap((state) => [...state.run, ...(state.undo ?? [])].map((text): LabCommand => ({ kind: 'wrong', text }))),
			...(step.check ?? []).flatMap((check): LabCommand[] =>
				'run' in check ? [{ kind: 'check', text: check.run, ...(check.shell === true ? { isShell: true } : {}) }] : [],
			),
		];
		if (commands.length > 0) groups.push({ title: `step ${step.id}: ${step.title}`, commands });
	}
	return groups;
}

/** How many commands (and containers) the groups hold. */
export function countCommands(groups: readonly LabCommandGroup[]): number {
	return groups.reduce((sum, group) => sum + group.commands.length, 0);
}

const labels: Record<LabCommandKind, string> = {
	setup: 'setup',
	solution: 'solution',
	podman: 'on Podman',
	wrong: 'near miss',
	check: 'check',
	service: 'runs',
	container: 'removes',
	image: 'removes',
};

/** The listing as the terminal shows it. Multi-line commands keep their lines, indented under the first. */
export function formatLabCommands(groups: readonly LabCommandGroup[]): string {
	if (groups.length === 0) return '  (it runs no commands)\n';
	const width = Math.max(...groups.flatMap((group) => group.commands.map((command) => label(command).length)));
	const lines: string[] = [];
	for (const group of groups) {
		lines.push(`  ${group.title}`);
		for (const command of group.commands) {
			const [first = '', ...rest] = command.text.trimEnd().split('\n');
			const head = `    ${label(command).padEnd(width)}  `;
			lines.push(`${head}${first}`);
			for (const line of rest) lines.push(`${' '.repeat(head.length)}${line}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

function label(command: LabCommand): string {
	return command.isShell ? `${labels[command.kind]} (sh)` : labels[command.kind];
}
