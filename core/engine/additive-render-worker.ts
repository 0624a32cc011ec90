import { parentPort } from 'node:worker_threads';
import { renderAdditive } from './additive-renderer';

/** Renders additive impacts off the control thread: {id, frames, seed} in, {id, audio} out. */
parentPort!.on('message', (m: { id: number; frames: number[][]; seed: number }) => {
  const audio = renderAdditive(m.frames, m.seed);
  parentPort!.postMessage({ id: m.id, audio }, [audio.buffer as ArrayBuffer]);
});
