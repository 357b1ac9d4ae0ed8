// The first screen of a first run: what the lab is about, where to run its commands, and whether the
// machine is ready (the doctor), before the first step. The introduction scrolls when the screen is
// short; the doctor's findings and how to start stay in view.
import type { DoctorItem } from '../../session/runtime.js';
import type { Notice } from '../../session/session-reducer.js';
import { doctorLines } from '../doctor-lines.js';
import { text } from '../messages.js';
import { fitPane, type Line, type PaneView } from '../step-pane.js';
import { wrapText } from '../text-layout.js';
import { Lines } from './lines.js';

export interface WelcomeInput {
	intro: Line[];
	workspace: string;
	doctor: DoctorItem[] | undefined;
	notice?: Notice;
	width: number;
	rows: number;
	scroll: number | 'end';
}

/** Lays the welcome screen out in `rows`, keeping the doctor and the start line pinned below. */
export function welcomePane({ intro, workspace, doctor, notice, width, rows, scroll }: WelcomeInput): PaneView {
	const document: Line[] = [
		...(notice ? [...wrapText(notice.text, width).map((line) => ({ text: line, color: 'yellow' })), { text: '' }] : []),
		...(intro.length > 0 ? [...intro, { text: '' }] : []),
		{ text: text.workspace },
		{ text: `  cd ${workspace}`, color: 'cyan' },
	];
	const pinned: Line[] = [...doctorLines(doctor, width), { text: '' }, { text: text.welcomeStart, isBold: true }];
	return fitPane(document, pinned, rows, scroll);
}

export function Welcome({ pane }: { pane: PaneView }) {
	return <Lines lines={pane.lines} />;
}
