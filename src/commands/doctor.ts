// `registry-lab doctor [lab]`: is this machine ready for the lab? Each finding is ok, warn or fail,
// and each problem comes with its fix.
import { runDoctor, type DoctorFinding } from '../docker/doctor.js';
import { IMAGES_FILE_NAME, imagesFileAtHand } from '../docker/image-archive.js';
import { exitForPrepareError, prepareCommandLab, printNotes } from './command-support.js';
import { exitCodes, parseCommandArgs, type Command, type CommandIo, setOption } from './command.js';

export const doctorUsage = `Usage: registry-lab doctor [lab] [--skip-internet] [--json] [--set name=value]...

Checks that this machine is ready for the lab: the docker command, the Docker engine (Docker or
Podman), the images the lab needs (its services', the ones its steps pull, its Dockerfiles' bases),
the registry's port, the registry the push steps use and whether Docker is logged in to it, curl.
Each problem comes with its fix.

A class without internet brings the images in one file (registry-lab images save): when the file
REGISTRY_LAB_IMAGES names, or ${IMAGES_FILE_NAME} in this folder, is there, a missing image's fix
is to load it (registry-lab images load FILE).

The push steps use Docker Hub, over the internet, unless the hub variable names another registry:
then only that registry is asked, and a machine without internet is ready when it answers.
  registry-lab doctor --set hub=localhost:5001

Options:
  --skip-internet      do not try to reach Docker Hub (a registry set with hub=... is still checked)
  --json               print { lab, ready, findings: [ { id, title, status, message, fix } ] }
  --set <name=value>   give a variable a value (repeatable), e.g. --set hub=localhost:5001
  -h, --help           show this help

Exit codes: 0 ready (nothing failed; warnings are fine), 1 something must be fixed, 2 wrong usage.
`;

const labels: Record<DoctorFinding['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export function formatDoctorText(title: string, findings: readonly DoctorFinding[]): string {
	const lines = [`Is this machine ready for ${title}?`];
	for (const finding of findings) {
		lines.push(`  ${labels[finding.status]}  ${finding.title}: ${finding.message}`);
		// A fix over several lines (a file's lines to write) keeps them under it, indented alike.
		if (finding.status !== 'ok' && finding.fix) lines.push(`        fix: ${finding.fix.replace(/\n(?=.)/g, '\n          ')}`);
	}
	const failed = findings.filter((finding) => finding.status === 'fail').length;
	const warned = findings.filter((finding) => finding.status === 'warn').length;
	lines.push(
		failed > 0
			? `Not ready: fix the ${failed === 1 ? 'problem' : `${failed} problems`} marked FAIL, then run registry-lab doctor again.`
			: `Ready${warned > 0 ? `, with ${warned === 1 ? 'a warning' : `${warned} warnings`} to read` : ''}.`,
	);
	return `${lines.join('\n')}\n`;
}

export async function runDoctorCommand(args: string[], io: CommandIo): Promise<number> {
	const parsed = parseCommandArgs(
		{ name: 'doctor', usage: doctorUsage },
		args,
		{
			'skip-internet': { type: 'boolean' },
			json: { type: 'boolean' },
			...setOption,
		},
		io,
	);
	if (typeof parsed === 'number') return parsed;
	const env = io.env;
	const signal = io.signal;
	let prepared;
	try {
		// The doctor looks at the ports itself, and needs no workspace and no Docker ID.
		prepared = await prepareCommandLab(
			io,
			{ labArg: parsed.positionals[0], setFlags: parsed.values.set },
			{ chooseFreePorts: false, prepareWorkspace: false, allowMissing: true, useProgress: true },
		);
	} catch (error) {
		return exitForPrepareError(io, 'doctor', error);
	}
	printNotes(io, prepared.notes);
	const findings = await runDoctor(prepared.lab, prepared.vars, {
		skipInternet: parsed.values['skip-internet'] === true,
		signal,
		env,
		labDir: prepared.dir,
		imagesFile: imagesFileAtHand(env, io.cwd),
	});
	const ready = findings.every((finding) => finding.status !== 'fail');
	if (parsed.values.json) {
		io.stdout(`${JSON.stringify({ lab: prepared.lab.id, ready, findings }, null, 2)}\n`);
	} else io.stdout(formatDoctorText(prepared.lab.title, findings));
	return ready ? exitCodes.ok : exitCodes.problems;
}

export const doctorCommand: Command = {
	name: 'doctor',
	summary: 'check that this machine is ready for a lab, with a fix for each problem',
	usage: doctorUsage,
	run: runDoctorCommand,
};
