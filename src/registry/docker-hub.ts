// Which registry plays Docker Hub. A lab's `hub` variable can point its push steps at another
// registry (a classroom's, or one on localhost when there is no internet); the doctor then checks
// that registry and the welcome screen names it. Pure, and small enough for the TUI's first frame.

/** Docker Hub as references, the API and logins name it. */
const dockerHubNames = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Whether a registry (as a reference names it: `docker.io`, `localhost:5001`) is Docker Hub. */
export function isDockerHub(registry: string): boolean {
	return dockerHubNames.has(registry.trim().toLowerCase());
}

/** The registry a lab's push steps use: the `hub` variable when it has a value, else Docker Hub. */
export function hubRegistry(vars: Readonly<Record<string, string | undefined>>): string {
	const hub = vars.hub?.trim();
	return hub ? hub : 'docker.io';
}
