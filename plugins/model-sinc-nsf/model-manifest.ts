import { join } from 'node:path';
import { NeurorackError, readModelManifestFile, type ModelManifest, type SchemaRegistry } from 'neurorack/sdk';

/** The four inputs and one output every sinc-NSF model folder must declare, in this order. */
export const CONTRACT_INPUTS = ['descriptors', 'harmonic_phase', 'harmonic_noise', 'noise_excitation'] as const;
export const CONTRACT_OUTPUT = 'audio';

/** Reads `dir/manifest.json`, validates it against the model schema and the runtime's contract. */
export function readModelManifest(dir: string, schemas?: SchemaRegistry): ModelManifest {
  const file = join(dir, 'manifest.json');
  const manifest = readModelManifestFile(dir, schemas);
  const names = manifest.onnx.inputs.map((t) => t.name);
  CONTRACT_INPUTS.forEach((name, i) => {
    if (names[i] !== name) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected input ${i} to be '${name}' (the sinc-NSF contract), found '${names[i] ?? 'none'}'`, { file, pointer: `/onnx/inputs/${i}/name` });
    }
  });
  if (manifest.onnx.outputs[0]?.name !== CONTRACT_OUTPUT) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected output 0 to be 'audio'`, { file, pointer: '/onnx/outputs/0/name' });
  }
  const window = manifest.onnx.receptive_field?.sample_window;
  if (window) {
    const at = manifest.onnx.inputs.findIndex((t) => t.name === window.input);
    const spec = manifest.onnx.inputs[at];
    if (!spec || spec.dtype !== 'int64' || spec.shape.length !== 1 || spec.shape[0] !== 1) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected the sample window's input '${window.input}' among the inputs as int64 [1], found ${spec ? `${spec.dtype} [${spec.shape.join(', ')}]` : 'none'}`, { file, pointer: at >= 0 ? `/onnx/inputs/${at}` : '/onnx/receptive_field/sample_window/input' });
    }
  }
  if (!manifest.files.some((f) => (f.role ?? 'onnx') === 'onnx')) {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected one file with role "onnx"', { file, pointer: '/files' });
  }
  return manifest;
}

/** Fixed sizes of the contract read from the manifest: descriptor width and number of sines. */
export function contractSizes(m: ModelManifest): { width: number; sines: number } {
  const width = m.onnx.inputs[0]!.shape[2];
  const sines = m.onnx.inputs[1]!.shape[1];
  if (typeof width !== 'number' || typeof sines !== 'number') {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', 'expected fixed sizes for the descriptor width and the number of sines', { pointer: '/onnx/inputs' });
  }
  return { width, sines };
}
