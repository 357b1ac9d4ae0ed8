import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { missingVariables } from '../../src/session/ask-variables.js';
import { stepInfos } from '../../src/session/lab-steps.js';
import { Header } from '../../src/ui/components/header.js';
import { StepList } from '../../src/ui/components/step-list.js';
import { variablesFormReducer, type VariablesFormState } from '../../src/ui/components/use-variables-form-state.js';
import { fixtureLab } from '../session/fixture-lab.js';
import { frame } from './ink-helpers.js';

afterEach(() => {
	cleanup();
});

describe('StepList', () => {
	it('gives every state its own symbol, so it reads without colour, and marks the current step', () => {
		const app = render(
			<StepList
				steps={stepInfos(fixtureLab)}
				statuses={['done', 'failed', 'checking', 'not-yet', 'failed']}
				selected={2}
				width={40}
				height={10}
			/>,
		);
		expect(
			frame(app)
				.split('\n')
				.map((row) => row.replace(/\s*│$/, '')),
		).toEqual([
			'  ✔ Set your Docker ID',
			'  · Build an image named for your Dock…',
			'▶ … Run a local registry',
			'  · Image reference defaults',
			'  · Clean up',
			'',
			'',
			'',
			'',
			'',
		]);
	});

	it('keeps the current step in view when the list is taller than the screen', () => {
		const app = render(<StepList steps={stepInfos(fixtureLab)} statuses={[]} selected={4} width={30} height={3} />);
		const rows = frame(app).split('\n');
		expect(rows).toHaveLength(3);
		expect(rows[2]).toContain('▶ · Clean up');
	});
});

describe('Header', () => {
	it.each([
		[undefined, ['Docker …', 'registry …']],
		[{ docker: 'down', registry: { up: false, port: '5000', startedByLab: false } } as const, ['Docker ○ down', 'registry ○ down']],
		[{ docker: 'up', registry: { up: true, port: '5001', startedByLab: true } } as const, ['Docker ● up', 'registry ● :5001']],
	])('shows Docker and the registry as %j', (environment, expected) => {
		const app = render(<Header title="Accessing images on registries" done={4} total={13} environment={environment} />);
		for (const text of ['Accessing images on registries', '4/13 done', ...expected]) expect(frame(app)).toContain(text);
	});
});

describe('variablesFormReducer', () => {
	const start: VariablesFormState = { variables: missingVariables(fixtureLab, {}), index: 0, value: '', values: {}, isComplete: false };
	const run = (...actions: Parameters<typeof variablesFormReducer>[1][]): VariablesFormState => actions.reduce(variablesFormReducer, start);

	it.each<[string, VariablesFormState, Partial<VariablesFormState>]>([
		[
			'typing collects the value',
			run({ type: 'insert', text: 'learner' }, { type: 'insert', text: '1' }),
			{ value: 'learner1', isComplete: false },
		],
		['backspace erases a character', run({ type: 'insert', text: 'ab' }, { type: 'erase' }), { value: 'a' }],
		['Enter on an empty value asks for one', run({ type: 'submit' }), { error: 'Please type a value, then press Enter.' }],
		[
			'Enter on an email address says what is wrong with it',
			run({ type: 'insert', text: 'me@example.com' }, { type: 'submit' }),
			{ error: '"me@example.com" is not valid: it contains an @, so it looks like an email address.', isComplete: false },
		],
		[
			'Enter on a value with nothing to name falls back to the lab’s help text',
			run({ type: 'insert', text: '_' }, { type: 'submit' }),
			{ error: '"_" is not valid: A Docker ID is lowercase letters and digits, like learner1 (not an email address).', isComplete: false },
		],
		['typing again clears the error', run({ type: 'submit' }, { type: 'insert', text: 'x' }), { error: undefined }],
		[
			'a valid value completes the form',
			run({ type: 'insert', text: ' learner1 ' }, { type: 'submit' }),
			{ values: { dockerId: 'learner1' }, isComplete: true },
		],
	])('%s', (_name, state, expected) => {
		expect(state).toMatchObject(expected);
	});
});
