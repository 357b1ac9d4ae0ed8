// The first screen of a first run: what the lab is about, where to run its commands, and whether the
// machine is ready (the doctor), before the first step. The introduction scrolls when the screen is
// short; the doctor's findings and how to start stay in view.
import type { Lab } from '../../lab/schema.js';
import { hubRegistry, isDockerHub } from '../../registry/docker-hub.js';
import type { DoctorItem } from '../../session/lab-port.js';
import type { Notice } from '../../session/session-reducer.js';
import { doctorLines } from '../doctor-lines.js';
import { text } from '../messages.js';
import { fitPane, pinnedRoom, type Line, type PaneView } from '../step-pane.js';
import { wrapText } from '../text-layout.js';
import { Lines } from './lines.js';

export interface WelcomeInput {
	intro: Line[];
	workspace: string;
	/** The registry that plays Docker Hub in the push steps, for a lab that has them (see `pushRegistryFor`). */
	hub?: string;
	doctor: DoctorItem[] | undefined;
	notice?: Notice;
	width: number;
	rows: number;
	scroll: number | 'end';
}

/**
 * The registry a lab's push steps (`online: true`) use, for a lab whose `hub` variable lets another
 * registry play Docker Hub; undefined for a lab without either. Pure.
 */
export function pushRegistryFor(lab: Pick<Lab, 'variables' | 'steps'>, vars: Readonly<Record<string, string>>): string | undefined {
	if (lab.variables?.hub === undefined || !lab.steps.some((step) => step.online)) return undefined;
	return hubRegistry(vars);
}

/**
 * Lays the welcome screen out in `rows`, keeping pinned below: which registry plays Docker Hub (the
 * introduction speaks of Docker Hub and scrolls; an offline learner must see it is another one), the
 * doctor and the start line.
 */
export function welcomePane({ intro, workspace, hub, doctor, notice, width, rows, scroll }: WelcomeInput): PaneView {
	const hubLines =
		hub === undefined
			? []
			: wrapText(isDockerHub(hub) ? text.hubIsDockerHub : text.hubPlayedBy(hub), width).map((line) => ({ text: line }));
	const document: Line[] = [
		...(notice ? [...wrapText(notice.text, width).map((line) => ({ text: line, color: 'yellow' })), { text: '' }] : []),
		...(intro.length > 0 ? [...intro, { text: '' }] : []),
		{ text: text.workspace },
		{ text: `  cd ${workspace}`, color: 'cyan' },
	];
	// How to start stays in view: a doctor list too long for the pinned rows is cut above it, not it.
	const start: Line[] = [{ text: '' }, { text: text.welcomeStart, isBold: true }];
	const above = [...hubLines, ...doctorLines(doctor, width, { compactWhenReady: true })];
	const room = pinnedRoom(rows) - start.length;
	const shown = above.length > room ? [...above.slice(0, Math.max(room - 1, 0)), { text: '…', isDim: true }] : above;
	return fitPane(document, [...shown, ...start], rows, scroll);
}

export function Welcome({ pane }: { pane: PaneView }) {
	return <Lines lines={pane.lines} />;
}
