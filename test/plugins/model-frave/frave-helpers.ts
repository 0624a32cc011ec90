import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../../../core/paths';

export const SHIPPED = join(paths.models, 'frave-impacts-v1');

/** A curve around the model's training means with a decaying RMS of peak `gain`. */
export function decayCurve(mean: readonly number[], frames: number, gain = 0.1): number[][] {
  return Array.from({ length: frames }, (_, t) => mean.map((v, k) => (k === 0 ? gain * Math.exp(-t / 20) : v * (1 + 0.05 * Math.cos(t / 9 + k)))));
}

export function rms(a: Float32Array, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s / Math.max(1, to - from));
}

/** Points NEURORACK_TIMBRES_DIR at a fresh folder for the suite (so no user's timbres leak in); returns it and a restore. */
export function freshTimbresDir(): { dir: string; restore(): void } {
  const before = process.env['NEURORACK_TIMBRES_DIR'];
  const dir = mkdtempSync(join(tmpdir(), 'nr-timbres-'));
  process.env['NEURORACK_TIMBRES_DIR'] = dir;
  return { dir, restore: () => { if (before === undefined) delete process.env['NEURORACK_TIMBRES_DIR']; else process.env['NEURORACK_TIMBRES_DIR'] = before; } };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A copy of the shipped folder changed by `edit` (which may rewrite files and the manifest);
 * `rehash` lists files whose manifest entry is brought up to date after the edit.
 */
export function alteredCopy(edit: (dir: string, manifest: Json) => void, rehash: string[] = []): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'nr-frave-')), 'model');
  cpSync(SHIPPED, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;
  edit(dir, manifest);
  for (const path of rehash) {
    const bytes = readFileSync(join(dir, path));
    const entry = (manifest['files'] as Json[]).find((f) => f['path'] === path)!;
    entry['sha256'] = createHash('sha256').update(bytes).digest('hex');
    entry['bytes'] = bytes.length;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
