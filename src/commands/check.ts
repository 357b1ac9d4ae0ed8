// `registry-lab check [lab]`: which steps are done on this machine right now, without a TUI.
import { formatCheckJson, formatCheckText } from '../report/check-report.js';
import { checkLab, usesDocker } from '../runtime/check-lab.js';
import { dockerProblem } from '../docker/doctor.js';
import { exitForPrepareError, labArgFor, prepareCommandLab, printNotes } from './command-support.js';
import { recordDone } from '../runtime/progress-records.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo, setOption, yesOption } from './command.js';

export const checkUsage = `Usage: registry-lab check [lab] [--step ID] [--json] [--yes] [--set name=value]...

Says which steps of the lab you have done, and checks each on this machine now. A step is done once
its checks have passed (here or in the lab's screen) and stays done, even when a later step removes
what it made: the pull-back step removes an image, cleanup removes everything. A step whose earlier
steps are not done is skipped. Question steps count once answered right with registry-lab answer.
The lab is the bundled registries lab unless you name another.

Options:
  --step <id>          check this step only (and the steps it needs)
  --json               print { lab, done, total, steps: [ { id, done, doneAt, status, message,
                       durationMs } ] }; status is what the machine shows now
  --yes                trust a lab that is not bundled without asking (review its commands first:
                       they are listed when it asks)
  --set <name=value>   give a variable a value, e.g. --set dockerId=learner1 (repeatable);
                       REGISTRY_LAB_<NAME> environment variables work too
  -h, --help           show this help

Exit codes: 0 every step is done (or the --step one), 1 not all are, 2 wrong usage or values.
`;

export async function runCheckCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'check', usage: checkUsage },
		args,
		{
			step: { type: 'string' },
			json: { type: 'boolean' },
			...yesOption,
			...setOption,
		},
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const labArg = parsed.positionals[0];
	const env = io.env;
	const signal = io.signal;

	try {
		const prepared = await prepareCommandLab(
			io,
			{ labArg, setFlags: parsed.values.set, trust: { yes: parsed.values.yes } },
			{ chooseFreePorts: true, useProgress: true },
		);
		const records = prepared.progress;
		printNotes(io, prepared.notes);
		const stepId = parsed.values.step;
		if (stepId !== undefined && !prepared.lab.steps.some((step) => step.id === stepId)) {
			io.stderr(
				`registry-lab check: the lab ${prepared.lab.id} has no step "${stepId}"; its steps are ${prepared.lab.steps.map((step) => step.id).join(', ')}\n`,
			);
			return exitCodes.usage;
		}
		// Asked alongside the checks, so a machine where Docker works waits no longer.
		const [result, dockerDown] = await Promise.all([
			checkLab(prepared, {
				stepId,
				signal,
				answered: records?.answered,
				done: records?.done,
				answerHint: (id) => `registry-lab answer ${labArgFor(labArg)}${id} <your answer>`,
			}),
			usesDocker(prepared.lab) ? dockerProblem(env, signal) : undefined,
		]);
		if (dockerDown) printNotes(io, [dockerDown]);
		const lab = prepared.lab;
		const passed = result.steps.filter(
			(step) => step.status === 'passed' && lab.steps.find((candidate) => candidate.id === step.id)?.question === undefined,
		);
		if (passed.length > 0) {
			const note = await recordDone(
				prepared.lab.id,
				env,
				passed.map((step) => step.id),
			);
			if (note) printNotes(io, [note]);
		}
		const now = new Date().toISOString();
		const doneAt = (id: string): string | undefined =>
			records?.doneAt[id] ?? (result.steps.find((step) => step.id === id)?.done ? now : undefined);
		io.stdout(parsed.values.json ? formatCheckJson(result, doneAt) : formatCheckText(result, prepared.lab.title));
		return result.steps.every((step) => step.done) ? exitCodes.ok : exitCodes.problems;
	} catch (error) {
		return exitForPrepareError(io, 'check', error);
	}
}

export const checkCommand: Command = {
	name: 'check',
	summary: 'say which steps of a lab are done, and what this machine shows now, without the TUI',
	usage: checkUsage,
	run: runCheckCommand,
};
