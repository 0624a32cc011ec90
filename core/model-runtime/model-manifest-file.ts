import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import type { ModelManifest } from '../generated/model-manifest';
import { installedSchemas, SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';

/** A model manifest lists a few files and tensors: 1 MiB is far beyond any real one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Reads `dir/manifest.json` with a byte limit and validates it against
 * schemas/model-manifest.schema.json (the host's registry when given), defaults filled in: the
 * result is the generated ModelManifest. A runtime's own contract checks come after (a runtime that
 * needs a section the schema leaves optional checks it and narrows the type). A missing file is
 * NR_FILE_NOT_FOUND, bad JSON NR_JSON_MALFORMED, a schema failure NR_SCHEMA_INVALID with the
 * pointer at fault.
 */
export function readModelManifestFile(dir: string, schemas: SchemaRegistry = installedSchemas()): ModelManifest {
  const file = join(dir, 'manifest.json');
  let text: string;
  try {
    text = readBoundedSync(file, { maxBytes: MAX_MANIFEST_BYTES, tooLargeCode: 'NR_JSON_MALFORMED', what: 'model manifest' }).toString('utf8');
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a model folder with a manifest.json', { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `manifest.json is not JSON: ${(err as Error).message}`, { file });
  }
  return schemas.validate<ModelManifest>(SchemaIds.modelManifest, data, file);
}
