// Asked on quit when the lab started the registry container: stop it, or leave it for next time.
import { Box, Text } from 'ink';
import { text } from '../messages.js';
import { wrapText } from '../text-layout.js';

export function ConfirmQuit({ width }: { width: number }) {
	return (
		<Box flexDirection="column" width={width}>
			{wrapText(text.confirmQuit, width).map((line, index) => (
				<Text key={index} bold color="magenta">
					{line}
				</Text>
			))}
			<Text color="magenta">(y/n)</Text>
		</Box>
	);
}
