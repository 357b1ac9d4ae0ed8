// The learner's scenario (support/learner-scenario.ts) on the Docker engine; podman.test.ts runs it on Podman.
import { describe } from 'vitest';
import { osAssignedPort as freePort } from '../../src/docker/choose-port.js';
import { requireDocker } from './support/docker.js';
import { startHub } from './support/hub.js';
import { describeLearnerScenario } from './support/learner-scenario.js';

const docker = requireDocker();

describe.skipIf(!docker.available)('on the Docker engine', () => {
	describeLearnerScenario({
		engine: 'docker',
		setUp: async () => ({ hub: await startHub(), port: await freePort() }),
		tearDown: (hub) => hub.stop(),
	});
});
