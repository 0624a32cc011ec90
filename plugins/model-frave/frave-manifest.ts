import { join } from 'node:path';
import { NeurorackError, readModelManifestFile, streamingField, type ListedFile, type SchemaRegistry, type TensorSpec } from 'neurorack/sdk';

/** One carried state: the graph's input for it and the output that holds it after a call. */
export interface StatePair {
  readonly input: string;
  readonly output: string;
}

/** A graph with streaming state, as the manifest declares it (`onnx` for the decoder, `encoder`). */
export interface StatefulGraphSpec {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly state: readonly StatePair[];
}

/** The fields of schemas/model-manifest.schema.json this runtime reads (written by training/neurorack_frave/model_folder.py). */
export interface FraveManifest {
  readonly id: string;
  readonly name: string;
  readonly runtime: string;
  readonly files: readonly ListedFile[];
  readonly sample_rate: number;
  readonly hop_length: number;
  readonly descriptors: ReadonlyArray<{ name: string; unit: string; train_min: number; train_max: number }>;
  readonly normalisation: { mean: number[]; std: number[] };
  readonly onnx: StatefulGraphSpec & {
    readonly receptive_field?: { left_frames?: number; right_frames?: number; effective?: { left_frames: number; right_frames: number; tolerance: number } };
  };
  readonly streaming: { block_frames: number; delay_samples?: number; noise?: { input: string; distribution: string } };
  readonly encoder?: StatefulGraphSpec & { readonly file: string };
  readonly latent: { dim: number; mean?: number[]; directions?: number[][]; deviations?: number[] };
  readonly timbres?: ReadonlyArray<{ name: string; file: string; frames: number; source?: string }>;
  readonly golden: { file: string; tolerance: number; seed?: number; calls?: number[] };
}

/** The sizes renders are laid out by. */
export interface FraveSizes {
  readonly sampleRate: number;
  readonly hop: number;
  /** Descriptor values per frame and latent values per frame. */
  readonly width: number;
  readonly dim: number;
  /** Noise bands and band-rate samples per frame (hop / bands). */
  readonly bands: number;
  readonly perBand: number;
  /** Frames of context a render from a later frame decodes first (the receptive field, effective when stated). */
  readonly leftFrames: number;
  /** Frames per call the graph is built for: chunks are multiples of it. */
  readonly blockFrames: number;
  readonly noiseInput: string;
}

/** The decoder's inputs besides its state, by role. */
export const DECODER_INPUTS = { latent: 'latent', descriptors: 'descriptors' } as const;
export const AUDIO_OUTPUT = 'audio';

/**
 * Reads `dir/manifest.json`, validates it against the model schema, then against this runtime's
 * contract: the decoder's `latent`, `descriptors` and noise inputs with fixed widths, `audio` first
 * among its outputs, a `streaming` section, and state pairs that name an input and an output of the
 * same shape (NR_MODEL_STATE_MISMATCH otherwise, at `/onnx/state/<i>`; the encoder's at `/encoder/state/<i>`).
 */
export function readFraveManifest(dir: string, schemas?: SchemaRegistry): FraveManifest {
  const file = join(dir, 'manifest.json');
  const m = readModelManifestFile<Partial<FraveManifest> & Pick<FraveManifest, 'id' | 'files' | 'onnx' | 'descriptors' | 'golden'>>(dir, schemas);
  const need = (key: 'streaming' | 'latent' | 'onnx'): void => {
    if (!m[key]) throw new NeurorackError('NR_SCHEMA_INVALID', `expected "${key}": a FRAVE folder declares it (see docs/writing-a-model-plugin.md)`, { file, pointer: `/${key}` });
  };
  need('streaming');
  need('latent');
  if (!Array.isArray(m.onnx.state)) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', 'expected onnx.state: the pairs of state inputs and outputs a call carries to the next', { file, pointer: '/onnx/state' });
  checkStatePairs(m.onnx, file, '/onnx');
  if (m.encoder) checkStatePairs(m.encoder, file, '/encoder');
  const manifest = m as FraveManifest;
  fraveSizes(manifest, file);
  if (manifest.onnx.outputs[0]?.name !== AUDIO_OUTPUT) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected output 0 to be '${AUDIO_OUTPUT}'`, { file, pointer: '/onnx/outputs/0/name' });
  }
  return manifest;
}

/** Each state pair names an input and an output of the graph's spec, with the same fixed shape. */
function checkStatePairs(spec: StatefulGraphSpec, file: string, at: string): void {
  spec.state.forEach((pair, i) => {
    const input = spec.inputs.find((t) => t.name === pair.input);
    const output = spec.outputs.find((t) => t.name === pair.output);
    if (!input) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected state input '${pair.input}' among the inputs`, { file, pointer: `${at}/state/${i}/input` });
    if (!output) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected state output '${pair.output}' among the outputs`, { file, pointer: `${at}/state/${i}/output` });
    if (!input.shape.every((d) => typeof d === 'number') || input.shape.join(',') !== output.shape.join(',')) {
      throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected '${pair.input}' and '${pair.output}' to have one fixed shape, found [${input.shape.join(', ')}] and [${output.shape.join(', ')}]`, { file, pointer: `${at}/state/${i}` });
    }
  });
}

/** The sizes the manifest declares; a decoder contract without fixed widths is NR_MODEL_IO_MISMATCH. */
export function fraveSizes(m: FraveManifest, file?: string): FraveSizes {
  const noiseInput = m.streaming.noise?.input ?? 'noise';
  const input = (name: string): TensorSpec => {
    const i = m.onnx.inputs.findIndex((t) => t.name === name);
    if (i < 0) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected a decoder input '${name}' (the FRAVE contract)`, { file, pointer: '/onnx/inputs' });
    return m.onnx.inputs[i]!;
  };
  const fixed = (t: TensorSpec, k: number): number => {
    const d = t.shape[k];
    if (typeof d !== 'number') throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected a fixed size for dimension ${k} of '${t.name}', found ${JSON.stringify(d)}`, { file, pointer: '/onnx/inputs' });
    return d;
  };
  const dim = fixed(input(DECODER_INPUTS.latent), 2);
  if (dim !== m.latent.dim) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected latent.dim ${m.latent.dim} to be the width of the decoder's latent input, ${dim}`, { file, pointer: '/latent/dim' });
  const width = fixed(input(DECODER_INPUTS.descriptors), 2);
  if (width !== m.descriptors.length) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected the descriptors input to take the ${m.descriptors.length} descriptors, it takes ${width}`, { file, pointer: '/descriptors' });
  const bands = fixed(input(noiseInput), 1);
  if (m.hop_length % bands !== 0) throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected the hop (${m.hop_length}) to be a multiple of the noise bands (${bands})`, { file, pointer: '/onnx/inputs' });
  return {
    sampleRate: m.sample_rate,
    hop: m.hop_length,
    width,
    dim,
    bands,
    perBand: m.hop_length / bands,
    leftFrames: streamingField(m.onnx.receptive_field, { left: 32, right: 0 }).left,
    blockFrames: m.streaming.block_frames,
    noiseInput,
  };
}
