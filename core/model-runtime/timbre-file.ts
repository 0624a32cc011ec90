import { NeurorackError } from '../errors/neurorack-error';

/** The `format` of a timbre file. */
export const TIMBRE_FORMAT = 'neurorack-timbre';

/** A timbre name: what `--timbre`, the menu and file names use. */
export const TIMBRE_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** What a model tells of one of its timbres (LoadedModel.timbres). */
export interface TimbreInfo {
  readonly name: string;
  /** Where its latent came from (a sound, a procedure). */
  readonly source: string;
  readonly frames: number;
  /** `shipped` with the model folder (hash-verified), or `user` (added with `model add-timbre`). */
  readonly origin: 'shipped' | 'user';
}

/**
 * A timbre: a latent trajectory encoded from a sound, `frames` rows of the model's latent width. A
 * model with a latent plays it frame by frame beside the descriptors. The file is JSON:
 * `{ format: "neurorack-timbre", version: 1, name, source, frames, latent: [[dim]...] }`.
 */
export interface TimbreDocument {
  readonly format: typeof TIMBRE_FORMAT;
  readonly version: 1;
  readonly name: string;
  readonly source: string;
  readonly frames: number;
  readonly latent: number[][];
}

/**
 * Parses and checks a timbre file's bytes against the format and the model's latent width `dim`:
 * anything else is NR_TIMBRE_INVALID naming `file` and the JSON pointer at fault.
 */
export function parseTimbre(bytes: Buffer | string, dim: number, file: string): TimbreDocument {
  let doc: Partial<TimbreDocument> | null;
  try {
    doc = JSON.parse(bytes.toString()) as Partial<TimbreDocument> | null;
  } catch (err) {
    throw new NeurorackError('NR_TIMBRE_INVALID', `expected a ${TIMBRE_FORMAT} JSON document, found invalid JSON (${(err as Error).message})`, { file });
  }
  const bad = (pointer: string, what: string): NeurorackError => new NeurorackError('NR_TIMBRE_INVALID', what, { file, pointer });
  if (!doc || typeof doc !== 'object' || doc.format !== TIMBRE_FORMAT) throw bad('/format', `expected format "${TIMBRE_FORMAT}", found ${JSON.stringify(doc && typeof doc === 'object' ? doc.format : doc)}`);
  if (doc.version !== 1) throw bad('/version', `expected version 1, found ${JSON.stringify(doc.version)}`);
  if (typeof doc.name !== 'string' || !TIMBRE_NAME.test(doc.name)) throw bad('/name', `expected a name of lower-case letters, digits, _ and - (at most 32), found ${JSON.stringify(doc.name)}`);
  if (!Array.isArray(doc.latent) || doc.latent.length === 0) throw bad('/latent', 'expected latent to be a non-empty array of frames');
  if (doc.frames !== doc.latent.length) throw bad('/frames', `expected frames to equal the latent's ${doc.latent.length} rows, found ${JSON.stringify(doc.frames)}`);
  doc.latent.forEach((row, t) => {
    if (!Array.isArray(row) || row.length !== dim) throw bad(`/latent/${t}`, `expected ${dim} values (the model's latent width), found ${Array.isArray(row) ? row.length : typeof row}`);
    row.forEach((v, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`/latent/${t}/${k}`, `expected a finite number, found ${String(v)}`);
    });
  });
  return { format: TIMBRE_FORMAT, version: 1, name: doc.name, source: typeof doc.source === 'string' ? doc.source : '', frames: doc.frames, latent: doc.latent };
}

/** The JSON text of a timbre file (values rounded to 6 decimals, as the export writes them). */
export function timbreJson(name: string, source: string, latent: readonly (readonly number[])[]): string {
  const doc: TimbreDocument = { format: TIMBRE_FORMAT, version: 1, name, source, frames: latent.length, latent: latent.map((row) => row.map((v) => Math.round(v * 1e6) / 1e6)) };
  return JSON.stringify(doc) + '\n';
}
