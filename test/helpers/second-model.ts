import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../../core/paths';

/**
 * Installs a second model for switching: a copy of a shipped model under another id in a fresh
 * user model folder (what NEURORACK_MODELS_DIR points at). Returns the folder and the new id.
 */
export function installModelCopy(shippedId: string, newId = `${shippedId}-b`): { dir: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nr-models-'));
  cpSync(join(paths.models, shippedId), join(dir, newId), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, newId, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, newId, 'manifest.json'), JSON.stringify({ ...manifest, id: newId }, null, 2) + '\n');
  return { dir, id: newId };
}
