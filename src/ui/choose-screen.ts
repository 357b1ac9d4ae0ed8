// Which screen the TUI shows and which keys its footer names, from the session alone. Pure, so the
// root component reads as a screen chooser and the choice is tested with a table.
import type { StepInfo } from '../session/lab-steps.js';
import type { SessionState, StepProgress } from '../session/session-reducer.js';
import { answerKeys, keysHint } from './messages.js';

export type Screen = 'help' | 'doctor' | 'confirm-quit' | 'variables' | 'welcome' | 'summary' | 'steps';

/** Overlays cover whatever view is under them; otherwise the view decides. */
export function chooseScreen(state: Pick<SessionState, 'view' | 'overlay'>): Screen {
	if (state.overlay === 'help' || state.overlay === 'doctor' || state.overlay === 'confirm-quit') return state.overlay;
	if (state.view === 'lab') return 'steps';
	return state.view;
}

/** The keys line for a screen; on the steps it depends on the step and where the keys go. */
export function keysFor(
	screen: Screen,
	state: Pick<SessionState, 'overlay' | 'focus' | 'isAutoCheck'>,
	info: Pick<StepInfo, 'isQuestion'> | undefined,
	progress: StepProgress,
): string {
	switch (screen) {
		case 'help':
		case 'doctor':
			return keysHint.anyKey;
		case 'confirm-quit':
			return keysHint.confirmQuit;
		case 'variables':
			return keysHint.variables;
		case 'welcome':
			return keysHint.welcome;
		case 'summary':
			return keysHint.summary;
		case 'steps':
			if (state.overlay === 'confirm-solution') return keysHint.confirm;
			if (info?.isQuestion && state.focus === 'answer') return answerKeys(progress);
			if (info?.isQuestion) return keysHint.questionKeys(state.isAutoCheck);
			return keysHint.keys(state.isAutoCheck);
	}
}
