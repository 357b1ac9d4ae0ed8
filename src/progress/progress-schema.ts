// What a saved progress file must look like. Its own module, loaded only when a file is read, so a
// lab's first start does not load zod for it.
import { z } from 'zod';

export const progressSchema = z.object({
	version: z.literal(1),
	labId: z.string(),
	vars: z.record(z.string(), z.string()),
	done: z.array(z.string()),
	/** When each done step was first done (ISO 8601). Older files have none. */
	doneAt: z.record(z.string(), z.string()).optional(),
	hintsShown: z.record(z.string(), z.number().int().min(0)),
	solutionsShown: z.array(z.string()),
	/** The last answer submitted and judged per question step; a right one stays until another right one. */
	answers: z.record(z.string(), z.object({ text: z.string(), correct: z.boolean() })),
	/** Typed and not submitted (only Enter submits), kept so quitting loses nothing. Older files have none. */
	drafts: z.record(z.string(), z.string()).optional(),
	selected: z.string().optional(),
	/** When the learner moved to the selected step (ISO 8601), for the classroom's "on it since". Older files have none. */
	selectedAt: z.string().optional(),
	startedAt: z.string(),
	finishedAt: z.string().optional(),
	/** The classroom registry the TUI publishes this progress to (--classroom, --as), kept for the next run. */
	classroom: z.object({ registry: z.string(), name: z.string() }).optional(),
});
