// The end of the lab: how long it took, how much help was used, and what to try next.
import { Box, Text } from 'ink';
import { formatDuration, text } from '../messages.js';
import type { Line } from '../step-pane.js';
import { Lines } from './lines.js';

export interface SummaryProps {
	title: string;
	durationMs: number;
	hintsUsed: number;
	solutionsViewed: number;
	next: Line[];
	width: number;
}

export function Summary({ title, durationMs, hintsUsed, solutionsViewed, next, width }: SummaryProps) {
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color="green">
				{text.summaryTitle}
			</Text>
			<Text wrap="truncate-end">{title}</Text>
			<Box flexDirection="column" marginTop={1}>
				<Text>Time taken: {formatDuration(durationMs)}</Text>
				<Text>Hints used: {hintsUsed}</Text>
				<Text>Solutions viewed: {solutionsViewed}</Text>
			</Box>
			{next.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text bold>{text.tryNext}</Text>
					<Lines lines={next} />
				</Box>
			) : null}
		</Box>
	);
}
