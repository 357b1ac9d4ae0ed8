// Draws prepared lines, one row each. Every line already fits its width (see text-layout), so
// truncation here only guards against a miscount.
import { Box, Text } from 'ink';
import type { Line } from '../step-pane.js';

export function Lines({ lines }: { lines: Line[] }) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate-end" color={line.color} dimColor={line.isDim} bold={line.isBold}>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
}
