// What the lab needs from Podman, read from what Podman really prints (captured from Podman 4.3.1
// behind the Docker CLI, and from `podman info`), and the findings and fixes doctor makes of it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretVersion } from '../../src/docker/docker-cli.js';
import { podmanFindings } from '../../src/docker/doctor.js';
import {
	DROP_IN_PATH,
	insecureFix,
	missingInsecure,
	parseInsecureRegistries,
	plainHttpRegistries,
	registriesConfLines,
} from '../../src/docker/podman-facts.js';
import { bundledLabsDir } from '../../src/lab/find-labs.js';
import { loadLab } from '../../src/lab/load-lab.js';

const lab = loadLab(path.join(bundledLabsDir(), 'registries')).lab!;
const vars = (hub: string) => ({ dockerId: 'learner1', hub, registryPort: '5000', curlImage: `${hub}/learner1/curl` });

/** `docker info --format '{{json .RegistryConfig}}'` against Podman's API, registries.conf marking localhost:5000 insecure. */
const podmanApiInfo =
	'{"IndexConfigs":{"localhost:5000":{"Mirrors":[],"Name":"localhost:5000","Official":false,"Secure":false}},"InsecureRegistryCIDRs":[],"Mirrors":[]}';
/** `podman info --format '{{json .Registries}}'` (the podman-docker shim), the same registries.conf. */
const podmanCliInfo =
	'{"localhost:5000":{"Prefix":"localhost:5000","Location":"localhost:5000","Insecure":true,"PullFromMirror":"","Mirrors":null,"Blocked":false,"MirrorByDigestOnly":false}}';
/** The same question asked of Docker 20.10, which needs no entry for loopback. */
const dockerInfo =
	'{"IndexConfigs":{"docker.io":{"Mirrors":[],"Name":"docker.io","Official":true,"Secure":true}},"InsecureRegistryCIDRs":["127.0.0.0/8"],"Mirrors":[]}';

describe('the registries the lab reaches over plain HTTP', () => {
	it('are its own registry and a hub on this machine', () => {
		expect(plainHttpRegistries(lab, vars('localhost:5001'))).toEqual(['localhost:5000', 'localhost:5001']);
	});

	it('leave out Docker Hub and a classroom registry, which speak HTTPS', () => {
		expect(plainHttpRegistries(lab, vars('docker.io'))).toEqual(['localhost:5000']);
		expect(plainHttpRegistries(lab, vars('registry.school.example'))).toEqual(['localhost:5000']);
	});
});

describe('reading which registries Podman treats as insecure', () => {
	it.each([
		['Podman’s API through docker info', podmanApiInfo, ['localhost:5000']],
		['Podman’s own command through podman info', podmanCliInfo, ['localhost:5000']],
		['Docker, which lists no registry', dockerInfo, []],
		['Podman with an empty registries.conf', '{"IndexConfigs":{},"InsecureRegistryCIDRs":[],"Mirrors":[]}', []],
		['output that is not JSON', 'Error: something', []],
	])('%s', (_what, printed, insecure) => {
		expect(parseInsecureRegistries(printed)).toEqual(insecure);
	});

	it('finds what is still missing, exact registry by registry (localhost does not cover localhost:5000)', () => {
		expect(missingInsecure(['localhost:5000', 'localhost:5001'], ['localhost:5000'])).toEqual(['localhost:5001']);
		expect(missingInsecure(['localhost:5000'], ['localhost'])).toEqual(['localhost:5000']);
		expect(missingInsecure(['localhost:5000'], ['localhost:5000/team'])).toEqual(['localhost:5000']);
		expect(missingInsecure(['localhost:5000'], ['LOCALHOST:5000'])).toEqual([]);
	});
});

describe('the fix doctor gives', () => {
	it('is the drop-in with one entry per registry, and the restart that makes Podman read it', () => {
		const fix = insecureFix(['localhost:5000', 'localhost:5001'], 'linux', false);
		expect(fix).toContain(DROP_IN_PATH);
		expect(fix).toContain('~/.config/containers/registries.conf');
		expect(fix).toContain(registriesConfLines(['localhost:5000', 'localhost:5001']));
		expect(registriesConfLines(['localhost:5000'])).toBe('[[registry]]\nlocation = "localhost:5000"\ninsecure = true\n');
		expect(fix).toContain('systemctl restart podman.socket');
	});

	it('needs no restart with Podman’s own command, which reads the file each time', () => {
		const fix = insecureFix(['localhost:5000'], 'linux', true);
		expect(fix).toContain('reads it at each command');
		expect(fix).not.toContain('systemctl');
	});

	it('is made inside the Podman machine on macOS and Windows, then the machine restarts', () => {
		for (const platform of ['darwin', 'win32'] as const) {
			const fix = insecureFix(['localhost:5000'], platform, false);
			expect(fix).toContain('podman machine ssh');
			expect(fix).toContain('podman machine stop');
		}
	});
});

describe('doctor on Podman', () => {
	const context = { platform: 'linux' as const, isPodmanCli: false };
	const byId = (findings: ReturnType<typeof podmanFindings>) => Object.fromEntries(findings.map((finding) => [finding.id, finding]));

	it('fails with the fix while the lab’s registries are not marked insecure', () => {
		const found = byId(podmanFindings(lab, vars('localhost:5001'), ['localhost:5000'], context));
		expect(found['podman-insecure']).toMatchObject({ status: 'fail' });
		expect(found['podman-insecure']?.message).toContain('pushes to localhost:5001 fail');
		expect(found['podman-insecure']?.fix).toContain('location = "localhost:5001"');
		expect(found['podman-insecure']?.fix).not.toContain('location = "localhost:5000"');
	});

	it('is content once they are, and says which steps differ and why', () => {
		const found = byId(podmanFindings(lab, vars('localhost:5001'), ['localhost:5000', 'localhost:5001'], context));
		expect(found['podman-insecure']).toMatchObject({ status: 'ok' });
		expect(found['podman-login']).toBeUndefined();
		expect(found['podman-steps']?.message).toContain('“Push every tag”: Podman does not take `docker push --all-tags`');
		expect(found['podman-steps']?.message).toContain('“Push more tags to your registry”');
	});

	it('names every registry when it cannot read Podman’s settings', () => {
		const found = byId(podmanFindings(lab, vars('docker.io'), undefined, context));
		expect(found['podman-insecure']).toMatchObject({ status: 'fail' });
		expect(found['podman-insecure']?.message).toContain('Could not read');
	});

	it('warns that Podman’s API will not log in to a hub named 127.0.0.1 over plain HTTP, and says to name it localhost', () => {
		const found = byId(podmanFindings(lab, vars('127.0.0.1:5001'), ['localhost:5000', '127.0.0.1:5001'], context));
		expect(found['podman-login']).toMatchObject({ status: 'warn' });
		expect(found['podman-login']?.fix).toContain('--set hub=localhost:5001');
		const shim = byId(podmanFindings(lab, vars('127.0.0.1:5001'), ['localhost:5000', '127.0.0.1:5001'], { ...context, isPodmanCli: true }));
		expect(shim['podman-login']).toBeUndefined();
	});
});

describe('telling Podman’s own command (the podman-docker shim) from a docker client', () => {
	/** `podman version --format '{{json .}}'`, Podman 4.3.1. */
	const podmanVersion =
		'{"Client":{"APIVersion":"4.3.1","Version":"4.3.1","GoVersion":"go1.19.8","GitCommit":"","BuiltTime":"Thu Jan  1 00:00:00 1970","Built":0,"OsArch":"linux/amd64","Os":"linux"}}';

	it('knows the shim by its notice on stderr', () => {
		const engine = interpretVersion({
			status: 'passed',
			stdout: podmanVersion,
			stderr: 'Emulate Docker CLI using podman. Create /etc/containers/nodocker to quiet msg.\n',
			message: '',
		});
		expect(engine).toMatchObject({ reachable: true, kind: 'podman', isPodmanCli: true, clientVersion: '4.3.1' });
	});

	it('knows it without the notice (/etc/containers/nodocker) by Podman’s own version format', () => {
		expect(interpretVersion({ status: 'passed', stdout: podmanVersion, stderr: '', message: '' })).toMatchObject({
			kind: 'podman',
			isPodmanCli: true,
		});
	});

	it('takes the Docker CLI talking to Podman’s API for a client, not the shim', () => {
		const stdout = JSON.stringify({
			Client: { Version: '28.2.2', Os: 'linux', Arch: 'amd64' },
			Server: { Version: '4.3.1', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] },
		});
		const engine = interpretVersion({ status: 'passed', stdout, stderr: '', message: '' });
		expect(engine.kind).toBe('podman');
		expect(engine.isPodmanCli).toBeUndefined();
	});
});
