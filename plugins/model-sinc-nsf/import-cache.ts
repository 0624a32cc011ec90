import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from 'neurorack/sdk';
import { importNeurorackCheckpoint } from './import-checkpoint';

/**
 * A digest of the Python that turns weights into a model folder (training/neurorack_nsf/*.py and
 * the import script): a cached folder made by other export code is not reused.
 */
export function exportCodeDigest(): string {
  const dir = join(packageRoot, 'training', 'neurorack_nsf');
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort().map((f) => join(dir, f));
  const h = createHash('sha256');
  for (const file of [...files, join(packageRoot, 'training', 'import_neurorack.py')]) {
    h.update(file.slice(packageRoot.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Imports a checkpoint once per content and export code: the folder lives under os.tmpdir(), keyed
 * by the checkpoint's sha256 and exportCodeDigest() (tests and benchmarks share it; the import
 * takes a while).
 */
export async function importCached(checkpoint: string): Promise<string> {
  const sha = createHash('sha256').update(readFileSync(checkpoint)).digest('hex');
  const dir = join(tmpdir(), `neurorack-sinc-nsf-import-${sha.slice(0, 16)}-${exportCodeDigest()}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  await importNeurorackCheckpoint(checkpoint, dir);
  return dir;
}
