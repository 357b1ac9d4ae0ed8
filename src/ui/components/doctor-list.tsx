// The doctor's findings: a tick for what is fine, and for each problem what is wrong and the fix.
import { Box, Text } from 'ink';
import type { DoctorItem } from '../../session/runtime.js';
import { text } from '../messages.js';
import { wrapText } from '../text-layout.js';

const looks = {
	ok: { symbol: '✔', color: 'green' },
	warn: { symbol: '!', color: 'yellow' },
	fail: { symbol: '✖', color: 'red' },
} as const;

export function DoctorList({ items, width }: { items: DoctorItem[] | undefined; width: number }) {
	if (items === undefined) return <Text dimColor>{text.doctorChecking}</Text>;
	const hasProblems = items.some((item) => item.status !== 'ok');
	return (
		<Box flexDirection="column">
			<Text bold color={hasProblems ? 'yellow' : 'green'}>
				{hasProblems ? text.doctorProblems : text.doctorOk}
			</Text>
			{items.map((item, index) => {
				const { symbol, color } = looks[item.status];
				return (
					<Box key={`${item.title}-${index}`} flexDirection="column">
						<Text color={color} wrap="truncate-end">
							{symbol} {item.title}
						</Text>
						{item.status === 'ok'
							? null
							: wrapText(item.message, width - 2).map((line, row) => <Text key={`m${row}`}>{`  ${line}`}</Text>)}
						{item.status !== 'ok' && item.fix
							? wrapText(`Fix: ${item.fix}`, width - 2).map((line, row) => (
									<Text key={`f${row}`} color="cyan">{`  ${line}`}</Text>
								))
							: null}
					</Box>
				);
			})}
		</Box>
	);
}
