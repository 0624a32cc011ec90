import { setThreadPriority } from 'neurorack/sdk';

/**
 * The model worker's entry point. As the sinc-NSF's, the thread loads onnxruntime and its graphs
 * at the default priority (`modelLoad`) and lowers itself to `model` once they are built
 * (frave-worker-loop.ts); first chunks raise it again while they run.
 */
setThreadPriority('modelLoad');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./frave-worker-loop');
