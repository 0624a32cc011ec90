import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../../core/paths';
import { importCached } from '../../../plugins/model-sinc-nsf/import-cache';
import { pythonPath } from '../../../plugins/model-sinc-nsf/import-checkpoint';

export const ORIGINAL_DIR = join(paths.sharedFixtures, 'neurorack-original');
export const CHECKPOINT = join(ORIGINAL_DIR, 'model_nsf_sinc_ema_impacts_waveform_5.0.th');

/** Why the import tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  if (!existsSync(CHECKPOINT)) return `no original checkpoint at ${CHECKPOINT} (../shared fixtures absent)`;
  if (spawnSync(pythonPath(), ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status !== 0) return `no torch/onnx in ${pythonPath()}`;
  return null;
}

let imported: Promise<string> | null = null;
/** The imported checkpoint's model folder, once per run (cached by sha256 under os.tmpdir()). */
export function importedModelDir(): Promise<string> {
  imported ??= importCached(CHECKPOINT);
  return imported;
}

/** A case-a array as float32. */
export function readCase(name: string): Float32Array {
  const b = readFileSync(join(ORIGINAL_DIR, `case-a.${name}.f32`));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}
