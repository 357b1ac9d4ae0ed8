// The UI's own words to the learner, in one place. Lab-specific text (prompts, hints, failures)
// comes from the lab file.
import type { DisplayStatus } from '../session/session-reducer.js';

/** A symbol for each state, so the list reads without colour too. */
export const statusSymbol: Record<DisplayStatus, string> = {
	done: '✔',
	'not-yet': '·',
	failed: '·',
	regressed: '✖',
	checking: '…',
};

export const statusColor: Record<DisplayStatus, string | undefined> = {
	done: 'green',
	'not-yet': undefined,
	failed: 'yellow',
	regressed: 'red',
	checking: 'cyan',
};

export const keysHint = {
	keys: (isAutoCheck: boolean) =>
		`↑↓ step  c check  h hint  s solution  w auto-check: ${isAutoCheck ? 'on' : 'off'}  ? help  q quit`,
	questionKeys: (isAutoCheck: boolean) =>
		`↑↓ step  Tab answer  h hint  s solution  w auto-check: ${isAutoCheck ? 'on' : 'off'}  ? help  q quit`,
	answer: 'Type your answer  Enter submit  Tab/Esc other keys  ↑↓ step  Ctrl+C quit',
	confirm: 'y yes  n no',
	confirmQuit: 'y stop it  n leave it running  Esc back to the lab',
	anyKey: 'Press any key to go back',
	welcome: 'Enter start  PgDn/PgUp scroll  ? help  q quit',
	summary: 'Enter back to the steps  q quit',
	variables: 'Enter continue  Ctrl+C quit',
};

export const helpLines: Array<[string, string]> = [
	['↑ ↓  (or k j)', 'choose a step'],
	['PgUp PgDn  space', 'scroll a long step'],
	['c', 'check the current step now'],
	['h', 'show the next hint (one at a time)'],
	['s', 'show the solution (asks first)'],
	['w', 'turn auto-check on or off'],
	['?', 'show or hide this help'],
	['q  Ctrl+C', 'quit (your progress is saved)'],
];

export const helpNotes: string[] = [
	'Auto-check watches Docker while you work in your own terminal and ticks a step off as soon as it passes. A step that was done and breaks again shows ✖ with what to fix.',
	'On a question step the letter keys type into the answer field and Enter submits. Tab or Esc gives the keys back; Tab or Enter returns to the answer. Arrows, PgUp/PgDn and Ctrl+C always work.',
];

export const text = {
	noticeSaveFailed: (reason: string) => `Could not save your progress (${reason}). It will be tried again on your next change.`,
	checking: 'Checking…',
	done: '✔ Done: every check passes.',
	failedIntro: 'Not done yet:',
	regressedIntro: '✖ This step was done, but now a check fails:',
	moreFailures: (count: number) => `(and ${count} more ${count === 1 ? 'check fails' : 'checks fail'})`,
	confirmSolution: 'Show the solution? The next hint may be all you need.',
	confirmQuit: 'The lab started a registry container for you. Stop it now? (It is easy to start again.)',
	yourAnswer: 'Your answer: ',
	answerHint: 'Press Tab or Enter to type your answer.',
	right: '✔ Right!',
	wrong: '✗ Not quite.',
	moreBelow: '↓ more below: PgDn or space',
	moreAbove: '↑ top: PgUp',
	quitting: 'Saving your progress…',
	stoppingRegistry: 'Stopping the registry container…',
	welcomeStart: 'Press Enter to start.',
	workspace: 'Your workspace (run the lab’s commands from here):',
	doctorChecking: 'Checking your machine…',
	doctorOk: 'Your machine is ready.',
	doctorProblems: 'Fix these first, or some steps cannot pass:',
	summaryTitle: 'Lab complete. Well done!',
	tryNext: 'What to try next',
	variablesIntro: 'Before you start, the lab needs a value from you.',
};

/** A duration as a person says it: "45 s", "12 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
	const seconds = Math.max(Math.round(ms / 1000), 0);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
