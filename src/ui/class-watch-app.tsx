// The root of `registry-lab class watch`: the poll (a hook), the order the instructor chose, and the
// keys. q quits; the one exit() is here.
import { useApp, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { sortRows, type ClassRow, type RowOrder } from '../classroom/progress-document.js';
import { nextOrder } from './class-table.js';
import { ClassWatchScreen } from './components/class-watch-screen.js';
import { useClassPoll } from './hooks/use-class-poll.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';

export interface ClassWatchAppProps {
	title: string;
	/** Reads every learner's rows from the registry. */
	read: (signal: AbortSignal) => Promise<readonly ClassRow[]>;
	refreshMs?: number;
	now?: () => number;
}

const orderKeys: Record<string, RowOrder> = { n: 'name', p: 'progress', s: 'stuck' };

export function ClassWatchApp({ title, read, refreshMs, now = Date.now }: ClassWatchAppProps) {
	const { exit } = useApp();
	const size = useTerminalSize();
	const poll = useClassPoll({ read, refreshMs, now });
	const [order, setOrder] = useState<RowOrder>('stuck');
	const rows = useMemo(() => (poll.rows ? sortRows(poll.rows, order) : undefined), [poll.rows, order]);
	useInput((input, key) => {
		if (input === 'q' || key.escape) exit();
		else if (key.tab) setOrder(nextOrder);
		else if (orderKeys[input]) setOrder(orderKeys[input]);
	});
	return (
		<ClassWatchScreen
			title={title}
			rows={rows}
			order={order}
			readAt={poll.readAt}
			error={poll.error}
			now={now()}
			width={size.columns}
			height={size.rows}
		/>
	);
}
