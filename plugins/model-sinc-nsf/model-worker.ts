import { setThreadPriority } from 'neurorack/sdk';

/**
 * The model worker's entry point. The thread lowers its priority before anything heavy loads:
 * loading onnxruntime and building the session take a core for a few hundred milliseconds, and a
 * model loaded while the module plays (a switch from the menu) must not take it from the audio.
 * When the CPU is short, the audio worker and the control thread (gates, CVs) run first and
 * renders wait: a late render is heard a little later, a late audio block is a dropout.
 */
setThreadPriority('model');
// Loaded only now, so that all of its work runs at the lowered priority.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./model-worker-loop');
