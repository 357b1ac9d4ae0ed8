// The JSON Schema editors use to autocomplete and check lab.yaml files, generated from the same zod
// definition the loader validates with, so the two cannot drift apart.
import { z } from 'zod';
import { labSchema } from './schema.js';

/** Where the published schema can be fetched (unpkg serves the npm package's files). */
export const labSchemaId = 'https://unpkg.com/registry-lab/schema/lab.schema.json';

export function labJsonSchema(): Record<string, unknown> {
	const generated = z.toJSONSchema(labSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
	const { $schema, ...rest } = generated;
	return { $schema, $id: labSchemaId, title: 'registry-lab lab file', ...rest };
}
