// The variables form's state: which asked variable is being typed, its text, and the error when the
// last Enter was refused. A reducer, so the form's keys see the state the previous key left.
import { useReducer } from 'react';
import { variableError, type AskedVariable } from '../../session/ask-variables.js';

export interface VariablesFormState {
	variables: AskedVariable[];
	index: number;
	value: string;
	error?: string;
	values: Record<string, string>;
	isComplete: boolean;
}

export type VariablesFormAction = { type: 'insert'; text: string } | { type: 'erase' } | { type: 'submit' };

export function variablesFormReducer(state: VariablesFormState, action: VariablesFormAction): VariablesFormState {
	if (state.isComplete) return state;
	switch (action.type) {
		case 'insert':
			return { ...state, value: state.value + action.text, error: undefined };
		case 'erase':
			return { ...state, value: [...state.value].slice(0, -1).join(''), error: undefined };
		case 'submit': {
			const variable = state.variables[state.index];
			if (!variable) return { ...state, isComplete: true };
			const error = variableError(variable, state.value);
			if (error) return { ...state, error };
			const values = { ...state.values, [variable.name]: state.value.trim() };
			const index = state.index + 1;
			return { ...state, values, index, value: '', isComplete: index >= state.variables.length };
		}
	}
}

export function useVariablesFormState(variables: AskedVariable[]) {
	return useReducer(variablesFormReducer, { variables, index: 0, value: '', values: {}, isComplete: variables.length === 0 });
}
