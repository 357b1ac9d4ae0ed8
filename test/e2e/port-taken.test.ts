// The registry's port held by something that is not a registry, as macOS AirPlay Receiver holds
// 5000 (403, Server: AirTunes): check and doctor say so, and every check uses the port the lab moved
// to. (That the whole lab then passes `test` on the moved port is proven in lab-test.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../commands/built-cli.js';

let server: Server;
let port: number;
let dirs: string[];
let env: Record<string, string>;

beforeAll(async () => {
	ensureBuilt();
	server = createServer((_request, response) => {
		response.writeHead(403, { Server: 'AirTunes/860.7.1' });
		response.end();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '::', () => resolve());
	}).catch(() => new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve())));
	const address = server.address();
	port = typeof address === 'object' && address ? address.port : 0;
	dirs = [mkdtempSync(path.join(tmpdir(), 'registry-lab-workspace-')), mkdtempSync(path.join(tmpdir(), 'registry-lab-state-'))];
	env = { REGISTRY_LAB_WORKSPACE: dirs[0] ?? '', REGISTRY_LAB_STATE_DIR: dirs[1] ?? '' };
});

afterAll(() => {
	server?.close();
	for (const dir of dirs ?? []) rmSync(dir, { recursive: true, force: true });
});

describe('the registry port held by AirPlay', () => {
	it('check moves to a free port, says why, and checks the registry there', async () => {
		const result = await runCli(
			['check', '--json', '--step', 'run-registry', '--set', 'dockerId=learner1', '--set', `registryPort=${port}`],
			{ env },
		);
		const moved = /so the lab uses port (\d+) instead/.exec(result.stderr)?.[1];
		expect(result.stderr).toContain(`Port ${port} is held by macOS AirPlay Receiver`);
		expect(result.stderr).toContain('turn off AirPlay Receiver');
		expect(moved).toBeDefined();
		expect(Number(moved)).not.toBe(port);
		const report = JSON.parse(result.stdout) as { steps: Array<{ id: string; status: string; message: string }> };
		expect(report.steps).toHaveLength(1);
		expect(report.steps[0]?.message).toContain(`docker run -d -p ${moved}:5000 --name registry registry:2`);
	});

	it('doctor warns about the port, with the fix', async () => {
		const result = await runCli(['doctor', '--json', '--skip-internet', '--set', `registryPort=${port}`], { env });
		const report = JSON.parse(result.stdout) as { findings: Array<{ id: string; status: string; message: string; fix?: string }> };
		const finding = report.findings.find((candidate) => candidate.id === 'port:registryPort');
		expect(finding).toMatchObject({ status: 'warn' });
		expect(finding?.message).toContain('AirPlay Receiver');
		expect(finding?.fix).toContain('turn off AirPlay Receiver');
	});
});
