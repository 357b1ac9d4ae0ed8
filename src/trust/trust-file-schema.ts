// What `trusted-labs.json` must look like. Its own module, loaded only when the file is read.
import { z } from 'zod';

export const trustFileSchema = z.object({
	version: z.literal(1),
	trusted: z.record(
		z.string(),
		z.object({
			labId: z.string(),
			/** Where the lab was when it was trusted (for a person reading the file). */
			file: z.string(),
			trustedAt: z.string(),
		}),
	),
});
