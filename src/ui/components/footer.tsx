// The two bottom lines: a status or notice for the learner, then the keys that work right now.
import { Box, Text } from 'ink';
import type { Notice } from '../../session/session-reducer.js';

export interface FooterProps {
	status?: string;
	notice?: Notice;
	keys: string;
	/**
	 * Letters type into the answer field: the keys line stands out (not dim), because keys that mean
	 * something elsewhere (j, k, q, h) go into the answer here.
	 */
	isTyping?: boolean;
}

export function Footer({ status, notice, keys, isTyping = false }: FooterProps) {
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
			<Text wrap="truncate-end" dimColor={!isTyping} color={isTyping ? 'cyan' : undefined}>
				{keys}
			</Text>
		</Box>
	);
}
