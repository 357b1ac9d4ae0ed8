import { describe, expect, it } from 'vitest';
import { choosePortsForLab, portNotes, type PingPort, type PingResult } from '../../src/docker/choose-port.js';

// A port far from common services, so the real "is it free" probes around it agree.
const desired = 47000 + Math.floor(Math.random() * 1000);
const lab = { variables: { registryPort: { default: String(desired), freePort: true } } };

const airPlay: PingResult = { kind: 'other', status: 403, server: 'AirTunes/860.7.1', message: 'answered 403' };
const registry: PingResult = { kind: 'registry', status: 200, message: 'a registry' };
const nothing: PingResult = { kind: 'unreachable', message: 'connection refused' };
const pingWith =
	(answers: Record<number, PingResult>): PingPort =>
	async (port) =>
		answers[port] ?? nothing;

describe('choosePortsForLab', () => {
	it('moves off a port AirPlay holds to the nearby port where the learner’s registry already answers', async () => {
		const chosen = await choosePortsForLab(
			lab,
			{ registryPort: String(desired) },
			{ policy: 'reuse-registry', ping: pingWith({ [desired]: airPlay, [desired + 2]: registry }) },
		);
		expect(chosen.vars.registryPort).toBe(String(desired + 2));
		expect(portNotes(chosen.choices)[0]).toMatch(
			new RegExp(
				`^Port ${desired} is held by macOS AirPlay Receiver, so the lab uses port ${desired + 2}, where a registry already answers\\. To keep port ${desired}, turn off AirPlay Receiver`,
			),
		);
	});

	it('keeps a port where a registry answers, for check and the TUI', async () => {
		const chosen = await choosePortsForLab(
			lab,
			{ registryPort: String(desired) },
			{ policy: 'reuse-registry', ping: pingWith({ [desired]: registry }) },
		);
		expect(chosen.vars.registryPort).toBe(String(desired));
		expect(portNotes(chosen.choices)).toEqual([]);
	});

	it('moves off a registry it did not start when the test needs a free port, and says why', async () => {
		const chosen = await choosePortsForLab(
			lab,
			{ registryPort: String(desired) },
			{ policy: 'free-only', ping: pingWith({ [desired]: registry }) },
		);
		const port = chosen.vars.registryPort;
		expect(port).not.toBe(String(desired));
		expect(portNotes(chosen.choices)).toEqual([
			`A registry already answers on port ${desired}, and the test must start its own, so it uses port ${port} instead.`,
		]);
	});
});
