// What a saved progress file must look like. Its own module, loaded only when a file is read, so a
// lab's first start does not load zod for it.
import { z } from 'zod';

export const progressSchema = z.object({
	version: z.literal(1),
	labId: z.string(),
	vars: z.record(z.string(), z.string()),
	done: z.array(z.string()),
	hintsShown: z.record(z.string(), z.number().int().min(0)),
	solutionsShown: z.array(z.string()),
	answers: z.record(z.string(), z.object({ text: z.string(), correct: z.boolean() })),
	selected: z.string().optional(),
	startedAt: z.string(),
	finishedAt: z.string().optional(),
});
