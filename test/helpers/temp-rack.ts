import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../../core/paths';

/** Writes a rack file based on a built-in profile with `patch` applied; returns its path. */
export function tempRack(patch: Record<string, unknown>, profile = 'test'): string {
  const base = JSON.parse(readFileSync(join(paths.profiles, `${profile}.rack.json`), 'utf8')) as Record<string, unknown>;
  delete base['$schema'];
  const dir = mkdtempSync(join(tmpdir(), 'neurorack-rack-'));
  const file = join(dir, 'my.rack.json');
  writeFileSync(file, JSON.stringify({ ...base, ...patch }, null, 2));
  return file;
}
