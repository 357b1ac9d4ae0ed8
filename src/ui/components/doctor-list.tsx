// The doctor's findings: a tick for what is fine, and for each problem what is wrong and the fix.
import { Box, Text } from 'ink';
import type { DoctorItem } from '../../session/runtime.js';
import { text } from '../messages.js';
import { wrapText } from '../text-layout.js';

export function DoctorList({ items, width }: { items: DoctorItem[] | undefined; width: number }) {
	if (items === undefined) return <Text dimColor>{text.doctorChecking}</Text>;
	const problems = items.filter((item) => !item.ok);
	return (
		<Box flexDirection="column">
			<Text bold color={problems.length === 0 ? 'green' : 'yellow'}>
				{problems.length === 0 ? text.doctorOk : text.doctorProblems}
			</Text>
			{items.map((item) =>
				item.ok ? (
					<Text key={item.name} color="green" wrap="truncate-end">
						✔ {item.name}
					</Text>
				) : (
					<Box key={item.name} flexDirection="column">
						<Text color="red" wrap="truncate-end">
							✖ {item.name}
						</Text>
						{item.problem
							? wrapText(item.problem, width - 2).map((line, index) => <Text key={`p${index}`}>{`  ${line}`}</Text>)
							: null}
						{item.fix
							? wrapText(`Fix: ${item.fix}`, width - 2).map((line, index) => (
									<Text key={`f${index}`} color="cyan">{`  ${line}`}</Text>
								))
							: null}
					</Box>
				),
			)}
		</Box>
	);
}
