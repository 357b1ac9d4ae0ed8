// `registry-lab test [lab]`: proves on this machine that every step of a lab works (setup, checks
// fail, solution, checks pass) and that its cleanup leaves nothing behind. For authors and CI.
import {
	formatTestJson,
	formatTestJunit,
	formatTestProgress,
	formatTestSummary,
	testReporters,
	type TestReporter,
} from '../report/test-report.js';
import { exitForPrepareError, prepareCommandLab } from './command-support.js';
import { testLab } from '../runtime/test-lab.js';
import { engineInfo } from '../docker/docker-cli.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo, setOption, yesOption } from './command.js';

export const testUsage = `Usage: registry-lab test [lab] [--set name=value]... [--reporter text|json|junit] [--repeat N] [--skip-online] [--yes]

Proves the lab works on this machine, step by step: runs each step's setup, proves its checks fail,
runs its solution, proves its checks pass. Questions: every accepted answer must be judged right and
a wrong one wrong. The cleanup step runs last and must leave nothing the lab made behind.

It changes this machine the way the lab does (images, the registry container), and removes what an
earlier run of the lab left first. Run it where that is fine: in CI, or on a machine for testing.

Options:
  --set <name=value>   give a variable a value (repeatable), e.g. --set dockerId=learner1
                       --set hub=localhost:5001 runs the Docker Hub steps against another registry
  --reporter <kind>    text (default), json or junit; with json and junit the progress goes to stderr
  --repeat <N>         run the whole lab N times (catches steps that only work once)
  --skip-online        skip the steps marked online (they need Docker Hub or the hub variable)
  --yes                trust a lab that is not bundled without asking (CI; review its commands
                       first: they are listed when it asks)
  -h, --help           show this help

Exit codes: 0 every step held, 1 some did not, 2 wrong usage or values.
`;

export async function runTestCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'test', usage: testUsage },
		args,
		{
			...setOption,
			reporter: { type: 'string' },
			repeat: { type: 'string' },
			'skip-online': { type: 'boolean' },
			...yesOption,
		},
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const reporter = (parsed.values.reporter ?? 'text') as TestReporter;
	if (!testReporters.includes(reporter)) {
		io.stderr(`registry-lab test: unknown reporter "${reporter}"; use ${testReporters.join(', ')}\n\n${testUsage}`);
		return exitCodes.usage;
	}
	const repeatText = parsed.values.repeat ?? '1';
	const repeat = Number(repeatText);
	if (!/^\d+$/.test(repeatText) || repeat < 1 || repeat > 100) {
		io.stderr(`registry-lab test: --repeat takes a whole number from 1 to 100, not "${repeatText}"\n`);
		return exitCodes.usage;
	}

	// Progress is for people; with a machine-readable report on stdout it goes to stderr.
	const progress = reporter === 'text' ? io.stdout : io.stderr;
	const signal = io.signal;
	let prepared;
	try {
		prepared = await prepareCommandLab(
			io,
			{ labArg: parsed.positionals[0], setFlags: parsed.values.set, trust: { yes: parsed.values.yes } },
			{ chooseFreePorts: true, portPolicy: 'free-only' },
		);
	} catch (error) {
		return exitForPrepareError(io, 'test', error);
	}
	const notes = [...prepared.notes];
	for (const note of prepared.notes) progress(`note: ${note}\n`);
	progress(`Testing ${prepared.lab.title} (${prepared.lab.id}) in ${prepared.workspace.dir}\n`);

	// On Podman a step's `podman.solution` replaces its solution (e.g. a push per tag for --all-tags).
	const engine = await engineInfo({ env: io.env, signal });
	if (engine.reachable && engine.kind === 'podman') {
		const differing = prepared.lab.steps.filter((step) => step.podman).map((step) => step.id);
		const note = `The engine is Podman${differing.length > 0 ? `: ${differing.join(', ')} run their Podman solution` : ''}.`;
		notes.push(note);
		progress(`note: ${note}\n`);
	}

	const idWidth = Math.max(...prepared.lab.steps.map((step) => step.id.length));
	const result = await testLab(prepared, {
		signal,
		engine: engine.kind,
		repeat,
		skipOnline: parsed.values['skip-online'] === true,
		onStep: (outcome) => progress(formatTestProgress(outcome, repeat, idWidth)),
		onNote: (note) => {
			notes.push(note);
			progress(`note: ${note}\n`);
		},
	});

	if (reporter === 'json') io.stdout(formatTestJson(result, notes));
	else if (reporter === 'junit') io.stdout(formatTestJunit(result, notes));
	else io.stdout(formatTestSummary(result));
	return result.passed ? exitCodes.ok : exitCodes.problems;
}

export const testCommand: Command = {
	name: 'test',
	summary: 'prove every step of a lab works on this machine (for authors and CI)',
	usage: testUsage,
	run: runTestCommand,
};
