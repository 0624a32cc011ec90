import { join } from 'node:path';
import { NeurorackError, readModelManifestFile, streamingField, type ModelManifest, type SchemaRegistry, type StateList, type TensorSpec } from 'neurorack/sdk';

/** A graph with streaming state, as the manifest declares it (`onnx` for the decoder, `encoder`). */
export interface StatefulGraphSpec {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly state: StateList;
}

/**
 * The model manifest (generated from schemas/model-manifest.schema.json, as training/neurorack_frave/
 * model_folder.py writes it) narrowed to what a FRAVE folder must declare beyond the schema: the
 * `streaming` and `latent` sections, and the state pairs of the decoder and of the encoder where
 * there is one. readFraveManifest checks each before it returns this type.
 */
export type FraveManifest = ModelManifest & {
  readonly onnx: ModelManifest['onnx'] & StatefulGraphSpec;
  readonly streaming: NonNullable<ModelManifest['streaming']>;
  readonly latent: NonNullable<ModelManifest['latent']>;
  readonly encoder?: NonNullable<ModelManifest['encoder']> & StatefulGraphSpec;
};

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
 * among its outputs, `streaming` and `latent` sections, and state pairs (for the decoder, and for the
 * encoder where there is one) that name an input and an output of the same shape
 * (NR_MODEL_STATE_MISMATCH otherwise, at `/onnx/state/<i>`; the encoder's at `/encoder/state/<i>`;
 * a graph without `state` at `/onnx/state` or `/encoder/state`).
 */
export function readFraveManifest(dir: string, schemas?: SchemaRegistry): FraveManifest {
  const file = join(dir, 'manifest.json');
  const { encoder: encoderGraph, ...m } = readModelManifestFile(dir, schemas);
  const { streaming, latent } = m;
  if (!streaming) throw needed('streaming', file);
  if (!latent) throw needed('latent', file);
  const onnx = statefulGraph(m.onnx, file, '/onnx');
  const encoder = encoderGraph && statefulGraph(encoderGraph, file, '/encoder');
  const manifest: FraveManifest = { ...m, onnx, streaming, latent, ...(encoder && { encoder }) };
  fraveSizes(manifest, file);
  if (manifest.onnx.outputs[0]?.name !== AUDIO_OUTPUT) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected output 0 to be '${AUDIO_OUTPUT}'`, { file, pointer: '/onnx/outputs/0/name' });
  }
  return manifest;
}

function needed(key: 'streaming' | 'latent', file: string): NeurorackError {
  return new NeurorackError('NR_SCHEMA_INVALID', `expected "${key}": a FRAVE folder declares it (see docs/writing-a-model-plugin.md)`, { file, pointer: `/${key}` });
}

/** A graph section with its state pairs (NR_MODEL_STATE_MISMATCH at `<at>/state` without them), each checked. */
function statefulGraph<G extends { readonly inputs: readonly TensorSpec[]; readonly outputs: readonly TensorSpec[]; readonly state?: StateList }>(graph: G, file: string, at: string): G & StatefulGraphSpec {
  const { state } = graph;
  if (!Array.isArray(state)) throw new NeurorackError('NR_MODEL_STATE_MISMATCH', `expected ${at.slice(1)}.state: the pairs of state inputs and outputs a call carries to the next`, { file, pointer: `${at}/state` });
  const spec = { ...graph, state };
  checkStatePairs(spec, file, at);
  return spec;
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
