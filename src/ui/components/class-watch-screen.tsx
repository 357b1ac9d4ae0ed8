// The instructor's live table: a header (the class, how it is sorted, when it was read, or why the
// last read failed), the learners, and the keys. Draws what it is given; the hook reads the registry.
import { Box, Text } from 'ink';
import type { ClassRow, RowOrder } from '../../classroom/progress-document.js';
import { formatDuration } from '../../report/class-report.js';
import { classTableLines, orderNames } from '../class-table.js';

export interface ClassWatchScreenProps {
	/** What is watched, e.g. "registries at class.example:5000". */
	title: string;
	/** Sorted already; undefined until the first read worked. */
	rows?: readonly ClassRow[];
	order: RowOrder;
	readAt?: number;
	error?: string;
	now: number;
	width: number;
	height: number;
}

export const classWatchKeys = 'n by name · p by progress · s stuck first · tab next order · q quit';

function ReadStatus({ readAt, error, now }: Pick<ClassWatchScreenProps, 'readAt' | 'error' | 'now'>) {
	if (error)
		return (
			<Text color="red" wrap="truncate-end">
				Could not read the class: {error}
				{readAt === undefined ? '' : ` (showing what was read ${formatDuration(now - readAt)} ago)`}
			</Text>
		);
	if (readAt === undefined) return <Text dimColor>Reading the class…</Text>;
	return <Text dimColor>read {formatDuration(now - readAt)} ago</Text>;
}

export function ClassWatchScreen({ title, rows, order, readAt, error, now, width, height }: ClassWatchScreenProps) {
	const lines = rows ? classTableLines(rows, width, now) : [];
	// Header (2 lines) and keys (1) stay; the learners get the rest.
	const room = Math.max(1, height - 4);
	const shown = lines.slice(0, room + 1);
	const hidden = lines.length - shown.length;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box justifyContent="space-between">
				<Text bold wrap="truncate-end">
					Class: {title}
				</Text>
				<Text>
					{rows ? `${rows.length} learner${rows.length === 1 ? '' : 's'}` : ''} · {orderNames[order]}
				</Text>
			</Box>
			<ReadStatus readAt={readAt} error={error} now={now} />
			<Box flexDirection="column" flexGrow={1}>
				{rows && rows.length === 0 ? <Text>Nobody has published yet. Learners publish with --classroom and --as.</Text> : null}
				{shown.map((line, index) => (
					<Text key={index} bold={index === 0} wrap="truncate-end">
						{line}
					</Text>
				))}
				{hidden > 0 ? <Text dimColor>… and {hidden} more (a taller terminal shows them)</Text> : null}
			</Box>
			<Text dimColor wrap="truncate-end">
				{classWatchKeys}
			</Text>
		</Box>
	);
}
