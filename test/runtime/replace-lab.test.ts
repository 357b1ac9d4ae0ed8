// The author's mode replaces the runtime's lab on each save: values typed or chosen are kept, the
// checks and answers follow the new lab, and a lab whose variables cannot be resolved is refused
// with the old one kept.
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/lab/schema.js';
import { createLabRuntime } from '../../src/runtime/lab-runtime.js';
import { fixtureLab } from '../session/fixture-lab.js';

const given = { dockerId: 'learner1', registryPort: '5001', curlImage: 'learner1/curl', workspace: '/tmp/ws' };
const runtimeFor = (lab: Lab = fixtureLab) => createLabRuntime({ lab, vars: { ...given }, workspace: '/tmp/ws', env: {} });

describe('replaceLab', () => {
	it('keeps the values given and the port chosen, and computes image names from the new lab', () => {
		const runtime = runtimeFor();
		const next: Lab = { ...fixtureLab, variables: { ...fixtureLab.variables, curlImage: { image: '{{dockerId}}/curl-v2' } } };
		const vars = runtime.replaceLab(next);
		expect(vars).toMatchObject({ dockerId: 'learner1', registryPort: '5001', curlImage: 'learner1/curl-v2' });
		expect(runtime.lab).toBe(next);
		expect(runtime.vars).toEqual(vars);
	});

	it('drops a value the new lab no longer declares', () => {
		const runtime = runtimeFor();
		const { registryPort: _dropped, ...variables } = fixtureLab.variables!;
		expect(runtime.replaceLab({ ...fixtureLab, variables }).registryPort).toBeUndefined();
	});

	it('judges answers against the new lab', () => {
		const runtime = runtimeFor();
		const steps = fixtureLab.steps.map((step) =>
			step.question ? { ...step, question: { ...step.question, accept: ['docker.io/kiamol/ch05-pi:v2'] } } : step,
		);
		runtime.replaceLab({ ...fixtureLab, steps });
		expect(runtime.judgeAnswer('reference-defaults', 'docker.io/kiamol/ch05-pi:v2').correct).toBe(true);
	});

	it('refuses a lab whose kept values no longer fit, saying why, and keeps the lab it had', () => {
		const runtime = runtimeFor();
		const strict: Lab = {
			...fixtureLab,
			variables: { ...fixtureLab.variables, dockerId: { ask: 'Your Docker ID', pattern: '[0-9]+', patternHelp: 'Digits only.' } },
		};
		expect(() => runtime.replaceLab(strict)).toThrow(/Digits only/);
		expect(runtime.lab).toBe(fixtureLab);
		expect(runtime.vars.dockerId).toBe('learner1');
	});
});
