// The variables form's keys (only while it is shown) and handing the values over once all are valid.
import { useInput } from 'ink';
import { useEffect } from 'react';
import type { AskedVariable } from '../../session/ask-variables.js';
import { useVariablesFormState } from './use-variables-form-state.js';

const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

export function useVariablesForm(variables: AskedVariable[], onSubmit: (values: Record<string, string>) => void, isActive: boolean) {
	const [state, dispatch] = useVariablesFormState(variables);
	useInput(
		(input, key) => {
			if (key.return) dispatch({ type: 'submit' });
			else if (key.backspace || key.delete) dispatch({ type: 'erase' });
			else if (!key.ctrl && !key.meta) {
				const text = input.replace(controlCharacters, '');
				if (text !== '') dispatch({ type: 'insert', text });
			}
		},
		{ isActive: isActive && !state.isComplete },
	);
	const { isComplete, values } = state;
	useEffect(() => {
		if (isComplete) onSubmit(values);
	}, [isComplete, values, onSubmit]);
	return state;
}
