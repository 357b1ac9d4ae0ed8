// The UI's own words to the learner, in one place. Lab-specific text (prompts, hints, failures)
// comes from the lab file.
import { isNewAttempt, type DisplayStatus, type StepProgress } from '../session/session-reducer.js';

/** A symbol for each state, so the list reads without colour too. */
export const statusSymbol: Record<DisplayStatus, string> = {
	done: '✔',
	'not-yet': '·',
	failed: '·',
	checking: '…',
};

export const statusColor: Record<DisplayStatus, string | undefined> = {
	done: 'green',
	'not-yet': undefined,
	failed: 'yellow',
	checking: 'cyan',
};

export const keysHint = {
	keys: (isAutoCheck: boolean) => `↑↓ step  c check  h hint  s solution  w auto-check: ${isAutoCheck ? 'on' : 'off'}  ? help  q quit`,
	questionKeys: (isAutoCheck: boolean) =>
		`↑↓ step  Tab answer  h hint  s solution  w auto-check: ${isAutoCheck ? 'on' : 'off'}  ? help  q quit`,
	// In the answer field letters type, so the footer says so and how to get j, k, q, h back.
	answer: 'Letters type into your answer  Enter submit  Esc/Tab: keys  ↑↓ step',
	answered: 'Letters start a new answer  Esc/Tab: keys  ↑↓ step  Ctrl+C quit',
	newAttempt: 'Letters type a new answer  Enter submit  Esc keep saved one  Tab: keys',
	confirm: 'y yes  n no',
	confirmQuit: 'y stop it  n leave it running  Esc back to the lab',
	anyKey: 'Press any key to go back',
	welcome: 'Enter start  PgDn/PgUp scroll  ? help  q quit',
	summary: 'Enter back to the steps  q quit',
	variables: 'Enter continue  Ctrl+C quit',
};

/** The keys line while the answer field has the keys: a saved right answer and a new attempt read differently. */
export function answerKeys(progress: StepProgress): string {
	if (isNewAttempt(progress)) return keysHint.newAttempt;
	return progress.answer?.correct ? keysHint.answered : keysHint.answer;
}

export const helpLines: Array<[string, string]> = [
	['↑ ↓  (or k j)', 'choose a step'],
	['PgUp PgDn  space', 'scroll a long step'],
	['c', 'check the current step now'],
	['h', 'show the next hint (one at a time)'],
	['s', 'show the solution (asks first)'],
	['w', 'turn auto-check on or off'],
	['d', 'show or hide what a failed check saw'],
	['?', 'show or hide this help'],
	['q  Ctrl+C', 'quit (your progress is saved)'],
];

/** The keys `?` lists; `registry-lab dev` adds the proof of a step. */
export function helpLinesFor(isDev: boolean): Array<[string, string]> {
	if (!isDev) return helpLines;
	return [
		...helpLines.slice(0, -2),
		['p', 'prove the step as `test` does (setup, checks fail, near misses fail, solution, checks pass)'],
		...helpLines.slice(-2),
	];
}

export const helpNotes: string[] = [
	'Auto-check watches Docker while you work in your own terminal and ticks every step off as soon as it passes, in any order. A done step stays done, even when a later step removes what it made; if the step you are on needs that work back, it says what to redo.',
	'On a question, letters type into the answer (← → Home End; Ctrl+U clears, Ctrl+W deletes a word) and only Enter submits; Tab or Esc gives the keys back. Typing over a right answer starts a new attempt: Esc drops it, keeping the saved answer.',
];

export const text = {
	noticeSaveFailed: (reason: string) => `Could not save your progress (${reason}). It will be tried again on your next change.`,
	checking: 'Checking…',
	done: '✔ Done: every check passes.',
	failedIntro: 'Not done yet:',
	redoNeed: (title: string) => `First redo “${title}”: you did it, but your machine no longer shows it.`,
	detailsHint: 'Press d for what the check saw.',
	detailsTitle: 'What the check saw (d hides it):',
	checked: (subject: string) => `Checked: ${subject}`,
	moreFailures: (count: number) => `(and ${count} more ${count === 1 ? 'check fails' : 'checks fail'})`,
	/** Points to the next hint only while there is one. */
	confirmSolution: (hintsLeft: number) => (hintsLeft > 0 ? 'Show the solution? The next hint may be all you need.' : 'Show the solution?'),
	confirmQuit: 'The lab started a registry container for you. Stop it now? (It is easy to start again.)',
	yourAnswer: 'Your answer: ',
	answerHint: 'Press Tab or Enter to type your answer.',
	right: '✔ Right!',
	savedAnswer: 'Saved answer: ',
	newAttempt: 'New attempt: ',
	newAttemptHint: 'Enter to submit it, Esc to keep your saved answer.',
	savedAnswerKept: 'Your saved answer stays: it is still right.',
	wrong: '✗ Not quite.',
	moreBelow: '↓ more below: PgDn or space',
	moreAbove: '↑ top: PgUp',
	quitting: 'Saving your progress…',
	stoppingRegistry: 'Stopping the registry container…',
	welcomeStart: 'Press Enter to start.',
	workspace: 'Your workspace (run the lab’s commands from here):',
	hubIsDockerHub:
		'The Docker Hub steps push to Docker Hub. No account or no internet? Another registry can play it: start registry-lab with --set hub=HOST:PORT.',
	hubPlayedBy: (hub: string) => `The Docker Hub steps push to ${hub}, which plays Docker Hub here (set with --set hub=HOST:PORT).`,
	doctorChecking: 'Checking your machine…',
	doctorOk: 'Your machine is ready.',
	doctorProblems: 'Fix these first, or some steps cannot pass:',
	summaryTitle: 'Lab complete. Well done!',
	tryNext: 'What to try next',
	variablesIntro: 'Before you start, the lab needs a value from you.',
	/** One line for a terminal below the smallest size: the longest wording that fits its width. */
	tooSmall: (minColumns: number, minRows: number, columns: number, rows: number): string => {
		const sizes = `${minColumns}×${minRows} (now ${columns}×${rows})`;
		const wordings = [`Make the terminal at least ${sizes}. q quits.`, `Make the terminal at least ${sizes}`, `Make it at least ${sizes}`];
		return wordings.find((wording) => [...wording].length <= columns) ?? `${minColumns}×${minRows} needed`;
	},
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
