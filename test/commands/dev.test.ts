// registry-lab dev outside a terminal, and its help: it never waits for keys where none can come.
import { describe, expect, it } from 'vitest';
import { devCommand } from '../../src/commands/dev.js';
import { runCommandFn } from './command-io.js';

describe('registry-lab dev', () => {
	it('outside an interactive terminal, says what to run instead and exits 2 without opening anything', async () => {
		const result = await runCommandFn(devCommand.run, ['labs/demo'], { cwd: '/tmp', env: {} });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('registry-lab dev: this needs an interactive terminal');
		expect(result.stderr).toContain('registry-lab validate labs/demo checks the lab file and registry-lab test labs/demo proves its steps');
	});

	it('--help describes the reload, the problems at their lines and the p proof', async () => {
		const result = await runCommandFn(devCommand.run, ['--help'], { cwd: '/tmp', env: {} });
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('lab.yaml:LINE:COL: message');
		expect(result.stdout).toContain('p proves the selected step');
	});
});
