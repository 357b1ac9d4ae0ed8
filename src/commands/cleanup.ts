// `registry-lab cleanup [lab]`: removes what the lab made and nothing else: containers labelled as
// the lab's, the containers it told the learner to start (by exact name, only while they run the
// image it names), each with its anonymous volumes, and the exact image names it lists (removing a
// name only untags a shared image). It always lists them first, with any container it leaves alone
// and why; it removes them only when told to (--yes, or "y" at the terminal).
import { planCleanup, runCleanup, type CleanupPlan } from '../docker/cleanup.js';
import { LAB_LABEL } from '../docker/service-spec.js';
import { exitForPrepareError, labArgFor, prepareCommandLab, printNotes } from './command-support.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo, setOption, yesOption } from './command.js';

export const cleanupUsage = `Usage: registry-lab cleanup [lab] [--yes] [--dry-run] [--set name=value]...

Removes what the lab made, and nothing else: containers labelled ${LAB_LABEL}=<lab>; the
containers the lab told you to start, by their exact name, only while they run the image the lab
names (e.g. registry running registry:2); and the exact image names the lab lists (removing a name
only untags an image that has other names, like alpine). Containers go with their anonymous volumes
(a registry's pushed layers); named volumes stay. Your own containers and images are never touched:
a container with a listed name that runs another image is named and left alone. It lists what it
will remove first, then asks.

Options:
  --yes                remove without asking (needed when not at a terminal); for a lab that is
                       not bundled, also trust it without asking
  --dry-run            only list what would be removed
  --set <name=value>   give a variable a value (repeatable), e.g. --set dockerId=learner1, so the
                       image names that use it are found
  -h, --help           show this help

Exit codes: 0 removed (or nothing to remove), 1 not removed or something failed, 2 wrong usage.
`;

/** Both plans together: the images named with the port asked for and with the port the lab moved to. */
function mergePlans(plans: readonly CleanupPlan[]): CleanupPlan {
	const [first, ...others] = plans;
	if (!first) throw new Error('no cleanup plan');
	const merged: CleanupPlan = {
		...first,
		containers: [...first.containers],
		leftAlone: [...first.leftAlone],
		images: [...first.images],
		skipped: [...first.skipped],
		problems: [...first.problems],
	};
	for (const plan of others) {
		for (const container of plan.containers)
			if (!merged.containers.some((known) => known.id === container.id)) merged.containers.push(container);
		for (const alone of plan.leftAlone) if (!merged.leftAlone.some((known) => known.name === alone.name)) merged.leftAlone.push(alone);
		for (const image of plan.images) if (!merged.images.includes(image)) merged.images.push(image);
		for (const problem of plan.problems) if (!merged.problems.includes(problem)) merged.problems.push(problem);
	}
	return merged;
}

/** The plan as the learner reads it; `missing` are the asked variables without a value, which some image names need. */
export function formatPlan(plan: CleanupPlan, missing: readonly string[] = []): string {
	const lines: string[] = [];
	if (plan.containers.length === 0 && plan.images.length === 0) lines.push(`Nothing to clean up for the lab ${plan.labId}.`);
	else {
		lines.push(`The lab ${plan.labId} made these; cleanup removes them:`);
		for (const container of plan.containers)
			lines.push(
				`  container ${container.name || container.id} (${container.image}${container.state ? `, ${container.state}` : ''}), with its anonymous volumes`,
			);
		for (const image of plan.images) lines.push(`  image ${image}`);
	}
	for (const alone of plan.leftAlone) lines.push(`Left alone: the container ${alone.name} ${alone.reason}.`);
	if (plan.skipped.length > 0 && missing.length > 0) {
		const flags = missing.map((name) => `--set ${name}=VALUE`).join(' ');
		lines.push(
			`Not looked for, because they need ${missing.join(' and ')}: ${plan.skipped.map((skipped) => skipped.ref).join(', ')}. Pass ${flags} to include them.`,
		);
	} else for (const skipped of plan.skipped) lines.push(`Not looked for: ${skipped.ref} (${skipped.reason}).`);
	for (const problem of plan.problems) lines.push(`Problem: ${problem}`);
	return `${lines.join('\n')}\n`;
}

export async function runCleanupCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'cleanup', usage: cleanupUsage },
		args,
		{
			...yesOption,
			'dry-run': { type: 'boolean' },
			...setOption,
		},
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const labArg = parsed.positionals[0];
	const env = io.env;
	const signal = io.signal;
	let prepared;
	try {
		prepared = await prepareCommandLab(
			io,
			// Listing runs nothing of the lab's; removing is what a lab that is not bundled must be trusted for.
			{ labArg, setFlags: parsed.values.set, ...(parsed.values['dry-run'] ? {} : { trust: { yes: parsed.values.yes } }) },
			{ chooseFreePorts: true, prepareWorkspace: false, allowMissing: true, useProgress: true },
		);
	} catch (error) {
		return exitForPrepareError(io, 'cleanup', error);
	}
	printNotes(io, prepared.notes);

	const dockerOptions = { env, signal };
	const plans = [await planCleanup(prepared.lab, prepared.vars, dockerOptions)];
	if (prepared.portChoices.some((choice) => choice.changed))
		plans.push(await planCleanup(prepared.lab, prepared.requestedVars, dockerOptions));
	const plan = mergePlans(plans);
	io.stdout(formatPlan(plan, prepared.missing));
	const nothing = plan.containers.length === 0 && plan.images.length === 0;
	if (nothing || parsed.values['dry-run']) return plan.problems.length > 0 ? exitCodes.problems : exitCodes.ok;

	if (!parsed.values.yes) {
		const confirm = io.confirm;
		if (!confirm) {
			io.stderr(`Nothing removed: pass --yes to remove these (registry-lab cleanup ${labArgFor(labArg)}--yes).\n`);
			return exitCodes.problems;
		}
		if (!(await confirm('Remove them? [y/N] '))) {
			io.stdout('Nothing removed.\n');
			return exitCodes.problems;
		}
	}

	const result = await runCleanup(plan, dockerOptions);
	for (const container of result.removedContainers)
		io.stdout(`Removed container ${container.name || container.id} and its anonymous volumes\n`);
	for (const image of result.removedImages) io.stdout(`Removed image name ${image}\n`);
	for (const failure of result.failed) io.stderr(`Could not remove ${failure.kind} ${failure.target}: ${failure.message}\n`);
	return result.failed.length > 0 || plan.problems.length > 0 ? exitCodes.problems : exitCodes.ok;
}

export const cleanupCommand: Command = {
	name: 'cleanup',
	summary: 'remove the containers and images a lab made, and nothing else',
	usage: cleanupUsage,
	run: runCleanupCommand,
};
