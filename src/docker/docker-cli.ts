// The one door to the docker CLI: every docker call in src/docker goes through `docker()`, which runs
// the real `docker` binary through src/process (the only module that spawns processes), with a timeout
// so a hung daemon never hangs the lab.
import { runArgv } from '../process/run-command.js';

/** Default timeout for quick docker calls (inspect, ps, rm). */
export const DOCKER_TIMEOUT_MS = 30_000;
/** How long `docker version` may take before we call the daemon unreachable. */
export const DAEMON_TIMEOUT_MS = 5_000;
/** Pulling an image over a slow line can take a while. */
export const PULL_TIMEOUT_MS = 600_000;

export type RunResult = Awaited<ReturnType<typeof runArgv>>;

export interface DockerOptions {
	signal?: AbortSignal;
	timeoutMs?: number;
	/** Environment for the docker process (e.g. a PATH without docker, or DOCKER_HOST, in tests): decided at the top, never process.env here. */
	env: Record<string, string | undefined>;
	cwd?: string;
}

/** Runs `docker ...args`. Never throws for a failed command: read `status`, `exitCode` and `stderr`. */
export function docker(args: string[], options: DockerOptions): Promise<RunResult> {
	return runArgv(['docker', ...args], {
		timeoutMs: options.timeoutMs ?? DOCKER_TIMEOUT_MS,
		signal: options.signal,
		env: options.env,
		cwd: options.cwd,
	});
}

/** Parses output that is one JSON document, or `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return undefined;
	}
}

/** Parses `--format '{{json .}}'` output: one JSON object per line; lines that are not JSON are skipped. */
export function parseJsonLines(text: string): unknown[] {
	const values: unknown[] = [];
	for (const line of text.split('\n')) {
		const value = parseJson(line);
		if (value !== undefined) values.push(value);
	}
	return values;
}

/** True when docker said the object (container, image) does not exist, as opposed to any other failure. */
export function isNoSuchObject(stderr: string): boolean {
	return /no such (object|container|image)|not found|does not exist/i.test(stderr);
}

/** `docker container inspect NAME` → the container, `null` when there is none, or an error message. */
export async function inspectContainer(
	nameOrId: string,
	options: DockerOptions,
): Promise<{ container: ContainerInspect | null; error?: string }> {
	const result = await docker(['container', 'inspect', nameOrId], options);
	if (result.status === 'passed') {
		const parsed = parseJson(result.stdout);
		const first = Array.isArray(parsed) ? (parsed[0] as ContainerInspect | undefined) : undefined;
		return first ? { container: first } : { container: null, error: 'docker container inspect printed no container' };
	}
	if (result.status === 'failed' && isNoSuchObject(result.stderr)) return { container: null };
	return { container: null, error: describeFailure(result) };
}

/** `docker image inspect REF` succeeded: the image (or tag) is on this machine. */
export async function imageExists(ref: string, options: DockerOptions): Promise<{ exists: boolean; error?: string }> {
	const result = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], options);
	if (result.status === 'passed') return { exists: true };
	if (result.status === 'failed' && isNoSuchObject(result.stderr)) return { exists: false };
	return { exists: false, error: describeFailure(result) };
}

/** The parts of `docker container inspect` output the lab reads. */
export interface ContainerInspect {
	Id: string;
	Name: string;
	Created?: string;
	State?: { Status?: string; Running?: boolean; ExitCode?: number; StartedAt?: string };
	Config?: { Image?: string; Labels?: Record<string, string> | null };
	NetworkSettings?: { Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null };
}

/** Host ports a container publishes, as "HOST:CONTAINER" strings (e.g. "5001:5000"), deduplicated. */
export function publishedPorts(container: ContainerInspect): string[] {
	const ports = new Set<string>();
	for (const [containerPort, bindings] of Object.entries(container.NetworkSettings?.Ports ?? {})) {
		for (const binding of bindings ?? []) ports.add(`${binding.HostPort}:${containerPort.replace(/\/tcp$/, '')}`);
	}
	return [...ports];
}

/** A one-line explanation of a failed docker call: its error line, or what went wrong. Pure. */
export function describeFailure(result: Pick<RunResult, 'status' | 'stderr' | 'exitCode' | 'command' | 'message'>): string {
	// The CLI follows its error with "Run 'docker run --help' for more information": not the news.
	const lines = result.stderr
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !/^(run|see) '.*--help'/i.test(line));
	const errorLine = lines.filter((line) => /error|denied|not found|no such|cannot|unable|failed/i.test(line)).at(-1) ?? lines.at(-1);
	if (result.status === 'failed' && errorLine) return errorLine.replace(/^(docker:\s*)?(Error( response from daemon)?:\s*)?/i, '');
	if (result.status === 'failed') return `${result.command} exited with code ${result.exitCode ?? '?'}`;
	return result.message || errorLine || `${result.command} did not finish (${result.status})`;
}

/**
 * The lines of a crashed container's output that explain the crash: a Go panic or fatal log line
 * when there is one (its stack trace is noise), otherwise the last lines. Pure.
 */
export function summarizeLogs(text: string, maxLines = 10): string {
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	const telling = lines.filter((line) => /^panic:|^fatal error:|level=(fatal|error)|^error:/i.test(line.trim()));
	return (telling.length > 0 ? telling.slice(-5) : lines.slice(-maxLines)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Engine facts

export type EngineKind = 'docker' | 'podman';

/** Why the daemon did not answer, from what the docker CLI printed. Pure. */
export type DaemonProblem = 'not-running' | 'permission-denied' | 'timed-out' | 'other';

export interface EngineInfo {
	/** The docker CLI could be started. */
	cliFound: boolean;
	/** The daemon (or Podman service) answered. */
	reachable: boolean;
	kind: EngineKind;
	/** The docker command is Podman's own (podman-docker's shim runs `podman` itself), not a client of an API. */
	isPodmanCli?: boolean;
	clientVersion?: string;
	serverVersion?: string;
	/** Set when not reachable. */
	problem?: DaemonProblem;
	/** What docker said, one line, when something failed. */
	message?: string;
}

/** Tells Podman from Docker by what `docker version` printed. Pure. */
export function detectEngineKind(versionJson: unknown, stderr = ''): EngineKind {
	// podman-docker's shim announces itself on stderr; a real docker CLI talking to a Podman socket
	// names "Podman Engine" among the server components.
	if (/podman/i.test(stderr)) return 'podman';
	if (versionJson && /podman/i.test(JSON.stringify(versionJson))) return 'podman';
	return 'docker';
}

/** Classifies the CLI's complaint when it could not reach the daemon. Pure. */
export function classifyDaemonProblem(stderr: string, status?: RunResult['status']): DaemonProblem {
	if (status === 'timed-out') return 'timed-out';
	if (/permission denied/i.test(stderr)) return 'permission-denied';
	if (
		/cannot connect|is the docker daemon running|connection refused|no such file or directory|error during connect|failed to connect/i.test(
			stderr,
		)
	) {
		return 'not-running';
	}
	return 'other';
}

interface VersionJson {
	Client?: { Version?: string; OsArch?: string } | null;
	Server?: { Version?: string; Components?: Array<{ Name?: string; Version?: string }> } | null;
}

/** Reads `docker version` output into engine facts. Pure, so it is tested with captured output. */
export function interpretVersion(result: Pick<RunResult, 'status' | 'stdout' | 'stderr' | 'message'>): EngineInfo {
	if (result.status === 'spawn-error') {
		return { cliFound: false, reachable: false, kind: 'docker', message: result.message };
	}
	// Podman's `version` JSON nests Client/Server the same way; an unreachable daemon still prints Client.
	const json = parseJson(result.stdout) as VersionJson | undefined;
	// Podman's own command writes `OsArch` in Client (Docker's CLI writes Os and Arch), and the shim
	// says so on stderr unless /etc/containers/nodocker quiets it.
	const isPodmanCli = /emulate docker cli/i.test(result.stderr) || (typeof json?.Client?.OsArch === 'string' && !json.Server);
	const kind = isPodmanCli ? 'podman' : detectEngineKind(json, result.stderr);
	const clientVersion = json?.Client?.Version;
	const serverVersion = json?.Server?.Version ?? json?.Server?.Components?.[0]?.Version;
	// Local Podman has no daemon: its `version` has no Server part, and a zero exit means it works.
	if (result.status === 'passed' && (json?.Server || kind === 'podman')) {
		return { cliFound: true, reachable: true, kind, ...(isPodmanCli ? { isPodmanCli } : {}), clientVersion, serverVersion };
	}
	const firstLine = result.stderr
		.trim()
		.split('\n')
		.find((line) => line.trim() !== '' && !/emulate docker cli/i.test(line));
	return {
		cliFound: true,
		reachable: false,
		kind,
		clientVersion,
		problem: classifyDaemonProblem(result.stderr, result.status as RunResult['status']),
		message: firstLine ?? (result.message || 'docker version did not answer'),
	};
}

/** Asks the CLI and the daemon who they are, bounded by `timeoutMs` (default 5 s). */
export async function engineInfo(options: DockerOptions): Promise<EngineInfo> {
	const result = await docker(['version', '--format', '{{json .}}'], {
		...options,
		timeoutMs: options.timeoutMs ?? DAEMON_TIMEOUT_MS,
	});
	return interpretVersion(result);
}
