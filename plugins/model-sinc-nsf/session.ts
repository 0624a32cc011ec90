import * as ort from 'onnxruntime-node';
import { checkGraphIo, createModelSession, type ModelManifest } from 'neurorack/sdk';

/** How the runtime runs a model; thread counts come from the rack config. */
export interface SessionOptions {
  /** Threads inside one operator (default 1: the audio path keeps a core for itself). */
  readonly intraOpThreads?: number;
}

/** An ONNX Runtime session for the verified model bytes, tuned for the sinc-NSF graph. */
export async function createSession(onnxBytes: Buffer, manifest: ModelManifest, file: string, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  // 'all' enables the blocked-layout (NCHWc) convolutions the exported graph is shaped for
  const session = await createModelSession(ort.InferenceSession, onnxBytes, file, options.intraOpThreads, { enableCpuMemArena: true, enableMemPattern: true });
  checkGraphIo(session, manifest.onnx, file);
  return session;
}

