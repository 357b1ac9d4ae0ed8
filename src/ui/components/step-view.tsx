// The current step: its title, then the pane prepared by step-pane (document window and pinned block).
import { Box, Text } from 'ink';
import type { Line } from '../step-pane.js';
import { Lines } from './lines.js';

export interface StepViewProps {
	number: number;
	total: number;
	title: string;
	lines: Line[];
	width: number;
}

/** Rows the title takes above the pane. */
export const STEP_TITLE_ROWS = 2;

export function StepView({ number, total, title, lines, width }: StepViewProps) {
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate-end">
				Step {number} of {total} · {title}
			</Text>
			<Text> </Text>
			<Lines lines={lines} />
		</Box>
	);
}
