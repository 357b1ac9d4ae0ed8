#!/usr/bin/env node
// The classroom at scale: 100 simulated learners publish their progress at once to a local
// registry:2, then the instructor's `class report` reads them all. A benchmark, not a test: it
// prints times, it asserts only that every learner arrived. Needs Docker and the built CLI.
//
//   node scripts/bench-classroom.mjs [--learners N] [--reports R] [--no-build]
//
// Each learner is a `node dist/cli.js class publish` process with its own state folder (a saved
// progress file with a different number of steps done), all started together: on one machine they
// also compete for its CPUs, which a real class (one machine each) does not. The registry carries
// the label io.registry-lab.bench=true and is removed at the end, with every temp folder.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const benchLabel = 'io.registry-lab.bench=true';

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const learners = Math.max(Number(option('learners', '100')), 1);
const reports = Math.max(Number(option('reports', '5')), 1);

const steps = [
	'docker-id',
	'build-curl',
	'push-curl',
	'tag-curl',
	'push-all-tags',
	'run-registry',
	'push-alpine',
	'query-api',
	'pull-back',
	'more-tags',
	'reference-defaults',
	'pull-from-mcr',
	'cleanup',
];

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function run(args, env) {
	return new Promise((resolve) => {
		const started = performance.now();
		const child = spawn(process.execPath, [cli, ...args], {
			env: { ...process.env, NO_COLOR: '1', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
	});
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** A saved progress file as the TUI writes it: `done` steps, a hint or two, one wrong answer for some. */
function progressFor(index, startedAt) {
	const done = steps.slice(0, index % steps.length);
	const at = (step) => new Date(startedAt + (steps.indexOf(step) + 1) * 60_000 + index * 1000).toISOString();
	return {
		version: 1,
		labId: 'registries',
		vars: { dockerId: `learner${index}` },
		done,
		doneAt: Object.fromEntries(done.map((step) => [step, at(step)])),
		hintsShown: index % 3 === 0 ? { [steps[done.length] ?? 'cleanup']: 2 } : {},
		solutionsShown: index % 7 === 0 ? [steps[done.length] ?? 'cleanup'] : [],
		answers: index % 5 === 0 ? { 'reference-defaults': { text: 'kiamol/ch05-pi', correct: false } } : {},
		startedAt: new Date(startedAt).toISOString(),
	};
}

if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
const work = mkdtempSync(path.join(os.tmpdir(), 'registry-lab-bench-classroom-'));
let container = '';
try {
	container = docker('run', '-d', '--label', benchLabel, '-p', '127.0.0.1::5000', 'registry:2');
	const port = /:(\d+)$/.exec(docker('port', container, '5000/tcp').split('\n')[0])[1];
	const host = `127.0.0.1:${port}`;
	for (let attempt = 0; ; attempt++) {
		const ok = await fetch(`http://${host}/v2/`).then(
			(response) => response.ok,
			() => false,
		);
		if (ok) break;
		if (attempt > 100) throw new Error(`the registry at ${host} did not answer`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	const startedAt = Date.now() - 3 * 3600_000;
	const envs = Array.from({ length: learners }, (_, index) => {
		const state = path.join(work, `learner-${index}`);
		mkdirSync(path.join(state, 'progress'), { recursive: true });
		writeFileSync(path.join(state, 'progress', 'registries.json'), JSON.stringify(progressFor(index, startedAt)));
		return { REGISTRY_LAB_STATE_DIR: state, DOCKER_CONFIG: path.join(work, 'docker-config') };
	});
	mkdirSync(path.join(work, 'docker-config'));

	// One learner alone first: what a publish costs without 99 others on the same CPUs.
	const solo = await run(['class', 'publish', '--to', host, '--as', 'solo'], envs[1]);
	if (solo.code !== 0) throw new Error(`a lone publish failed: ${solo.stderr}`);

	const publishStarted = performance.now();
	const published = await Promise.all(
		envs.map((env, index) => run(['class', 'publish', '--to', host, '--as', `learner-${String(index).padStart(3, '0')}`], env)),
	);
	const publishMs = performance.now() - publishStarted;
	const failures = published.filter((result) => result.code !== 0);
	for (const failure of failures.slice(0, 3)) console.error(failure.stderr.trim());

	const reportTimes = [];
	let count = 0;
	for (let round = 0; round < reports; round++) {
		const result = await run(['class', 'report', '--from', host, '--json'], { DOCKER_CONFIG: path.join(work, 'docker-config') });
		if (result.code !== 0) throw new Error(`class report failed: ${result.stderr}`);
		// The lone learner is in the class too.
		count = JSON.parse(result.stdout).filter((entry) => entry.name !== 'solo').length;
		reportTimes.push(result.ms);
	}
	const baseline = median(await Promise.all([0, 1, 2].map(() => run(['--version'], {}))).then((results) => results.map((r) => r.ms)));

	console.log(`registry-lab classroom benchmark (${os.cpus().length} CPUs, Node ${process.version}, registry:2 on ${host})`);
	console.log('');
	console.log(`| what | time |`);
	console.log(`| --- | --- |`);
	console.log(
		`| ${learners} learners publish at once (all processes, wall clock) | ${seconds(publishMs)} (${learners - failures.length} published, ${failures.length} failed) |`,
	);
	console.log(`| one publish alone (startup included) | ${seconds(solo.ms)} |`);
	console.log(
		`| one publish, median of the ${learners} started together (startup included) | ${seconds(median(published.map((result) => result.ms)))} |`,
	);
	console.log(`| class report --json reading all ${count}, median of ${reports} (startup included) | ${seconds(median(reportTimes))} |`);
	console.log(`| registry-lab --version (the CLI's startup alone), median of 3 | ${seconds(baseline)} |`);
	if (failures.length > 0 || count !== learners) process.exitCode = 1;
} finally {
	if (container) docker('rm', '-f', '-v', container);
	rmSync(work, { recursive: true, force: true });
}
