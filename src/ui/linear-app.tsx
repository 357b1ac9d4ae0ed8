// The linear mode's root (registry-lab --plain, or INK_SCREEN_READER=true): the same session as the
// full screen (use-session.ts: one reducer, the same keys and effects), told as lines appended to the
// terminal for a screen reader to follow. Each announcement (announcements.ts) is written once with
// Ink's <Static>; below it at most one line changes in place: what the learner is typing.
import { Static, Text } from 'ink';
import { useCallback, useState } from 'react';
import { missingVariables } from '../session/ask-variables.js';
import type { SessionState } from '../session/session-reducer.js';
import {
	announce,
	announceClassroom,
	announceVariables,
	liveLine,
	type Announcement,
	type AnnouncerMemo,
	type VariablesFormView,
} from './announcements.js';
import type { AppProps } from './app.js';
import { useVariablesForm } from './components/use-variables-form.js';
import type { ClassPublishStatus } from './hooks/use-class-publisher.js';
import { useSession } from './hooks/use-session.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { renderMarkdown } from './render-markdown.js';
import { visibleWidth } from './text-layout.js';

interface Said {
	id: number;
	text: string;
}

interface Log {
	state?: SessionState;
	/** The classroom status last looked at (a failed publish is said, never drawn in a header here). */
	classroom?: ClassPublishStatus;
	form?: VariablesFormView;
	memo: AnnouncerMemo;
	said: Said[];
}

function plainText(announcement: Announcement, width: number): string {
	return 'markdown' in announcement ? renderMarkdown(announcement.markdown, width).join('\n') : announcement.text;
}

/**
 * The live line, cut from the front to fit one row: a line that wrapped would have to be redrawn
 * by moving the cursor up, which a screen reader cannot follow. Pure.
 */
export function fitLiveLine(line: string, columns: number): string {
	const room = Math.max(columns - 1, 2);
	if (visibleWidth(line) <= room) return line;
	const chars = [...line];
	return `…${chars.slice(chars.length - (room - 1)).join('')}`;
}

export function LinearApp({ runtime, progressStore, loaded, quitSignal, now, timing }: AppProps) {
	const { lab } = runtime;
	const { state, onVariables, classroom } = useSession({ runtime, progressStore, loaded, quitSignal, now, timing });
	const { columns } = useTerminalSize();

	// The variables asked for on the first screen, known from the start: the session opens on them
	// when any is missing, and never comes back to them.
	const [asked] = useState(() => missingVariables(lab, runtime.vars));
	const submitVariables = useCallback(
		(values: Record<string, string>) => {
			if (asked.length > 0) onVariables(values);
		},
		[asked, onVariables],
	);
	const form = useVariablesForm(asked, submitVariables, state.view === 'variables' && state.overlay === undefined && !state.quit);

	// What has been said, and the session and form it was said about. Updated while rendering (React's
	// pattern for information from earlier renders), not in an effect: an announcement then lands in
	// the same frame as its change, so "Saving your progress…" is written before the quit exits.
	const [log, setLog] = useState<Log>({ memo: {}, said: [] });
	if (log.state !== state || log.form !== form || log.classroom !== classroom) {
		const session = announce(log.state, state, { lab, workspace: runtime.workspace }, log.memo);
		const fields = state.view === 'variables' ? announceVariables(log.form, form) : [];
		const published = log.classroom === classroom ? [] : announceClassroom(log.classroom, classroom);
		const lines = [...session.announcements, ...fields, ...published].map((announcement) => plainText(announcement, columns));
		const said = [...log.said, ...lines.map((line, index) => ({ id: log.said.length + index, text: line }))];
		setLog({ state, form, classroom, memo: session.memo, said });
	}

	const live = liveLine(state, form);
	return (
		<>
			<Static items={log.said}>{(item) => <Text key={item.id}>{item.text}</Text>}</Static>
			{live === undefined ? null : <Text>{fitLiveLine(live, columns)}</Text>}
		</>
	);
}
