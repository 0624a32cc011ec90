import { NeurorackError } from '../errors/neurorack-error';
import type { Tensor } from '../generated/model-manifest';

/** One tensor of a graph's contract as a manifest declares it (`tensor` of the model schema); string dimensions are symbolic (`T`, `T*512`). */
export type TensorSpec = Readonly<Tensor>;

/** What a loaded graph says of itself (an onnxruntime-node InferenceSession has these members). */
export interface GraphSignature {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: ReadonlyArray<{ readonly isTensor: boolean; readonly type?: string; readonly shape?: ReadonlyArray<number | string> }>;
}

/**
 * A graph's inputs and outputs must be the manifest's, in order, by name, type and fixed sizes;
 * anything else is NR_MODEL_IO_MISMATCH naming `file` and the manifest's pointer (`at`, e.g.
 * `/onnx` or `/encoder`).
 */
export function checkGraphIo(graph: GraphSignature, spec: { readonly inputs: readonly TensorSpec[]; readonly outputs: readonly TensorSpec[] }, file: string, at = '/onnx'): void {
  const want = spec.inputs.map((t) => t.name).join(', ');
  const got = graph.inputNames.join(', ');
  if (want !== got) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected inputs [${want}] as in the manifest, the model has [${got}]`, { file, pointer: `${at}/inputs` });
  }
  const outWant = spec.outputs.map((t) => t.name).join(', ');
  if (outWant !== graph.outputNames.join(', ')) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected outputs [${outWant}], the model has [${graph.outputNames.join(', ')}]`, { file, pointer: `${at}/outputs` });
  }
  graph.inputMetadata?.forEach((m, i) => {
    const t = spec.inputs[i]!;
    if (!m.isTensor) return;
    if (m.type !== undefined && m.type !== t.dtype) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${t.name} of type ${t.dtype}, the model has ${m.type}`, { file, pointer: `${at}/inputs/${i}/dtype` });
    }
    const shape = m.shape ?? [];
    if (shape.length && shape.length !== t.shape.length) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${t.name} of rank ${t.shape.length}, the model has rank ${shape.length}`, { file, pointer: `${at}/inputs/${i}/shape` });
    }
    shape.forEach((d, k) => {
      const w = t.shape[k];
      if (typeof d === 'number' && typeof w === 'number' && d !== w) {
        throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${t.name} dimension ${k} = ${w}, the model has ${d}`, { file, pointer: `${at}/inputs/${i}/shape/${k}` });
      }
    });
  });
}
