import * as ort from 'onnxruntime-node';
import { checkGraphIo, NeurorackError } from 'neurorack/sdk';
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
  checkGraphIo(session, manifest.onnx, file);
  return session;
}

