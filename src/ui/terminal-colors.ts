// Applies the CLI's colour choice to the libraries that write colour: chalk (Ink's colours, bold,
// dim and borders, and marked-terminal's markdown styles) and @colors/colors (cli-table3's tables in
// markdown). Both read the terminal once, when loaded, and neither knows NO_COLOR. The bundle holds one
// copy of each, shared by everything that draws (test/package/shared-colors.test.ts proves it), so
// setting their level here, before the first frame, reaches every line the TUI writes.
import colors from '@colors/colors/safe.js';
import chalk from 'chalk';
import type { ColorChoice } from './color-choice.js';

export function applyColorChoice(choice: ColorChoice): void {
	if (choice.kind === 'auto') return;
	const level = choice.kind === 'never' ? 0 : choice.level;
	// chalk's styles (chalk.yellow, made when marked-terminal loaded) read the level when they run.
	chalk.level = level;
	if (level === 0) colors.disable();
	else colors.enable();
}
