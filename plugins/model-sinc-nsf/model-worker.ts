import { setThreadPriority } from 'neurorack/sdk';

/**
 * The model worker's entry point. The thread loads onnxruntime and builds the session at the
 * default priority (`modelLoad`): at boot that load is the path to playable, and a model loaded
 * while the module plays still goes after the audio worker and the control thread, which run
 * raised. Once the session is built the loop lowers the thread to `model` (model-worker-loop.ts):
 * when the CPU is short, renders wait; a late render is heard a little later, a late audio block
 * is a dropout.
 */
setThreadPriority('modelLoad');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./model-worker-loop');
