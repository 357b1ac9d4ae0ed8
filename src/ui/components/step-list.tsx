// The steps, each with a symbol for its state (so it reads without colour) and ▶ at the current one.
import { Box, Text } from 'ink';
import type { StepInfo } from '../../session/lab-steps.js';
import type { DisplayStatus } from '../../session/session-reducer.js';
import { listWindow } from '../layout.js';
import { statusColor, statusSymbol } from '../messages.js';
import { truncate } from '../text-layout.js';

export interface StepListProps {
	steps: StepInfo[];
	statuses: DisplayStatus[];
	selected: number;
	width: number;
	height: number;
}

export function StepList({ steps, statuses, selected, width, height }: StepListProps) {
	const { start, end } = listWindow(steps.length, selected, height);
	const titleWidth = Math.max(width - 5, 4);
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle="single"
			borderTop={false}
			borderBottom={false}
			borderLeft={false}
			borderDimColor
		>
			{steps.slice(start, end).map((step, offset) => {
				const index = start + offset;
				const status = statuses[index] ?? 'not-yet';
				const isSelected = index === selected;
				return (
					<Text key={step.id} wrap="truncate-end">
						<Text color="cyan">{isSelected ? '▶' : ' '}</Text> <Text color={statusColor[status]}>{statusSymbol[status]}</Text>{' '}
						<Text bold={isSelected} inverse={isSelected}>
							{truncate(step.title, titleWidth)}
						</Text>
					</Text>
				);
			})}
		</Box>
	);
}
