// The welcome screen names the registry that plays Docker Hub, so a learner in an offline classroom
// knows where the push steps go before the first step.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../src/lab/schema.js';
import { App } from '../../src/ui/app.js';
import { pushRegistryFor, welcomePane } from '../../src/ui/components/welcome.js';
import { fixtureLab, fixtureVars } from '../session/fixture-lab.js';
import { FakeRuntime, FakeStore } from './fake-runtime.js';
import { resize, waitForFrame } from './ink-helpers.js';

afterEach(() => {
	cleanup();
});

/** The fixture lab with the registries lab's `hub` variable and one push step. */
const hubLab: Lab = {
	...fixtureLab,
	variables: { ...fixtureLab.variables, hub: { default: 'docker.io' } },
	steps: [...fixtureLab.steps, { id: 'push-curl', title: 'Push your image', prompt: 'Push it.', online: true }],
};

const paneText = (hub: string | undefined) =>
	welcomePane({ intro: [{ text: 'About registries.' }], workspace: '/ws', hub, doctor: [], width: 80, rows: 40, scroll: 0 })
		.lines.map((line) => line.text)
		.join('\n');

describe('which registry plays Docker Hub, on the welcome screen', () => {
	it.each([
		['a lab with a hub variable and push steps', hubLab, { hub: 'localhost:5001' }, 'localhost:5001'],
		['the same lab with hub left at its default', hubLab, { hub: 'docker.io' }, 'docker.io'],
		['a lab without a hub variable', { ...hubLab, variables: fixtureLab.variables }, { hub: 'localhost:5001' }, undefined],
		['a lab without push steps', { ...hubLab, steps: fixtureLab.steps }, { hub: 'localhost:5001' }, undefined],
	])('is known for %s', (_case, lab, vars, expected) => {
		expect(pushRegistryFor(lab, vars)).toBe(expected);
	});

	it('names the registry that plays Docker Hub above the doctor, where a long introduction cannot scroll it away', () => {
		expect(paneText('localhost:5001')).toContain(
			'The Docker Hub steps push to localhost:5001, which plays Docker Hub here (set\nwith --set hub=HOST:PORT).\nYour machine is ready.',
		);
		const short = welcomePane({
			intro: Array.from({ length: 50 }, (_, index) => ({ text: `Intro line ${index + 1}` })),
			workspace: '/ws',
			hub: 'localhost:5001',
			doctor: [],
			width: 80,
			rows: 12,
			scroll: 0,
		});
		const shown = short.lines.map((line) => line.text).join('\n');
		expect(shown).toContain('The Docker Hub steps push to localhost:5001');
		expect(shown).not.toContain('Intro line 50');
	});

	it('says Docker Hub plainly when Docker Hub plays itself, and how another registry can play it', () => {
		const text = paneText('docker.io');
		expect(text).toContain('The Docker Hub steps push to Docker Hub. No account or no internet?');
		expect(text).toContain('--set hub=HOST:PORT');
		expect(text).not.toContain('docker.io');
	});

	it('says nothing about it for a lab without push steps', () => {
		expect(paneText(undefined)).not.toContain('Docker Hub');
	});

	it('shows the learner’s hub on the first screen of the TUI', async () => {
		// Given a first run of a lab whose push steps go to a registry on this machine
		const runtime = new FakeRuntime({ lab: hubLab, vars: { ...fixtureVars, hub: 'localhost:5001' } });
		runtime.doctorItems = [{ title: 'Docker engine', status: 'ok', message: 'Running.' }];
		const app = render(
			<App
				runtime={runtime}
				progressStore={new FakeStore()}
				loaded={{}}
				timing={{ checkDebounceMs: 0, saveDebounceMs: 0, environmentRefreshMs: 60_000 }}
			/>,
		);
		resize(app, 100, 30);
		// Then the welcome screen says where the Docker Hub steps push
		await waitForFrame(app, 'The Docker Hub steps push to localhost:5001, which plays Docker Hub here');
	});
});
