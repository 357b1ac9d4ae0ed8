// The top line: the lab's title, how far the learner is, and whether Docker and the registry are up.
import { Box, Text } from 'ink';
import type { EnvironmentStatus } from '../../session/lab-port.js';

export interface HeaderProps {
	title: string;
	done: number;
	total: number;
	environment?: EnvironmentStatus;
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

export function Header({ title, done, total, environment }: HeaderProps) {
	return (
		<Box justifyContent="space-between">
			<Box flexShrink={1} marginRight={1}>
				<Text bold wrap="truncate-end">
					{title}
				</Text>
			</Box>
			<Box flexShrink={0} gap={2}>
				<Text bold color={done === total ? 'green' : undefined}>
					{done}/{total} done
				</Text>
				<DockerStatus environment={environment} />
				<RegistryStatus environment={environment} />
			</Box>
		</Box>
	);
}
