import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { loadLab } from '../../src/lab/load-lab.js';
import { ensureLabTrusted, isBundledLab, type TrustGateInput } from '../../src/trust/ensure-trusted.js';
import { trustFilePath } from '../../src/trust/trust-store.js';
import { makeFixtureLab, type FixtureLab } from '../runtime/fixture-lab.js';

let fixture: FixtureLab | undefined;
afterEach(() => {
	fixture?.remove();
	fixture = undefined;
});

interface Gate {
	input: (over?: Partial<TrustGateInput>) => TrustGateInput;
	shown: string[];
	asked: string[];
	fixture: FixtureLab;
}

function gate(answers: boolean[] = []): Gate {
	fixture = makeFixtureLab();
	const labFile = path.join(fixture.labDir, 'lab.yaml');
	const shown: string[] = [];
	const asked: string[] = [];
	const current = fixture;
	return {
		shown,
		asked,
		fixture: current,
		input: (over = {}) => ({
			lab: loadLab(labFile).lab!,
			file: labFile,
			dir: current.labDir,
			shownFile: 'labs/fixture/lab.yaml',
			stateDir: current.stateDir,
			yes: false,
			show: (text) => shown.push(text),
			confirm: async (question) => {
				asked.push(question);
				return answers.shift() ?? false;
			},
			...over,
		}),
	};
}

describe('ensureLabTrusted', () => {
	it('lets a bundled lab run without listing or asking anything', async () => {
		const lab = loadLab(path.join(bundledLabsDir(), 'registries', 'lab.yaml'));
		const shown: string[] = [];
		const outcome = await ensureLabTrusted({
			lab: lab.lab!,
			file: lab.file,
			dir: lab.dir,
			shownFile: 'registries',
			stateDir: '/nonexistent',
			yes: false,
			show: (text) => shown.push(text),
		});
		expect(outcome).toEqual({ trusted: true, because: 'bundled' });
		expect(shown).toEqual([]);
		expect(isBundledLab(lab.file)).toBe(true);
	});

	it('refuses a lab that is not bundled when there is no terminal and no --yes, after listing its commands, and remembers nothing', async () => {
		const { input, shown, fixture: lab } = gate();
		const outcome = await ensureLabTrusted(input({ confirm: undefined }));
		expect(outcome).toMatchObject({ trusted: false, because: 'no-terminal' });
		if (!outcome.trusted) expect(outcome.message).toContain('run the same command again with --yes');
		expect(shown.join('')).toContain('labs/fixture/lab.yaml (A fixture lab) is not one of the labs that come with registry-lab.');
		expect(shown.join('')).toContain('    setup     rm -f {{marker}}');
		expect(shown.join('')).toContain('  step make-file: Make the file');
		expect(shown.join('')).toContain('Labs run commands on this machine; this one can run these 11:');
		expect(shown.join('')).toContain('A {{name}} is filled in with a value, always as one word, never read as shell syntax.');
		expect(existsSync(trustFilePath(lab.stateDir))).toBe(false);
	});

	it('asks at the terminal after listing the commands; a yes is remembered, so the next run does not ask', async () => {
		const { input, shown, asked } = gate([true]);
		expect(await ensureLabTrusted(input())).toMatchObject({ trusted: true, because: 'answered-yes' });
		expect(asked).toEqual(['Trust this lab and let it run these commands? [y/N] ']);
		expect(shown[0]).toContain('step tidy: Tidy up');
		shown.length = 0;
		expect(await ensureLabTrusted(input())).toMatchObject({ trusted: true, because: 'trusted-before' });
		expect(asked).toHaveLength(1);
		expect(shown).toEqual([]);
	});

	it('does not remember a no: the next run asks again', async () => {
		const { input, asked } = gate([false, false]);
		const outcome = await ensureLabTrusted(input());
		expect(outcome).toMatchObject({ trusted: false, because: 'answered-no' });
		if (!outcome.trusted)
			expect(outcome.message).toBe('Nothing was run: you did not trust labs/fixture/lab.yaml. Run the command again to be asked again.');
		await ensureLabTrusted(input());
		expect(asked).toHaveLength(2);
	});

	it('asks again once the lab changes, in lab.yaml or in a file it lists', async () => {
		const { input, asked, fixture: lab } = gate([true, true, true]);
		await ensureLabTrusted(input());
		writeFileSync(path.join(lab.labDir, 'lab.yaml'), `${readFileSync(path.join(lab.labDir, 'lab.yaml'), 'utf8')}# changed\n`);
		await ensureLabTrusted(input());
		expect(asked).toHaveLength(2);
		writeFileSync(path.join(lab.labDir, 'scripts', 'write.mjs'), 'process.exit(0);\n');
		await ensureLabTrusted(input());
		expect(asked).toHaveLength(3);
		// Each version trusted stays trusted: going back to one needs no new yes.
		expect(Object.keys((JSON.parse(readFileSync(trustFilePath(lab.stateDir), 'utf8')) as { trusted: object }).trusted)).toHaveLength(3);
	});

	it('takes --yes without asking or listing, and remembers it', async () => {
		const { input, asked, shown } = gate();
		expect(await ensureLabTrusted(input({ yes: true, confirm: undefined }))).toMatchObject({ trusted: true, because: 'yes' });
		expect(await ensureLabTrusted(input({ confirm: undefined }))).toMatchObject({ trusted: true, because: 'trusted-before' });
		expect(asked).toEqual([]);
		expect(shown).toEqual([]);
	});

	it('treats a damaged trust file as trusting nothing, and replaces it on the next yes', async () => {
		const { input, asked, fixture: lab } = gate([true]);
		mkdirSync(lab.stateDir, { recursive: true });
		writeFileSync(trustFilePath(lab.stateDir), '{ not json');
		expect(await ensureLabTrusted(input())).toMatchObject({ trusted: true, because: 'answered-yes' });
		expect(asked).toHaveLength(1);
		expect(JSON.parse(readFileSync(trustFilePath(lab.stateDir), 'utf8'))).toMatchObject({ version: 1 });
	});
});
