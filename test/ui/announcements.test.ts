// What the linear mode says, change by change: each row is a session, what happens to it (one
// render per group of actions, as React may fold several actions into one render) and every line
// said along the way, in order.
import { describe, expect, it } from 'vitest';
import type { ProgressState } from '../../src/progress/progress-store.js';
import { plainKey, reduceSession, type KeyAction, type KeyPress } from '../../src/session/key-bindings.js';
import type { StepCheck, Verdict } from '../../src/session/lab-port.js';
import { initSession, type SessionAction, type SessionState } from '../../src/session/session-reducer.js';
import {
	announce,
	announceClassroom,
	announceVariables,
	liveLine,
	type Announcement,
	type AnnouncerMemo,
	type VariablesFormView,
} from '../../src/ui/announcements.js';
import { fitLiveLine } from '../../src/ui/linear-app.js';
import { keysHint } from '../../src/ui/messages.js';
import { savedProgress } from '../support/saved-progress.js';
import { failedCheck, fixtureLab, fixtureVars, passedCheck } from '../session/fixture-lab.js';

const NOW = Date.parse('2026-01-10T10:00:00Z');
const context = { lab: fixtureLab, workspace: '/home/learner/registry-lab' };

type Action = SessionAction | KeyAction;

/** A first run, on the welcome screen. */
function firstRun(vars: Record<string, string> = fixtureVars): SessionState {
	return initSession({ lab: fixtureLab, vars, now: NOW, canStopRegistry: true });
}

/** A resumed lab with `selected` chosen, its opening round taken by the checks (as the app does). */
function resumed(selected: string, change: Partial<ProgressState> = {}): SessionState {
	const state = initSession({
		lab: fixtureLab,
		vars: fixtureVars,
		saved: savedProgress({ selected, ...change }),
		now: NOW,
		canStopRegistry: true,
	});
	return state.round ? reduceSession(state, { type: 'round-started', roundId: state.round.id }) : state;
}

const key = (input: string, special: Partial<KeyPress> = {}): KeyAction => ({ type: 'key', key: { ...plainKey, input, ...special } });
const enter = key('\r', { return: true });
const down = key('', { downArrow: true });
const tab = key('\t', { tab: true });
const type = (text: string): Action => ({ type: 'type-answer', text });

/** The checks a round asks for, started and finished with `check` for `stepId` (the others fail quietly). */
function checkRound(state: SessionState, stepId: string, check: StepCheck, checkId: number): Action[] {
	const round = state.round;
	return [
		...(round ? [{ type: 'round-started', roundId: round.id } as const] : []),
		{ type: 'check-started', stepId, checkId },
		{ type: 'check-finished', stepId, checkId, check, at: NOW + 1000 },
	];
}

function judged(judgingId: number, verdict: Verdict): Action {
	return { type: 'answer-judged', judgingId, verdict, at: NOW + 2000 };
}

function show(announcement: Announcement): string {
	return 'markdown' in announcement ? `md: ${announcement.markdown}` : announcement.text;
}

/**
 * Renders the session as the app would: each group of actions is one render, announced against the
 * render before. A function in place of a group builds it from the state at that moment.
 */
function said(
	start: SessionState,
	renders: Array<Action[] | ((state: SessionState) => Action[])>,
	opening = false,
	labContext: typeof context = context,
): string[] {
	const lines: string[] = [];
	let memo: AnnouncerMemo = {};
	if (opening) lines.push(...announce(undefined, start, labContext, memo).announcements.map(show));
	let previous = start;
	for (const render of renders) {
		const actions = typeof render === 'function' ? render(previous) : render;
		const next = actions.reduce(reduceSession, previous);
		const result = announce(previous, next, labContext, memo);
		memo = result.memo;
		lines.push(...result.announcements.map(show));
		previous = next;
	}
	return lines;
}

const keys = (line: string): string => `Keys: ${line}`;
const buildPrompt =
	'md: Build the curl image and tag it for your account:\n\n```bash\ndocker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl\n```\n\nThe build runs in **/home/learner/registry-lab**.';

describe('announce: what the linear mode says', () => {
	const cases: Array<{ name: string; start: SessionState; renders: Parameters<typeof said>[1]; opening?: boolean; expected: string[] }> = [
		{
			name: 'a first run opens with the lab, its progress, the introduction, where to work and how to start',
			start: firstRun(),
			renders: [],
			opening: true,
			expected: [
				'Accessing images on registries: 0 of 5 steps done.',
				'md: In this lab you push images to registries and run your own.',
				'Your workspace (run the lab’s commands from here):\n  cd /home/learner/registry-lab',
				'Press Enter to start.',
				'Keys: Enter start  ? help  q quit',
			],
		},
		{
			name: 'a lab that needs the Docker ID opens by saying it needs a value (the form asks the question)',
			start: firstRun({ registryPort: '5000' }),
			renders: [],
			opening: true,
			expected: [
				'Accessing images on registries: 0 of 5 steps done.',
				'Before you start, the lab needs a value from you.',
				keys(keysHint.variables),
			],
		},
		{
			name: 'Enter on the welcome screen says the first step: number, title and prompt, then its keys',
			start: firstRun(),
			renders: [[enter]],
			expected: [
				'Step 1 of 5: Set your Docker ID',
				'md: Store your Docker ID in a variable:\n\n```bash\nexport DOCKER_ID=learner1\n```',
				keys(keysHint.keys(true)),
			],
		},
		{
			name: 'the selected step ticking says which step is done, then the step the cursor moved on to',
			start: resumed('set-docker-id'),
			renders: [(state) => checkRound(state, 'set-docker-id', passedCheck, 1)],
			expected: ['✔ Step 1 of 5 done: Set your Docker ID', 'Step 2 of 5: Build an image named for your Docker ID', buildPrompt],
		},
		{
			name: 'a check that fails on its own (a change on the machine) says nothing',
			start: resumed('build-curl'),
			renders: [
				[{ type: 'changed', reason: 'images' }],
				(state) => checkRound(state, 'build-curl', failedCheck('There is no image yet.'), 1),
			],
			expected: [],
		},
		{
			name: 'a check the learner asked for (c) says its failure sentence once it ends',
			start: resumed('build-curl'),
			renders: [
				[key('c')],
				(state) => [
					{ type: 'round-started', roundId: state.round!.id },
					{ type: 'check-started', stepId: 'build-curl', checkId: 7 },
				],
				[
					{
						type: 'check-finished',
						stepId: 'build-curl',
						checkId: 7,
						check: failedCheck('There is no image learner1/curl:21.06 yet.'),
						at: NOW,
					},
				],
			],
			expected: ['Not done yet: There is no image learner1/curl:21.06 yet.'],
		},
		{
			name: 'an asked check canceled and started again says only the result of the one that ended',
			start: resumed('build-curl'),
			renders: [
				[key('c')],
				(state) => [
					{ type: 'round-started', roundId: state.round!.id },
					{ type: 'check-started', stepId: 'build-curl', checkId: 7 },
				],
				[{ type: 'check-finished', stepId: 'build-curl', checkId: 7, check: { status: 'canceled', results: [] }, at: NOW }],
				[{ type: 'check-started', stepId: 'build-curl', checkId: 8 }],
				[{ type: 'check-finished', stepId: 'build-curl', checkId: 8, check: failedCheck('Still no image.'), at: NOW }],
			],
			expected: ['Not done yet: Still no image.'],
		},
		{
			name: 'each hint is said as it is revealed, with its number',
			start: resumed('build-curl'),
			renders: [[key('h')], [key('h')]],
			expected: ['Hint 1 of 3:', 'md: Use docker build with -t.', 'Hint 2 of 3:', 'md: The tag is learner1/curl:21.06.'],
		},
		{
			name: 'the solution is asked about, then said once confirmed',
			start: resumed('build-curl'),
			renders: [[key('s')], [key('y')]],
			expected: [
				'Show the solution? The next hint may be all you need. (y/n)',
				keys(keysHint.confirm),
				'Solution:\n  docker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl',
				keys(keysHint.keys(true)),
			],
		},
		{
			name: 'a wrong answer says the verdict and the feedback; a right one the verdict, then the step done',
			start: resumed('reference-defaults'),
			renders: [
				[type('kiamol/ch05-pi'), enter],
				[judged(1, { correct: false, feedback: 'Add the registry (`docker.io`) and the tag.' })],
				[key('u', { ctrl: true }), type('docker.io/kiamol/ch05-pi:latest'), enter],
				[
					judged(1, {
						correct: true,
						feedback: 'Docker adds the registry docker.io and the tag latest.',
						normalized: 'docker.io/kiamol/ch05-pi:latest',
					}),
				],
			],
			expected: [
				'✗ Not quite.',
				'md: Add the registry (`docker.io`) and the tag.',
				'✔ Right! docker.io/kiamol/ch05-pi:latest',
				'md: Docker adds the registry docker.io and the tag latest.',
				'✔ Step 4 of 5 done: Image reference defaults',
				keys(keysHint.answered),
			],
		},
		{
			name: 'moving to a question says its title, prompt and question, and that letters now type the answer',
			start: resumed('run-registry'),
			renders: [[down]],
			expected: [
				'Step 4 of 5: Image reference defaults',
				'md: Docker fills in defaults for parts of a reference you leave out.',
				'md: What is the full reference for the image kiamol/ch05-pi?',
				keys(keysHint.answer),
			],
		},
		{
			name: 'two moves folded into one render say only the step the cursor stopped on',
			start: resumed('set-docker-id', { done: ['set-docker-id'] }),
			renders: [[down, down]],
			expected: [
				'Step 3 of 5: Run a local registry',
				'md: Start a registry container on port 5000:\n\n```bash\ndocker run -d -p 5000:5000 --name registry registry:2\n```',
			],
		},
		{
			name: 'Tab on a question gives the keys back, and says so',
			start: resumed('reference-defaults'),
			renders: [[tab], [key('h')]],
			expected: [keys(keysHint.questionKeys(true)), 'Hint 1 of 1:', 'md: The default registry is docker.io and the default tag is latest.'],
		},
		{
			name: 'a notice is said once, and again when it comes back',
			start: resumed('set-docker-id'),
			renders: [[key('w')], [key('w')]],
			expected: [
				'Auto-check is off: press c to check.',
				keys(keysHint.keys(false)),
				'Auto-check is on: steps are checked as you work.',
				keys(keysHint.keys(true)),
			],
		},
		{
			name: 'quitting says the progress is being saved, and nothing after it',
			start: resumed('build-curl'),
			renders: [[key('q')], (state) => checkRound(state, 'build-curl', passedCheck, 3)],
			expected: ['Saving your progress…'],
		},
		{
			name: 'the doctor is said when it answers, and Docker going down and coming back',
			start: resumed('build-curl'),
			renders: [
				[{ type: 'doctor', items: [{ title: 'Docker engine', status: 'ok', message: 'The engine answers.' }] }],
				[{ type: 'environment', status: { docker: 'up', registry: { up: false, port: '5000', startedByLab: false } } }],
				[{ type: 'environment', status: { docker: 'down', registry: { up: false, port: '5000', startedByLab: false } } }],
				[{ type: 'environment', status: { docker: 'up', registry: { up: false, port: '5000', startedByLab: false } } }],
			],
			expected: [
				'Your machine is ready.\n✔ Docker engine',
				'Docker is not running: steps cannot tick until it is started.',
				'Docker is running again.',
			],
		},
	];

	it.each(cases)('$name', ({ start, renders, opening, expected }) => {
		expect(said(start, renders, opening)).toEqual(expected);
	});
	it('says the Podman way after the solution when the step has one', () => {
		const lab = {
			...fixtureLab,
			steps: fixtureLab.steps.map((step) =>
				step.id === 'build-curl' ? { ...step, podman: { solution: ['podman build -t {{dockerId}}/curl:21.06 images/curl'] } } : step,
			),
		};
		const lines = said(resumed('build-curl'), [[key('s')], [key('y')]], false, { ...context, lab });
		expect(lines).toContain(
			'Solution:\n  docker build -t learner1/curl:21.06 -f images/curl/Dockerfile.v2 images/curl\nOn Podman:\n  podman build -t learner1/curl:21.06 images/curl',
		);
	});
});

describe('announceVariables: the questions of the first screen', () => {
	const variables = [
		{ name: 'dockerId', ask: 'Your Docker Hub ID', describe: 'Your username, not your email.' },
		{ name: 'hub', ask: 'The registry that plays Docker Hub' },
	];
	const form = (change: Partial<VariablesFormView>): VariablesFormView => ({
		variables,
		index: 0,
		value: '',
		isComplete: false,
		...change,
	});

	it.each<[string, VariablesFormView | undefined, VariablesFormView, string[]]>([
		[
			'the first question, with its description and how many there are',
			undefined,
			form({}),
			['Your Docker Hub ID\nYour username, not your email.\n(1 of 2)'],
		],
		['typing says nothing', form({ value: 'lea' }), form({ value: 'lear' }), []],
		[
			'a refused value says why',
			form({ value: 'a b' }),
			form({ value: 'a b', error: '"a b" is not valid: no spaces.' }),
			['"a b" is not valid: no spaces.'],
		],
		['the same refusal again is not said twice', form({ error: 'No.' }), form({ error: 'No.' }), []],
		[
			'the next question once one is taken',
			form({ value: 'learner1' }),
			form({ index: 1 }),
			['The registry that plays Docker Hub\n(2 of 2)'],
		],
		['nothing once the form is complete', form({ index: 1 }), form({ index: 2, isComplete: true }), []],
	])('%s', (_name, previous, next, expected) => {
		expect(announceVariables(previous, next).map(show)).toEqual(expected);
	});
});

describe('liveLine: the one line that changes in place', () => {
	it.each<[string, SessionState, VariablesFormView | undefined, string | undefined]>([
		[
			'the value typed for a variable',
			firstRun({ registryPort: '5000' }),
			{ variables: [], index: 0, value: 'learn', isComplete: false },
			'> learn',
		],
		['nothing on a step that is not a question', resumed('build-curl'), undefined, undefined],
		[
			'the answer being typed, the terminal cursor at its end',
			[type('docker.io/kia')].reduce(reduceSession, resumed('reference-defaults')),
			undefined,
			'Your answer: docker.io/kia',
		],
		[
			'a mark where the cursor stands inside the answer',
			[type('docker.io'), key('', { leftArrow: true })].reduce(reduceSession, resumed('reference-defaults')),
			undefined,
			'Your answer: docker.i▌o',
		],
		['nothing once the keys are handed back (Tab)', [tab].reduce(reduceSession, resumed('reference-defaults')), undefined, undefined],
		['nothing while quitting', [key('c', { ctrl: true })].reduce(reduceSession, resumed('reference-defaults')), undefined, undefined],
	])('%s', (_name, state, form, expected) => {
		expect(liveLine(state, form)).toBe(expected);
	});
});

describe('fitLiveLine: the live line stays one row, so it is redrawn without moving up', () => {
	it.each<[string, string, number, string]>([
		['a line that fits is kept', 'Your answer: docker.io', 40, 'Your answer: docker.io'],
		['a longer one keeps its end, where the typing is, after …', 'Your answer: docker.io/kiamol/ch05-pi:latest', 20, '…mol/ch05-pi:latest'],
		['the last column stays free for the cursor', 'x'.repeat(20), 20, `…${'x'.repeat(18)}`],
	])('%s', (_name, line, columns, expected) => {
		const fitted = fitLiveLine(line, columns);
		expect(fitted).toBe(expected);
		expect([...fitted].length).toBeLessThan(columns);
	});
});

describe('announceClassroom: what the linear mode says about publishing to the class', () => {
	const failed = (reason: string) => ({ kind: 'failed' as const, reason });
	it.each<[string, Parameters<typeof announceClassroom>[0], Parameters<typeof announceClassroom>[1], string[]]>([
		['a publish that works is not news', { kind: 'publishing' }, { kind: 'published' }, []],
		[
			'a failure is said, with why',
			{ kind: 'publishing' },
			failed('401 Unauthorized'),
			['Class registry: progress not sent (401 Unauthorized). The lab carries on; the next change tries again.'],
		],
		['the same failure again is said once', failed('401 Unauthorized'), failed('401 Unauthorized'), []],
		[
			'the first publish after a failure is said',
			failed('401 Unauthorized'),
			{ kind: 'published' },
			['Class registry: progress sent again.'],
		],
		['without a classroom, nothing', undefined, { kind: 'off' }, []],
	])('%s', (_case, previous, next, expected) => {
		expect(announceClassroom(previous, next).map(show)).toEqual(expected);
	});
});
