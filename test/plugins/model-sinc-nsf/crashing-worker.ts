import { parentPort, threadId } from 'node:worker_threads';

/**
 * A stand-in model worker for ModelWorkerClient tests (fault injection): it answers init, and a
 * render answers silence except seed 13, which throws out of the handler (the thread crashes),
 * and seed 14, which exits the thread with code 3.
 */
parentPort!.on('message', (m: { id: number; op: string; t?: number; seed?: number }) => {
  if (m.op === 'render' && m.seed === 13) throw new Error('injected crash');
  if (m.op === 'render' && m.seed === 14) process.exit(3);
  const value = m.op === 'init' ? { threadId } : new Float32Array((m.t ?? 0) * 512);
  parentPort!.postMessage({ id: m.id, ok: true, value });
});
