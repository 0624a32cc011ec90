import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { NeurorackError, packageRoot } from 'neurorack/sdk';

/** The Python that runs training/ (Debian's python3-torch lives there); NEURORACK_PYTHON overrides. */
export function pythonPath(): string {
  return process.env['NEURORACK_PYTHON'] ?? '/usr/bin/python3';
}

/**
 * Runs training/import_neurorack.py: an original Neurorack checkpoint becomes a model folder in
 * `outDir` (manifest.json, model.onnx, golden.json). Rejects with NR_MODEL_CHECKPOINT_INVALID,
 * NR_MODEL_PYTHON_MISSING or NR_MODEL_IMPORT_FAILED.
 */
export async function importNeurorackCheckpoint(checkpoint: string, outDir: string, opts: { id?: string; name?: string } = {}): Promise<void> {
  const script = join(packageRoot, 'training', 'import_neurorack.py');
  const args = [script, checkpoint, outDir, ...(opts.id ? ['--id', opts.id] : []), ...(opts.name ? ['--name', opts.name] : [])];
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = spawn(pythonPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.resume();
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT'
      ? new NeurorackError('NR_MODEL_PYTHON_MISSING', `expected Python at ${pythonPath()} (set NEURORACK_PYTHON)`)
      : e));
    child.on('close', (c) => resolve({ code: c ?? 1, stderr: err }));
  });
  const line = stderr.split('\n').find((l) => /^(NOT_NEURORACK|PYTHON_DEPS_MISSING):/.test(l)) ?? stderr.trim().split('\n').slice(-1)[0] ?? '';
  if (code === 3) throw new NeurorackError('NR_MODEL_CHECKPOINT_INVALID', line.replace(/^NOT_NEURORACK: /, ''), { file: checkpoint });
  if (code === 4) throw new NeurorackError('NR_MODEL_PYTHON_MISSING', `${line.replace(/^PYTHON_DEPS_MISSING: /, '')} (Python: ${pythonPath()})`);
  if (code !== 0) throw new NeurorackError('NR_MODEL_IMPORT_FAILED', `import_neurorack.py exited with ${code}: ${line}`, { file: checkpoint });
}
