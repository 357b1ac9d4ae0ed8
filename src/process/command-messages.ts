// What the learner reads when a command does not go as planned: what happened, in plain words,
// naming the command. Kept in one place so the wording stays consistent.

/** "10 s", "2.5 s", "300 ms". */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	return `${Number((ms / 1000).toFixed(1))} s`;
}

const shown = (command: string) => `\`${command.length > 200 ? `${command.slice(0, 200)}…` : command}\``;

export const commandMessages = {
	notInstalled: (program: string) =>
		program.includes('/') ? `${program} was not found` : `${program} is not installed or not on your PATH`,
	notExecutable: (program: string) => `${program} could not be started (permission denied)`,
	couldNotStart: (program: string, reason: string) => `${program} could not be started (${reason})`,
	missingFolder: (command: string, cwd: string) => `${shown(command)} could not run: the folder ${cwd} does not exist`,
	exited: (command: string, exitCode: number) => `${shown(command)} exited with code ${exitCode}`,
	killedBySignal: (command: string, signal: string) => `${shown(command)} was stopped by signal ${signal}`,
	timedOut: (command: string, timeoutMs: number) => `${shown(command)} did not finish within ${formatDuration(timeoutMs)} and was stopped`,
	canceled: (command: string) => `${shown(command)} was canceled`,
};
