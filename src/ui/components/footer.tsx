// The two bottom lines: a status or notice for the learner, then the keys that work right now.
import { Box, Text } from 'ink';
import type { Notice } from '../../session/session-reducer.js';

export interface FooterProps {
	status?: string;
	notice?: Notice;
	keys: string;
}

export function Footer({ status, notice, keys }: FooterProps) {
	return (
		<Box flexDirection="column">
			{notice ? (
				<Text wrap="truncate-end" color={notice.tone === 'warning' ? 'yellow' : 'cyan'}>
					{notice.text}
				</Text>
			) : (
				<Text wrap="truncate-end" dimColor>
					{status ?? ' '}
				</Text>
			)}
			<Text wrap="truncate-end" dimColor>
				{keys}
			</Text>
		</Box>
	);
}
