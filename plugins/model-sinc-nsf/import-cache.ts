import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importNeurorackCheckpoint } from './import-checkpoint';

/**
 * Imports a checkpoint once per content: the folder lives under os.tmpdir(), keyed by the
 * checkpoint's sha256 (tests and benchmarks share it; the import takes a while).
 */
export async function importCached(checkpoint: string): Promise<string> {
  const sha = createHash('sha256').update(readFileSync(checkpoint)).digest('hex');
  const dir = join(tmpdir(), `neurorack-sinc-nsf-import-${sha.slice(0, 16)}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  await importNeurorackCheckpoint(checkpoint, dir);
  return dir;
}
