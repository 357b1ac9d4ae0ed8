// The full-screen root: takes the session (one reducer and the hooks that own its effects, in
// use-session.ts, shared with the linear mode) and chooses the screen (choose-screen.ts) for the
// components that only draw. Ink's exit() is called by the quit hook (use-quit-sequence.ts) alone,
// after progress is saved and the learner has said whether to stop the registry.
import { Box, Text } from 'ink';
import { useMemo, useRef, type ReactNode } from 'react';
import type { LoadedProgress, ProgressStore } from '../progress/progress-store.js';
import { missingVariables } from '../session/ask-variables.js';
import type { Viewport } from '../session/key-bindings.js';
import { displayValues, stepText } from '../session/lab-steps.js';
import type { LabRuntime, LabSource } from '../session/lab-port.js';
import {
	displayStatus,
	hintsUsed,
	isChecking,
	lostNeeds,
	progressCount,
	selectedStep,
	solutionsViewed,
	stepProgress,
} from '../session/session-reducer.js';
import { ConfirmQuit } from './components/confirm-quit.js';
import { DoctorList } from './components/doctor-list.js';
import { Footer } from './components/footer.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { Lines } from './components/lines.js';
import { StepList } from './components/step-list.js';
import { STEP_TITLE_ROWS, StepView } from './components/step-view.js';
import { Summary } from './components/summary.js';
import { VariablesForm } from './components/variables-form.js';
import { pushRegistryFor, Welcome, welcomePane } from './components/welcome.js';
import { chooseScreen, keysFor } from './choose-screen.js';
import { useSession, type SessionTiming } from './hooks/use-session.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS } from './layout.js';
import { text } from './messages.js';
import { renderMarkdown } from './render-markdown.js';
import { fitPane, stepDocument, stepPinned, type Line } from './step-pane.js';
import { problemsLines, proofLines } from './dev-lines.js';

export type { TuiResult } from './hooks/use-quit-sequence.js';

/** Waits, in milliseconds; tests shorten them. */
export type AppTiming = SessionTiming;

export interface AppProps {
	runtime: LabRuntime;
	progressStore: ProgressStore;
	/** The progress as loaded (and the notice about a damaged file, if any). */
	loaded?: LoadedProgress;
	/** Aborted when the process is told to stop (SIGTERM, SIGHUP): quit at once, saving progress. */
	quitSignal?: AbortSignal;
	now?: () => number;
	timing?: AppTiming;
	/** The author's mode (`registry-lab dev`): the lab file's saves reload the lab in place. */
	labSource?: LabSource;
}

const plainLines = (lines: string[]): Line[] => lines.map((line) => ({ text: line }));

export function App({ runtime, progressStore, loaded, quitSignal, now = Date.now, timing = {}, labSource }: AppProps) {
	const { lab } = runtime;
	const size = useTerminalSize();
	const layout = computeLayout(size.columns, size.rows);
	const viewport = useRef<Viewport>({ page: 1, maxScroll: 0 });
	// Read by the key handler as the screen is drawn, not as of the last effect: a key pressed just
	// after the terminal shrank must not type into a field no longer shown.
	const isTooSmall = useRef(layout.isTooSmall);
	isTooSmall.current = layout.isTooSmall;
	const keyViewport = (): Viewport => ({ ...viewport.current, isTooSmall: isTooSmall.current });
	const { state, quitStage, classroom, onVariables } = useSession({
		runtime,
		progressStore,
		loaded,
		quitSignal,
		now,
		timing,
		viewport: keyViewport,
		labSource,
	});
	const quit = state.quit;

	// --- What to draw ------------------------------------------------------------------------------
	const step = lab.steps[state.selected];
	const info = selectedStep(state);
	const progress = stepProgress(state, info?.id ?? '');
	const values = useMemo(() => displayValues(state.vars, runtime.workspace), [state.vars, runtime.workspace]);
	const filled = useMemo(() => (step ? stepText(step, values) : undefined), [step, values]);
	const paneRows = layout.bodyHeight - STEP_TITLE_ROWS;
	const fullWidth = layout.columns;
	const paneInput =
		filled && info
			? {
					text: filled,
					progress,
					lostNeeds: lostNeeds(state, info),
					hintCount: info.hintCount,
					isQuestion: info.isQuestion,
					focus: state.focus,
					overlay: state.overlay,
					width: layout.paneWidth,
				}
			: undefined;
	// Rendered only while the step is on screen: on the welcome screen (the first frame) it would
	// cost a markdown render nobody sees.
	const isStepShown = state.view === 'lab' && state.overlay !== 'help' && state.overlay !== 'doctor' && state.overlay !== 'confirm-quit';
	const document = useMemo(
		() => (paneInput && isStepShown ? stepDocument(paneInput) : []),
		// The document depends only on the text, what is revealed and the width (paneInput is rebuilt each render).
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[isStepShown, filled, progress.hintsShown, progress.solutionShown, layout.paneWidth],
	);
	const intro = useMemo(
		() => (state.view === 'welcome' && lab.intro ? plainLines(renderMarkdown(lab.intro, fullWidth)) : []),
		[state.view, lab.intro, fullWidth],
	);
	// dev: the selected step's proof, phase by phase, above what the step pins.
	const proof = state.proof && state.proof.stepId === info?.id ? proofLines(state.proof, layout.paneWidth) : [];
	const pinned = paneInput ? stepPinned(paneInput) : [];
	const pane = fitPane(
		document,
		proof.length > 0 && pinned.length > 0 ? [...proof, { text: '' }, ...pinned] : [...proof, ...pinned],
		paneRows,
		state.scroll,
	);
	viewport.current = { page: pane.page, maxScroll: pane.maxScroll };

	const { done, total } = progressCount(state);

	const screen = chooseScreen(state);
	const keys = keysFor(screen, state, info, progress) + (state.isDev && screen === 'steps' && state.focus === 'keys' ? ' · p prove' : '');
	let body: ReactNode;
	// dev: a lab file that no longer loads covers the lab until it is fixed (the keys still quit).
	const labProblems = state.labProblems && state.view !== 'variables' ? state.labProblems : undefined;
	switch (labProblems ? 'problems' : screen) {
		case 'problems':
			body = <Lines lines={problemsLines(labProblems ?? [], fullWidth)} />;
			break;
		case 'help':
			body = <HelpOverlay width={fullWidth} height={layout.bodyHeight} isDev={state.isDev === true} />;
			break;
		case 'doctor':
			body = <DoctorList items={state.doctor} width={fullWidth} />;
			break;
		case 'confirm-quit':
			body = <ConfirmQuit width={fullWidth} />;
			break;
		case 'variables':
			body = (
				<VariablesForm
					variables={missingVariables(lab, state.vars)}
					onSubmit={onVariables}
					isActive={!state.quit && state.overlay === undefined && !layout.isTooSmall}
					width={fullWidth}
				/>
			);
			break;
		case 'welcome': {
			const welcome = welcomePane({
				intro,
				workspace: runtime.workspace,
				hub: pushRegistryFor(lab, state.vars),
				doctor: state.doctor,
				notice: state.notice,
				width: fullWidth,
				rows: layout.bodyHeight,
				scroll: state.scroll,
			});
			viewport.current = { page: welcome.page, maxScroll: welcome.maxScroll };
			body = <Welcome pane={welcome} />;
			break;
		}
		case 'summary':
			body = (
				<Summary
					title={lab.title}
					durationMs={(state.finishedAt ?? now()) - state.startedAt}
					hintsUsed={hintsUsed(state)}
					solutionsViewed={solutionsViewed(state)}
					next={plainLines(lab.next ? renderMarkdown(lab.next, fullWidth) : [])}
					width={fullWidth}
				/>
			);
			break;
		case 'steps':
			body = (
				<>
					<StepList
						steps={state.steps}
						statuses={state.steps.map((item, index) => displayStatus(stepProgress(state, item.id), index === state.selected))}
						selected={state.selected}
						width={layout.listWidth}
						height={layout.bodyHeight}
					/>
					<Box marginLeft={1}>
						<StepView number={state.selected + 1} total={total} title={info?.title ?? ''} lines={pane.lines} width={layout.paneWidth} />
					</Box>
				</>
			);
			break;
	}

	const status = quitStage ?? (isChecking(state) ? text.checking : `Workspace: ${runtime.workspace}`);
	// Too small a terminal gets one line; the screens stay mounted but hidden, so what the learner
	// typed (the variables form's value) is still there when the terminal grows again.
	return (
		<>
			{layout.isTooSmall ? (
				<Text wrap="truncate-end">{quitStage ?? text.tooSmall(MIN_COLUMNS, MIN_ROWS, size.columns, size.rows)}</Text>
			) : null}
			<Box flexDirection="column" width={fullWidth} height={layout.height} display={layout.isTooSmall ? 'none' : 'flex'}>
				<Header title={lab.title} done={done} total={total} environment={state.environment} classroom={classroom} />
				<Box height={layout.bodyHeight} overflow="hidden">
					{body}
				</Box>
				<Footer
					status={status}
					notice={state.view === 'welcome' ? undefined : state.notice}
					keys={quit ? '' : keys}
					isTyping={state.view === 'lab' && state.overlay === undefined && info?.isQuestion === true && state.focus === 'answer'}
				/>
			</Box>
		</>
	);
}
