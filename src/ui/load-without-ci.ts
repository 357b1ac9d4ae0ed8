// What the two full-screen entries (the TUI, `class watch`) share before Ink draws anything.

export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

/**
 * Ink decides once, when it is first loaded, whether it runs in CI (`CI` or `CONTINUOUS_INTEGRATION`
 * set); there it draws nothing until exit. A person who opens a full screen is at a real terminal
 * (the CLI checked), so load the renderer with those variables hidden for that moment, then put them back.
 */
export async function loadWithoutCi<T>(load: () => Promise<T>): Promise<T> {
	const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	try {
		return await load();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) process.env[name] = value;
		}
	}
}
