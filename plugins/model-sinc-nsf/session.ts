import * as ort from 'onnxruntime-node';
import { NeurorackError } from 'neurorack/sdk';
import type { ModelManifest } from './model-manifest';

/** How the runtime runs a model; thread counts come from the rack config. */
export interface SessionOptions {
  /** Threads inside one operator (default 1: the audio path keeps a core for itself). */
  readonly intraOpThreads?: number;
}

/** An ONNX Runtime session for the verified model bytes, tuned for the sinc-NSF graph. */
export async function createSession(onnxBytes: Buffer, manifest: ModelManifest, file: string, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(onnxBytes, {
      executionProviders: ['cpu'],
      // 'all' enables the blocked-layout (NCHWc) convolutions the exported graph is shaped for
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: Math.max(1, options.intraOpThreads ?? 1),
      interOpNumThreads: 1,
      enableCpuMemArena: true,
      enableMemPattern: true,
      logSeverityLevel: 3,
    });
  } catch (err) {
    throw new NeurorackError('NR_MODEL_FILE_CORRUPT', `onnxruntime cannot load the model: ${(err as Error).message.split('\n')[0]}`, { file }, { cause: err });
  }
  checkIo(session, manifest, file);
  return session;
}

/** The session's inputs and outputs must be the manifest's, by name, type and fixed sizes. */
function checkIo(session: ort.InferenceSession, manifest: ModelManifest, file: string): void {
  const want = manifest.onnx.inputs.map((t) => t.name).join(', ');
  const got = session.inputNames.join(', ');
  if (want !== got) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected inputs [${want}] as in the manifest, the model has [${got}]`, { file, pointer: '/onnx/inputs' });
  }
  const outWant = manifest.onnx.outputs.map((t) => t.name).join(', ');
  if (outWant !== session.outputNames.join(', ')) {
    throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected outputs [${outWant}], the model has [${session.outputNames.join(', ')}]`, { file, pointer: '/onnx/outputs' });
  }
  const meta = (session as { inputMetadata?: ReadonlyArray<ort.InferenceSession.ValueMetadata> }).inputMetadata;
  meta?.forEach((m, i) => {
    const spec = manifest.onnx.inputs[i]!;
    if (!m.isTensor) return;
    if (m.type !== spec.dtype) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${spec.name} of type ${spec.dtype}, the model has ${m.type}`, { file, pointer: `/onnx/inputs/${i}/dtype` });
    }
    const shape = m.shape;
    if (shape.length && shape.length !== spec.shape.length) {
      throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${spec.name} of rank ${spec.shape.length}, the model has rank ${shape.length}`, { file, pointer: `/onnx/inputs/${i}/shape` });
    }
    shape.forEach((d, k) => {
      const w = spec.shape[k];
      if (typeof d === 'number' && typeof w === 'number' && d !== w) {
        throw new NeurorackError('NR_MODEL_IO_MISMATCH', `expected ${spec.name} dimension ${k} = ${w}, the model has ${d}`, { file, pointer: `/onnx/inputs/${i}/shape/${k}` });
      }
    });
  });
}
