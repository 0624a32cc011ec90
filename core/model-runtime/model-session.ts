import { NeurorackError } from '../errors/neurorack-error';

/** What builds a session (onnxruntime-node's `InferenceSession`; the core does not load the runtime itself). */
export interface SessionFactory<S> {
  create(bytes: Uint8Array, options: Record<string, unknown>): Promise<S>;
}

/**
 * A CPU inference session for a model file's verified bytes, as the host runs every model: all
 * graph optimisations, sequential, `intraOpThreads` (default 1: the audio path keeps a core for
 * itself) and one inter-op thread, quiet logs; `extra` adds or overrides options. A file the
 * runtime cannot load is NR_MODEL_FILE_CORRUPT naming `file`.
 */
export async function createModelSession<S>(factory: SessionFactory<S>, bytes: Uint8Array, file: string, intraOpThreads = 1, extra: Record<string, unknown> = {}): Promise<S> {
  try {
    return await factory.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: Math.max(1, intraOpThreads),
      interOpNumThreads: 1,
      logSeverityLevel: 3,
      ...extra,
    });
  } catch (err) {
    throw new NeurorackError('NR_MODEL_FILE_CORRUPT', `onnxruntime cannot load the model: ${(err as Error).message.split('\n')[0]}`, { file }, { cause: err });
  }
}

/**
 * The frames of context (left) and lookahead (right) a streaming render needs, from the
 * manifest's `onnx.receptive_field`: the measured effective field when it states one, else the
 * structural one, else `fallback`.
 */
export function streamingField(
  field: { left_frames?: number; right_frames?: number; effective?: { left_frames: number; right_frames: number } } | undefined,
  fallback: { left: number; right: number },
): { left: number; right: number } {
  return {
    left: field?.effective?.left_frames ?? field?.left_frames ?? fallback.left,
    right: field?.effective?.right_frames ?? field?.right_frames ?? fallback.right,
  };
}
