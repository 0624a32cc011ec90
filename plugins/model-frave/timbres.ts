import { join } from 'node:path';
import { NeurorackError, parseTimbre, readUserTimbres, type TimbreInfo } from 'neurorack/sdk';
import type { FraveManifest } from './frave-manifest';

/** The timbres a model can play: what it tells the host, and each one's latent rows. */
export interface TimbreSet {
  readonly infos: readonly TimbreInfo[];
  readonly latents: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** User timbre files left out, each with its error. */
  readonly refused: readonly NeurorackError[];
}

/**
 * The shipped timbres (the manifest's `timbres`, from the verified bytes; the first is the
 * default) then the user's (userTimbresDir(id)). A shipped timbre that is not a neurorack-timbre
 * of the latent's width, or disagrees with its manifest entry, is NR_TIMBRE_INVALID naming the
 * file; a bad user timbre is left out and reported in `refused`. A manifest with no timbres plays
 * the latent's mean (a timbre named `mean`).
 */
export function loadTimbres(dir: string, manifest: FraveManifest, files: ReadonlyMap<string, Buffer>): TimbreSet {
  const dim = manifest.latent.dim;
  const infos: TimbreInfo[] = [];
  const latents = new Map<string, readonly (readonly number[])[]>();
  (manifest.timbres ?? []).forEach((entry, i) => {
    const file = join(dir, entry.file);
    const bytes = files.get(entry.file);
    if (!bytes) throw new NeurorackError('NR_SCHEMA_INVALID', `expected timbre file ${entry.file} to be listed in files (so its hash is checked)`, { file: join(dir, 'manifest.json'), pointer: `/timbres/${i}/file` });
    const doc = parseTimbre(bytes, dim, file);
    if (doc.name !== entry.name || doc.frames !== entry.frames) {
      throw new NeurorackError('NR_TIMBRE_INVALID', `expected timbre "${entry.name}" of ${entry.frames} frames as the manifest lists it, found "${doc.name}" of ${doc.frames}`, { file, pointer: '/name' });
    }
    infos.push({ name: doc.name, source: doc.source, frames: doc.frames, origin: 'shipped' });
    latents.set(doc.name, doc.latent);
  });
  if (infos.length === 0) {
    const mean = manifest.latent.mean?.length === dim ? manifest.latent.mean : new Array<number>(dim).fill(0);
    infos.push({ name: 'mean', source: "the latent's training mean", frames: 1, origin: 'shipped' });
    latents.set('mean', [mean]);
  }
  const user = readUserTimbres(manifest.id, dim);
  for (const doc of user.timbres) {
    if (latents.has(doc.name)) continue; // a shipped timbre keeps its name
    infos.push({ name: doc.name, source: doc.source, frames: doc.frames, origin: 'user' });
    latents.set(doc.name, doc.latent);
  }
  return { infos, latents, refused: user.refused };
}

/** The latent of `t` frames from a trajectory: frame k's row, held at the last row past its end. */
export function latentFrames(rows: readonly (readonly number[])[], t: number, dim: number): Float32Array {
  const out = new Float32Array(t * dim);
  for (let k = 0; k < t; k++) {
    const row = rows[Math.min(k, rows.length - 1)]!;
    for (let j = 0; j < dim; j++) out[k * dim + j] = row[j]!;
  }
  return out;
}
