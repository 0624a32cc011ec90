import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { sha256 } from '../files/sha256';

/** The schemas of a folder by `$id`, and a hash of their text (what validators compiled ahead of time are checked against). */
export interface SchemaFiles {
  readonly schemas: ReadonlyMap<string, Record<string, unknown>>;
  readonly hash: string;
}

export function readSchemaFiles(schemaDir: string): SchemaFiles {
  const schemas = new Map<string, Record<string, unknown>>();
  const hash = sha256();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const text = readFileSync(join(schemaDir, file), 'utf8');
    hash.update(`${file}\n${text}\n`);
    const schema = JSON.parse(text) as Record<string, unknown>;
    const id = schema['$id'];
    if (typeof id !== 'string') throw new NeurorackError('NR_SCHEMA_UNKNOWN', `schema has no $id; every schema needs one`, { file: join(schemaDir, file) });
    schemas.set(id, schema);
  }
  return { schemas, hash: hash.digest('hex') };
}
