// The first screen of a first run: what the lab is about, where to run its commands, and whether the
// machine is ready (the doctor), before the first step.
import { Box, Text } from 'ink';
import type { DoctorItem } from '../../session/runtime.js';
import type { Notice } from '../../session/session-reducer.js';
import { text } from '../messages.js';
import type { Line } from '../step-pane.js';
import { wrapText } from '../text-layout.js';
import { DoctorList } from './doctor-list.js';
import { Lines } from './lines.js';

export interface WelcomeProps {
	intro: Line[];
	workspace: string;
	doctor: DoctorItem[] | undefined;
	notice?: Notice;
	width: number;
}

export function Welcome({ intro, workspace, doctor, notice, width }: WelcomeProps) {
	return (
		<Box flexDirection="column" width={width}>
			{notice ? (
				<Box flexDirection="column" marginBottom={1}>
					{wrapText(notice.text, width).map((line, index) => (
						<Text key={index} color="yellow">
							{line}
						</Text>
					))}
				</Box>
			) : null}
			{intro.length > 0 ? (
				<Box marginBottom={1}>
					<Lines lines={intro} />
				</Box>
			) : null}
			<Text>{text.workspace}</Text>
			<Text color="cyan" wrap="truncate-start">{`  cd ${workspace}`}</Text>
			<Box marginTop={1}>
				<DoctorList items={doctor} width={width} />
			</Box>
			<Box marginTop={1}>
				<Text bold>{text.welcomeStart}</Text>
			</Box>
		</Box>
	);
}
