import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import { parseTimbre, type TimbreDocument } from './timbre-file';

/** A timbre file is a few hundred frames of a small latent: 4 MiB is far beyond any real one. */
const MAX_TIMBRE_BYTES = 4 * 1024 * 1024;

/**
 * Where the user's timbres of model `modelId` live: $NEURORACK_TIMBRES_DIR/<id>, else
 * ~/.neurorack/timbres/<id>. Outside the model folder, so that folder stays as its manifest's
 * hashes say; `neurorack model add-timbre` writes here and a runtime reads it at load.
 */
export function userTimbresDir(modelId: string): string {
  return join(userTimbresRoot(), modelId);
}

/** The folder of every model's user timbres: $NEURORACK_TIMBRES_DIR, else ~/.neurorack/timbres. */
export function userTimbresRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env['NEURORACK_TIMBRES_DIR'] ?? join(homedir(), '.neurorack', 'timbres');
}

/** The user's timbres of a model: those that read well, and an error for each file that does not. */
export interface UserTimbres {
  readonly timbres: ReadonlyArray<TimbreDocument & { readonly file: string }>;
  /** NR_TIMBRE_INVALID (or a read error) per refused file, naming it: a bad file is left out, never fatal to the model. */
  readonly refused: readonly NeurorackError[];
}

/** The user's timbres of a model (`<name>.json` files of its user timbre folder), by name, each checked against the latent width `dim`. */
export function readUserTimbres(modelId: string, dim: number): UserTimbres {
  const dir = userTimbresDir(modelId);
  const timbres: Array<TimbreDocument & { readonly file: string }> = [];
  const refused: NeurorackError[] = [];
  if (!existsSync(dir)) return { timbres, refused };
  for (const n of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, n);
    try {
      const bytes = readBoundedSync(file, { maxBytes: MAX_TIMBRE_BYTES, tooLargeCode: 'NR_TIMBRE_INVALID', what: 'timbre file' });
      const doc = parseTimbre(bytes, dim, file);
      if (`${doc.name}.json` !== n) throw new NeurorackError('NR_TIMBRE_INVALID', `expected the file of timbre "${doc.name}" to be named ${doc.name}.json`, { file, pointer: '/name' });
      timbres.push({ ...doc, file });
    } catch (err) {
      refused.push(err instanceof NeurorackError ? err : new NeurorackError('NR_TIMBRE_INVALID', `cannot be read: ${(err as Error).message}`, { file }));
    }
  }
  return { timbres, refused };
}
