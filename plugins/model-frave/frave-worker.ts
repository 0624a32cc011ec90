import { setThreadPriority } from 'neurorack/sdk';

/**
 * The model worker's entry point. As the sinc-NSF's, the thread lowers its priority before
 * onnxruntime loads, so a model loaded while the module plays never takes the audio's core; first
 * chunks raise it again while they run (see frave-worker-loop.ts).
 */
setThreadPriority('model');
// Loaded only now, so that all of its work runs at the lowered priority.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./frave-worker-loop');
