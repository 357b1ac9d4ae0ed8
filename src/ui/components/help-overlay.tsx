// `?`: every key, and the things worth knowing about how the lab behaves.
import { Box, Text } from 'ink';
import { helpLinesFor, helpNotes } from '../messages.js';
import { wrapText } from '../text-layout.js';

export interface HelpOverlayProps {
	width: number;
	/** Rows it may take. The keys always show; notes that no longer fit are left out, last first, rather than cut. */
	height?: number;
	/** `registry-lab dev`: list the proof key too. */
	isDev?: boolean;
}

/** The notes that fit under the keys, each wrapped, in order. Pure. */
export function notesThatFit(width: number, height = Number.POSITIVE_INFINITY, keyCount = helpLinesFor(false).length): string[][] {
	let room = height - 1 - keyCount;
	const shown: string[][] = [];
	for (const note of helpNotes) {
		const lines = wrapText(note, width);
		// Each note sits under a blank row.
		if (lines.length + 1 > room) break;
		shown.push(lines);
		room -= lines.length + 1;
	}
	return shown;
}

export function HelpOverlay({ width, height, isDev = false }: HelpOverlayProps) {
	const helpLines = helpLinesFor(isDev);
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
			{notesThatFit(width, height, helpLines.length).map((lines, note) => (
				<Box key={note} flexDirection="column" marginTop={1}>
					{lines.map((line, index) => (
						<Text key={index}>{line}</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
