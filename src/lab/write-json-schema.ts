// Writes schema/lab.schema.json at the package root; `npm run build` runs it after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labJsonSchema } from './json-schema.js';

const target = new URL('../../schema/lab.schema.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${JSON.stringify(labJsonSchema(), null, '\t')}\n`);
console.log(`wrote ${fileURLToPath(target)}`);
