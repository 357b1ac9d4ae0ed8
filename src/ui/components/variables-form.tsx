// Asks for the variables the lab needs and nobody gave yet (the Docker ID), one at a time, checking
// each against its pattern and saying what a valid value looks like.
import { Box, Text } from 'ink';
import type { AskedVariable } from '../../session/ask-variables.js';
import { text } from '../messages.js';
import { wrapText } from '../text-layout.js';
import { useVariablesForm } from './use-variables-form.js';

export interface VariablesFormProps {
	variables: AskedVariable[];
	onSubmit: (values: Record<string, string>) => void;
	isActive: boolean;
	width: number;
}

export function VariablesForm({ variables, onSubmit, isActive, width }: VariablesFormProps) {
	const state = useVariablesForm(variables, onSubmit, isActive);
	const variable = variables[Math.min(state.index, variables.length - 1)];
	if (!variable) return null;
	return (
		<Box flexDirection="column" width={width}>
			<Text>{text.variablesIntro}</Text>
			<Box flexDirection="column" marginTop={1}>
				{wrapText(variable.ask, width).map((line, index) => (
					<Text key={index} bold>
						{line}
					</Text>
				))}
				{variable.describe
					? wrapText(variable.describe, width).map((line, index) => (
							<Text key={`d${index}`} dimColor>
								{line}
							</Text>
						))
					: null}
			</Box>
			<Text color="cyan" wrap="truncate-start">
				{'> '}
				{state.value}▌
			</Text>
			{state.error
				? wrapText(state.error, width).map((line, index) => (
						<Text key={`e${index}`} color="red">
							{line}
						</Text>
					))
				: null}
			{variables.length > 1 ? (
				<Text dimColor>
					{Math.min(state.index + 1, variables.length)} of {variables.length}
				</Text>
			) : null}
		</Box>
	);
}
