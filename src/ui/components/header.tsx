// The top line: the lab's title, how far the learner is, and whether Docker and the registry are up.
import { Box, Text } from 'ink';
import type { EnvironmentStatus } from '../../session/lab-port.js';
import type { ClassPublishStatus } from '../hooks/use-class-publisher.js';

export interface HeaderProps {
	title: string;
	done: number;
	total: number;
	environment?: EnvironmentStatus;
	/** Whether the learner's progress reached the classroom registry (opened with --classroom). */
	classroom?: ClassPublishStatus;
}

function DockerStatus({ environment }: { environment?: EnvironmentStatus }) {
	if (!environment || environment.docker === 'unknown') return <Text dimColor>Docker …</Text>;
	return environment.docker === 'up' ? <Text color="green">Docker ● up</Text> : <Text color="red">Docker ○ down</Text>;
}

function RegistryStatus({ environment }: { environment?: EnvironmentStatus }) {
	if (!environment) return <Text dimColor>registry …</Text>;
	const { up, port } = environment.registry;
	return up ? <Text color="green">registry ● :{port}</Text> : <Text color="yellow">registry ○ down</Text>;
}

// A failed publish says why in a few words: the learner carries on, and the next change tries again.
function ClassroomStatus({ classroom }: { classroom?: ClassPublishStatus }) {
	if (!classroom || classroom.kind === 'off') return null;
	if (classroom.kind === 'published') return <Text color="green">class ● sent</Text>;
	if (classroom.kind === 'failed')
		return (
			<Text color="red" wrap="truncate-end">
				class ○ not sent: {classroom.reason}
			</Text>
		);
	return <Text dimColor>class …</Text>;
}

export function Header({ title, done, total, environment, classroom }: HeaderProps) {
	return (
		<Box justifyContent="space-between">
			<Box flexShrink={1} marginRight={1}>
				<Text bold wrap="truncate-end">
					{title}
				</Text>
			</Box>
			{classroom?.kind === 'failed' ? (
				<Box flexShrink={1} marginRight={2}>
					<ClassroomStatus classroom={classroom} />
				</Box>
			) : null}
			<Box flexShrink={0} gap={2}>
				<Text bold color={done === total ? 'green' : undefined}>
					{done}/{total} done
				</Text>
				<DockerStatus environment={environment} />
				<RegistryStatus environment={environment} />
				{classroom?.kind === 'failed' ? null : <ClassroomStatus classroom={classroom} />}
			</Box>
		</Box>
	);
}
