// Where things go on screen, from the terminal size alone. Designed for 80x24 and up; down to 60x15
// the same layout works, squeezed. Below that the header, list and pane no longer fit (at 40x12 the
// header's count was cut to `00`), so the app shows one line asking for a bigger terminal instead.

export interface Layout {
	columns: number;
	/** Rows the app draws. One less than the terminal: a full-height frame makes Ink clear the screen on every update. */
	height: number;
	/** Rows between the header and the two footer lines. */
	bodyHeight: number;
	listWidth: number;
	/** Width of the step pane's text, after the list, its border and a space. */
	paneWidth: number;
	/** Below the smallest size the layout works at: only a line asking for a bigger terminal is shown. */
	isTooSmall: boolean;
}

export const HEADER_ROWS = 1;
export const FOOTER_ROWS = 2;
/** The smallest terminal the layout works at. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 15;

export function computeLayout(columns: number, rows: number): Layout {
	const width = Math.max(columns, 40);
	const height = Math.max(rows - 1, 12);
	const listWidth = Math.min(Math.max(Math.round(width * 0.32), 20), 36);
	return {
		isTooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS,
		columns: width,
		height,
		bodyHeight: height - HEADER_ROWS - FOOTER_ROWS,
		listWidth,
		paneWidth: width - listWidth - 2,
	};
}

/** Which rows of a list to show so the selected one stays visible, a little context around it. */
export function listWindow(count: number, selected: number, height: number): { start: number; end: number } {
	if (count <= height) return { start: 0, end: count };
	const start = Math.min(Math.max(selected - Math.floor(height / 2), 0), count - height);
	return { start, end: start + height };
}
