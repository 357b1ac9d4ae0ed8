// `?`: every key, and the two things worth knowing about how the lab behaves.
import { Box, Text } from 'ink';
import { helpLines, helpNotes } from '../messages.js';
import { wrapText } from '../text-layout.js';

export function HelpOverlay({ width }: { width: number }) {
	const keyWidth = Math.max(...helpLines.map(([keys]) => keys.length)) + 2;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>Keys</Text>
			{helpLines.map(([keys, meaning]) => (
				<Text key={keys} wrap="truncate-end">
					<Text color="cyan">{keys.padEnd(keyWidth)}</Text>
					{meaning}
				</Text>
			))}
			{helpNotes.map((note) => (
				<Box key={note} flexDirection="column" marginTop={1}>
					{wrapText(note, width).map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
