// The variables form's keys (only while it is shown) and handing the values over once all are valid.
import { useInput } from 'ink';
import { useEffect, useRef } from 'react';
import type { AskedVariable } from '../../session/ask-variables.js';
import { splitKeys } from '../../session/key-bindings.js';
import { useVariablesFormState } from './use-variables-form-state.js';

const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

export function useVariablesForm(variables: AskedVariable[], onSubmit: (values: Record<string, string>) => void, isActive: boolean) {
	const [state, dispatch] = useVariablesFormState(variables);
	// Ink stops listening only once the effects after a render have run; a key arriving in between (the
	// terminal just became too small, so the form is hidden) must not type unseen. The render decides.
	const isListening = useRef(isActive);
	isListening.current = isActive;
	useInput(
		(input, key) => {
			if (!isListening.current) return;
			// Keys can arrive as one chunk (a paste, `tmux send-keys`): take them one at a time.
			for (const press of splitKeys({ ...key, input }, true)) {
				if (press.return) dispatch({ type: 'submit' });
				else if (press.backspace || press.delete) dispatch({ type: 'erase' });
				else if (!press.ctrl && !press.meta) {
					const text = press.input.replace(controlCharacters, '');
					if (text !== '') dispatch({ type: 'insert', text });
				}
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
