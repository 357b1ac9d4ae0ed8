#!/usr/bin/env node
// `npm run bench`: how fast registry-lab starts and reacts, against the targets of issue 6, as a table.
// Each metric is the median of several runs; its ratio is to `node -e 0` measured in the same run, so
// a busy machine shows up in both. Not part of `npm test`: it takes minutes and needs Docker.
//
//   node scripts/bench.mjs [--runs N] [--idle-seconds S] [--only name,name] [--no-build]
//
// Needs: Docker (the check, auto-check, idle and memory metrics; the others run without it),
// python3 (a pseudo-terminal for the TUI), and the offline stand-in images (built when missing).
// Everything it starts carries the label io.registry-lab.bench=true and is removed at the end.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const lab = path.join(root, 'labs', 'registries');
const labTitle = 'Accessing images on registries';
const benchLabel = 'io.registry-lab.bench=true';
const dockerId = 'registrylabbench';

// ---------------------------------------------------------------------------------------------
// Options

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const runs = Math.max(Number(option('runs', '10')), 1);
const idleSeconds = Number(option('idle-seconds', '30'));
const only = option('only', '')
	.split(',')
	.filter((name) => name !== '');
const wants = (name) => only.length === 0 || only.includes(name);

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function say(text) {
	process.stderr.write(`bench: ${text}\n`);
}

/** Runs a process to its end; resolves with its wall time from spawn to exit, in ms. */
function timeProcess(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const started = now();
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('close', (code) => resolve({ ms: now() - started, code, stdout, stderr }));
	});
}

async function timeRuns(count, command, args, options) {
	const times = [];
	let last;
	for (let run = 0; run < count; run++) {
		last = await timeProcess(command, args, options);
		times.push(last.ms);
	}
	return { ms: median(times), last };
}

function docker(args, { allowFailure = false } = {}) {
	const result = spawnSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
	if (result.status !== 0 && !allowFailure)
		throw new Error(`docker ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim()}`);
	return result;
}

function hasDocker() {
	return spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ANSI control sequences (CSI, OSC, and two-character escapes), so frames can be read as text.
const ansiPattern = /\u001b\[[0-9;?<>=]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const plainText = (text) => text.replace(ansiPattern, '');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'registry-lab-bench-'));
const cleanups = [];
function cleanUp() {
	for (const cleanup of cleanups.splice(0).reverse()) {
		try {
			cleanup();
		} catch (error) {
			say(`cleanup: ${error.message}`);
		}
	}
	rmSync(scratch, { recursive: true, force: true });
}
process.once('SIGINT', () => {
	cleanUp();
	process.exit(130);
});

/** Fresh state and workspace folders, so no saved progress or earlier workspace changes a run. */
function freshDirs(name) {
	const dir = mkdtempSync(path.join(scratch, `${name}-`));
	const state = path.join(dir, 'state');
	const workspace = path.join(dir, 'workspace');
	mkdirSync(state);
	mkdirSync(workspace);
	return { dir, env: { REGISTRY_LAB_STATE_DIR: state, REGISTRY_LAB_WORKSPACE: workspace }, state };
}

// ---------------------------------------------------------------------------------------------
// The TUI in a pseudo-terminal (python3's pty module: no native addon, nothing to install)

const ptyHelper = path.join(scratch, 'pty-run.py');
writeFileSync(
	ptyHelper,
	`import fcntl, json, os, pty, select, struct, sys, termios, time
cols, rows = int(sys.argv[1]), int(sys.argv[2])
spawned_at = time.monotonic_ns()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(sys.argv[3], sys.argv[3:])
sys.stderr.write(json.dumps({'pid': pid, 'spawnedAt': spawned_at}) + '\\n')
sys.stderr.flush()
while True:
    try:
        ready, _, _ = select.select([fd], [], [])
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
os.waitpid(pid, 0)
`,
);

/**
 * The TUI running in a pseudo-terminal of 100x30. Times are in ms on the monotonic clock, which
 * python's time.monotonic_ns and node's hrtime share on Linux, so "from spawn" is from the fork.
 */
class TuiSession {
	constructor(args, env) {
		this.output = '';
		this.arrivals = [];
		this.helper = spawn('python3', [ptyHelper, '100', '30', process.execPath, cli, ...args], {
			env: { ...process.env, ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.started = new Promise((resolve, reject) => {
			let buffer = '';
			this.helper.stderr.on('data', (chunk) => {
				buffer += chunk;
				const line = buffer.split('\n').find((candidate) => candidate.startsWith('{'));
				if (line) {
					const info = JSON.parse(line);
					this.pid = info.pid;
					this.spawnedAt = info.spawnedAt / 1e6;
					resolve();
				}
			});
			this.helper.once('error', reject);
		});
		this.helper.stdout.on('data', (chunk) => {
			this.output += chunk.toString('utf8');
			this.arrivals.push({ at: now(), length: this.output.length });
			this.onData?.();
		});
		this.exited = new Promise((resolve) => this.helper.once('close', resolve));
	}

	/** Resolves with the time the output (from `from` on, as plain text) first satisfied `test`. */
	waitFor(test, { from = 0, timeoutMs = 30_000, what = 'the TUI' } = {}) {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (test(plainText(this.output.slice(from)))) {
					this.onData = undefined;
					clearTimeout(timer);
					resolve(now());
				}
			};
			const timer = setTimeout(() => {
				this.onData = undefined;
				reject(new Error(`timed out waiting for ${what}; the screen ended with:\n${plainText(this.output).slice(-1500)}`));
			}, timeoutMs);
			this.onData = check;
			check();
		});
	}

	/** The process ids of the TUI and everything under it (the docker events watcher, checks). */
	tree() {
		const children = new Map();
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
			} catch {
				// ended meanwhile
			}
		}
		const found = [];
		const visit = (pid) => {
			found.push(pid);
			for (const child of children.get(pid) ?? []) visit(child);
		};
		visit(this.pid);
		return found;
	}

	/** CPU seconds used by the TUI and its processes, including children that already ended. */
	cpuSeconds() {
		const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		let total = 0;
		for (const pid of this.tree()) {
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				// utime, stime, cutime, cstime: fields 14-17 of stat, 12-15 after the name.
				total += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
			} catch {
				// ended meanwhile
			}
		}
		return total / ticks;
	}

	/** VmHWM of the node process: the most resident memory it has had. */
	peakMemoryMiB() {
		const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
		return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]) / 1024;
	}

	/** Quits the way a closed terminal does (SIGTERM saves and exits), then makes sure nothing is left. */
	async stop() {
		if (this.pid === undefined) return;
		const group = this.tree();
		try {
			process.kill(this.pid, 'SIGTERM');
		} catch {
			// already gone
		}
		await Promise.race([this.exited, sleep(5_000)]);
		for (const pid of group) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		this.helper.kill('SIGKILL');
		await this.exited;
	}
}

/** A saved progress in which the Docker ID is given and build-curl is the current step. */
function writeProgressAtBuildCurl(stateDir, vars) {
	mkdirSync(path.join(stateDir, 'progress'), { recursive: true });
	const progress = {
		version: 1,
		labId: 'registries',
		vars,
		done: ['docker-id'],
		hintsShown: {},
		solutionsShown: [],
		answers: {},
		selected: 'build-curl',
		startedAt: new Date().toISOString(),
	};
	writeFileSync(path.join(stateDir, 'progress', 'registries.json'), `${JSON.stringify(progress, null, '\t')}\n`);
}

const buildCurlRow = /(.) Build an image named/;
const buildCurlMark = (screen) => [...screen.matchAll(new RegExp(buildCurlRow, 'g'))].at(-1)?.[1];

// ---------------------------------------------------------------------------------------------
// Metrics

const results = [];
function record(metric) {
	results.push(metric);
	say(`${metric.name}: ${metric.value ?? `${metric.ms.toFixed(0)} ms`}`);
}

async function nodeFloor() {
	const { ms } = await timeRuns(runs, process.execPath, ['-e', '0']);
	return ms;
}

async function firstFrame(floor, registryPort) {
	const times = [];
	for (let run = 0; run < runs; run++) {
		const { env } = freshDirs('first-frame');
		const session = new TuiSession(tuiArgs(registryPort), env);
		try {
			await session.started;
			// A full frame: the header's title and the welcome's key line come in the same write.
			const at = await session.waitFor((screen) => screen.includes(labTitle) && screen.includes('Enter start'), {
				what: 'the first frame',
			});
			times.push(at - session.spawnedAt);
		} finally {
			await session.stop();
		}
	}
	const ms = median(times);
	record({
		name: 'TUI first full frame (pty)',
		ms,
		ratio: ms / floor,
		target: `≤ 150 ms (2.5× floor = ${(2.5 * floor).toFixed(0)} ms)`,
		pass: ms <= 2.5 * floor,
	});
}

async function validateMany(floor) {
	const labs = path.join(scratch, 'labs');
	const source = readFileSync(path.join(lab, 'lab.yaml'), 'utf8');
	for (let index = 1; index <= 200; index++) {
		const id = `lab-${String(index).padStart(3, '0')}`;
		cpSync(lab, path.join(labs, id), { recursive: true });
		writeFileSync(path.join(labs, id, 'lab.yaml'), source.replace(/^id: registries$/m, `id: ${id}`));
	}
	const { ms, last } = await timeRuns(runs, process.execPath, [cli, 'validate', labs], { env: { ...process.env, NO_COLOR: '1' } });
	if (!/200 labs checked, no problems/.test(last.stdout))
		throw new Error(`validate did not pass the 200 labs:\n${last.stdout}${last.stderr}`);
	record({ name: 'validate, 200 labs', ms, ratio: ms / floor, target: '≤ 1000 ms', pass: ms <= 1000 });
}

/** The stand-in images (no pulls), a curl image built from the lab's Dockerfile, and a registry. */
async function prepareDocker() {
	if (docker(['image', 'inspect', 'registry:2', 'alpine:3.22'], { allowFailure: true }).status !== 0) {
		say('building the offline stand-in images (scripts/build-standin-images.sh)');
		execFileSync('bash', [path.join(root, 'scripts', 'build-standin-images.sh')], { stdio: 'inherit' });
	}
	const curlSource = `registry-lab-bench/curl:${process.pid}`;
	docker([
		'build',
		'-q',
		'--label',
		benchLabel,
		'-t',
		curlSource,
		'-f',
		path.join(lab, 'images', 'curl', 'Dockerfile.v2'),
		path.join(lab, 'images', 'curl'),
	]);
	cleanups.push(() => docker(['image', 'rm', '-f', curlSource], { allowFailure: true }));
	const name = `registry-lab-bench-${process.pid}`;
	const port = await startRegistry(name);
	return { curlSource, port, name };
}

/** The TUI's arguments: the bench registry plays Docker Hub too, so the doctor has nothing to report offline. */
function tuiArgs(port) {
	return ['--set', `dockerId=${dockerId}`, '--set', `hub=localhost:${port}`, '--set', `registryPort=${port}`];
}

/** The TUI in a fresh state at build-curl, once its first round of checks shows build-curl not done and things settled. */
async function openAtBuildCurl(name, port) {
	const { env, state } = freshDirs(name);
	writeProgressAtBuildCurl(state, { dockerId, hub: `localhost:${port}`, registryPort: String(port) });
	const session = new TuiSession(tuiArgs(port), env);
	try {
		await session.started;
		await session.waitFor((screen) => screen.includes('Not done yet:') && buildCurlMark(screen) === '·', {
			what: 'build-curl shown not done',
		});
		await sleep(1_000);
		return session;
	} catch (error) {
		await session.stop();
		throw error;
	}
}

async function autoCheckReaction(floor, { curlSource, port }) {
	const image = `localhost:${port}/${dockerId}/curl:21.06`;
	const times = [];
	const memory = [];
	for (let run = 0; run < runs; run++) {
		docker(['image', 'rm', image], { allowFailure: true });
		const session = await openAtBuildCurl('auto-check', port);
		try {
			if (buildCurlMark(plainText(session.output)) !== '·') throw new Error('build-curl changed before the image was tagged');
			const from = session.output.length;
			docker(['tag', curlSource, image]);
			const tagged = now();
			const done = await session.waitFor((screen) => buildCurlRow.test(screen) && buildCurlMark(screen) === '✔', {
				from,
				what: 'build-curl ticked off',
				timeoutMs: 20_000,
			});
			times.push(done - tagged);
			memory.push(session.peakMemoryMiB());
		} finally {
			await session.stop();
			docker(['image', 'rm', image], { allowFailure: true });
		}
	}
	const ms = median(times);
	record({ name: 'auto-check reaction (docker tag → ✔)', ms, ratio: ms / floor, target: '≤ 500 ms', pass: ms <= 500 });
	return memory;
}

const runRegistryRow = /(.) Run a registry of your/;
const runRegistryMark = (screen) => [...screen.matchAll(new RegExp(runRegistryRow, 'g'))].at(-1)?.[1];

/**
 * Work done ahead of the cursor: the TUI at build-curl, and the learner starts a container named
 * `registry` (the run-registry step; the bench's registry answers on the lab's port). Measured from
 * `docker run` returning to the first frame with ✔ on run-registry, while build-curl stays selected.
 */
async function outOfOrderReaction(floor, { port }) {
	const times = [];
	for (let run = 0; run < runs; run++) {
		docker(['rm', '-f', '-v', 'registry'], { allowFailure: true });
		const session = await openAtBuildCurl('out-of-order', port);
		try {
			if (runRegistryMark(plainText(session.output)) !== '·') throw new Error('run-registry changed before the registry container started');
			const from = session.output.length;
			docker(['run', '-d', '--name', 'registry', '--label', benchLabel, 'registry:2']);
			const started = now();
			const done = await session.waitFor((screen) => runRegistryMark(screen) === '✔', {
				from,
				what: 'run-registry ticked off',
				timeoutMs: 20_000,
			});
			times.push(done - started);
			if (!/▶ . Build an image named/.test(plainText(session.output).slice(-4000))) throw new Error('the cursor left build-curl');
		} finally {
			await session.stop();
			docker(['rm', '-f', '-v', 'registry'], { allowFailure: true });
		}
	}
	const ms = median(times);
	record({ name: 'out-of-order tick (docker run registry → ✔)', ms, ratio: ms / floor, target: '≤ 2000 ms', pass: ms <= 2000 });
}

async function idleCpu({ port }, memory) {
	const { env, state } = freshDirs('idle');
	writeProgressAtBuildCurl(state, { dockerId, hub: `localhost:${port}`, registryPort: String(port) });
	const session = new TuiSession(tuiArgs(port), env);
	const shares = [];
	try {
		await session.started;
		await session.waitFor((screen) => screen.includes('Not done yet:') && buildCurlMark(screen) === '·', { what: 'the first checks' });
		// Settle: the doctor, the registry status and the first polls happen in the first seconds.
		await sleep(5_000);
		for (let window = 0; window < runs; window++) {
			const before = session.cpuSeconds();
			const started = now();
			await sleep(idleSeconds * 1000);
			const seconds = (now() - started) / 1000;
			shares.push((100 * (session.cpuSeconds() - before)) / seconds);
			say(`idle window ${window + 1}/${runs}: ${shares.at(-1).toFixed(2)}% of a core`);
		}
		memory.push(session.peakMemoryMiB());
	} finally {
		await session.stop();
	}
	const share = median(shares);
	record({
		name: `TUI idle CPU, auto-check on (${idleSeconds} s windows)`,
		value: `${share.toFixed(2)}% of a core`,
		target: '≤ 1% of a core',
		pass: share <= 1,
	});
}

function peakMemory(memory) {
	const mib = median(memory);
	record({ name: 'TUI peak memory (VmHWM)', value: `${mib.toFixed(1)} MiB`, target: '≤ 80 MiB', pass: mib <= 80 });
}

/** Starts `registry:2` under `name` on a free port, labelled as the lab's and the bench's; waits until it answers. */
async function startRegistry(name) {
	const port = await freePort();
	// Labelled like the lab's own registry, and as the bench's, so it is told apart from a learner's.
	docker([
		'run',
		'-d',
		'--name',
		name,
		'--label',
		'io.registry-lab.lab=registries',
		'--label',
		benchLabel,
		'-p',
		`${port}:5000`,
		'registry:2',
	]);
	cleanups.push(() => docker(['rm', '-f', '-v', name], { allowFailure: true }));
	for (let attempt = 0; ; attempt++) {
		const answer = await fetch(`http://localhost:${port}/v2/`).catch(() => undefined);
		if (answer?.status === 200) return port;
		if (attempt > 100) throw new Error(`the bench registry on port ${port} did not answer`);
		await sleep(100);
	}
}

/**
 * The learner's work for every step but the last (cleanup), done the way the lab says, with the
 * registry playing Docker Hub too: so `check` runs every step's checks instead of skipping most.
 * The lab's checks look for a container named `registry`; when the name is taken (a learner's, or
 * a test running now), the bench's own registry stands in and the steps that need the name fail.
 */
async function doTheLab({ curlSource, port: ownPort }, env) {
	const isNameFree = docker(['container', 'inspect', 'registry'], { allowFailure: true }).status !== 0;
	const port = isNameFree ? await startRegistry('registry') : ownPort;
	if (!isNameFree) say('a container named registry exists already: the steps that look for it by name will fail');
	const hub = `localhost:${port}`;
	const curl = `${hub}/${dockerId}/curl`;
	const alpine = `localhost:${port}/alpine`;
	const tags = [`${curl}:21.06`, `${curl}:21.07`, `${alpine}:latest`, `${alpine}:21.07`, `${alpine}:local`];
	cleanups.push(() => docker(['image', 'rm', ...tags], { allowFailure: true }));
	docker(['tag', curlSource, `${curl}:21.06`]);
	docker(['tag', curlSource, `${curl}:21.07`]);
	docker(['push', '--quiet', '--all-tags', curl]);
	for (const tag of ['latest', '21.07', 'local']) docker(['tag', 'alpine:latest', `${alpine}:${tag}`]);
	docker(['push', '--quiet', '--all-tags', alpine]);
	// The API by hand, as the learner does with curl; then the image removed and pulled back.
	await fetch(`http://${hub}/v2/`, { method: 'HEAD', headers: { 'user-agent': 'curl/8.5.0' } });
	await fetch(`http://${hub}/v2/alpine/tags/list`, { headers: { 'user-agent': 'curl/8.5.0' } });
	docker(['image', 'rm', `${alpine}:latest`]);
	docker(['pull', '--quiet', `${alpine}:latest`]);
	const sets = ['--set', `dockerId=${dockerId}`, '--set', `hub=${hub}`, '--set', `registryPort=${port}`];
	const answers = {
		'reference-defaults': ['docker.io/kiamol/ch05-pi:latest'],
		'pull-from-mcr': ['docker', 'pull', 'mcr.microsoft.com/dotnet/runtime:5.0'],
	};
	for (const [step, answer] of Object.entries(answers)) {
		execFileSync(process.execPath, [cli, 'answer', step, ...answer], { env: { ...process.env, ...env }, stdio: 'ignore' });
	}
	return sets;
}

async function checkWholeLab(floor, prepared) {
	const { env } = freshDirs('check');
	const sets = await doTheLab(prepared, env);
	const options = { env: { ...process.env, ...env, NO_COLOR: '1' } };
	const steps = JSON.parse((await timeProcess(process.execPath, [cli, 'check', '--json', ...sets], options)).stdout).steps.map(
		(step) => step.id,
	);
	let slowest = { step: '', ms: 0 };
	for (const step of steps) {
		const { ms } = await timeRuns(runs, process.execPath, [cli, 'check', '--step', step, '--json', ...sets], options);
		if (ms > slowest.ms) slowest = { step, ms };
	}
	const { ms, last } = await timeRuns(runs, process.execPath, [cli, 'check', '--json', ...sets], options);
	const report = JSON.parse(last.stdout);
	const passed = report.steps.filter((step) => step.status === 'passed').length;
	for (const step of report.steps.filter((candidate) => candidate.status !== 'passed'))
		say(`check: ${step.id} ${step.status}: ${step.message.split('\n')[0]}`);
	const limit = floor + 1.3 * slowest.ms;
	record({
		name: `check --json, whole lab (${passed}/${report.steps.length} steps pass)`,
		ms,
		ratio: ms / floor,
		target: `≤ floor + 1.3 × slowest single (${slowest.step}: ${slowest.ms.toFixed(0)} ms) = ${limit.toFixed(0)} ms`,
		pass: ms <= limit,
	});
}

// ---------------------------------------------------------------------------------------------
// The run

function machine() {
	const cpus = os.cpus();
	const load = os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
	return `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average before the run: ${load}`;
}

function table(floor) {
	const rows = [['metric', 'median', '× node -e 0', 'target', 'result']];
	rows.push(['node -e 0 (the floor)', `${floor.toFixed(0)} ms`, '1.0', '', '']);
	for (const metric of results) {
		rows.push([
			metric.name,
			metric.value ?? `${metric.ms.toFixed(0)} ms`,
			metric.ratio === undefined ? '' : metric.ratio.toFixed(1),
			metric.target,
			metric.pass ? 'pass' : 'FAIL',
		]);
	}
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(rows[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

try {
	if (!process.argv.includes('--no-build')) {
		say('bundling (scripts/build.mjs --no-typecheck)');
		execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--no-typecheck'], { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build');
	const header = `Machine: ${machine()}\nRuns per metric: ${runs} (median)`;
	say(header);
	const floor = await nodeFloor();
	say(`node -e 0: ${floor.toFixed(0)} ms`);
	const isDocker = hasDocker();
	const needsDocker = ['frame', 'react', 'ahead', 'idle', 'memory', 'check'].some(wants);
	const prepared = isDocker && needsDocker ? await prepareDocker() : undefined;
	if (!isDocker && needsDocker) say('no Docker engine answers: the TUI and check metrics are left out');
	if (wants('frame')) await firstFrame(floor, prepared?.port ?? (await freePort()));
	if (wants('validate')) await validateMany(floor);
	const memory = [];
	if ((wants('react') || wants('memory')) && prepared) memory.push(...(await autoCheckReaction(floor, prepared)));
	if (wants('ahead') && prepared) await outOfOrderReaction(floor, prepared);
	if (wants('idle') && prepared) await idleCpu(prepared, memory);
	if ((wants('memory') || wants('react')) && memory.length > 0) peakMemory(memory);
	if (wants('check') && prepared) await checkWholeLab(floor, prepared);
	const load = os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
	const busy = os.loadavg()[1] > os.cpus().length ? ' (more runnable processes than cores: other work competed with every metric)' : '';
	console.log(`${header}\nLoad average after the run: ${load}${busy}\n\n${table(floor)}`);
	process.exitCode = results.every((metric) => metric.pass) ? 0 : 1;
} finally {
	cleanUp();
}
