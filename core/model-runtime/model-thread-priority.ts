import { setThreadPriority, THREAD_NICENESS, type ThreadRole } from '../scheduler/thread-priority';
import { FirstChunkGate } from './first-chunk-gate';

/** Where a loaded model thread rests: `model`, or the priority of the only chunks it writes (see {@link ModelThreadPriority.restAt}). */
export type ModelRestRole = 'model' | 'firstChunk' | 'urgentChunk';

/**
 * A model thread's priority over its life, for a model runtime's worker:
 * - while its model loads (the runtime, the session, then the golden check and the warm-up its
 *   model runs on it): `modelBoot` when the host is booting (nothing plays yet and the load is the
 *   path to playable), else `modelLoad` (the module plays meanwhile: the load goes after the audio
 *   and the control thread);
 * - once its model says it is loaded ({@link loaded}): `model`, after the main thread;
 * - while a first chunk is wanted ({@link gate}): `firstChunk` (`urgentChunk` while a voice waits
 *   for one), or its load's priority if higher.
 * At boot the load used to drop to `model` (nice 10) as soon as the session was built: the golden
 * check and the warm-up then took 120-270 ms beside the main thread and the bank thread.
 */
export class ModelThreadPriority {
  private rest: ThreadRole = 'modelLoad';
  /** The gate a worker's progressive renders share: first chunks raise the thread while they run. */
  readonly gate = new FirstChunkGate((pending, urgent) => void setThreadPriority(pending ? moreUrgent(urgent ? 'urgentChunk' : 'firstChunk', this.rest) : this.rest));

  /** The load begins (the worker's init): at `modelBoot` while the host boots, else `modelLoad`. */
  loading(booting: boolean): void {
    this.rest = booting ? 'modelBoot' : 'modelLoad';
    setThreadPriority(this.rest);
  }

  /** The model is loaded and warm (or its load failed): renders from here on run at `model` (or where {@link restAt} says). */
  loaded(): void {
    this.rest = 'model';
    setThreadPriority('model');
  }

  /**
   * Back where it rests, unless a first chunk waits or runs: after each render request, for a
   * request its client raised the thread for (ModelWorkerClient.request's `raise`) that then
   * wrote no first chunk (stopped before it began).
   */
  settle(): void {
    if (!this.gate.pending) setThreadPriority(this.rest);
  }

  /**
   * A loaded thread that writes nothing but first chunks (a runtime's lane kept for them) rests at
   * their priority instead of `model`: woken at nice 10 for its next chunk, a lane waited behind
   * the running threads before it could raise itself (a stepped gate's chunk reached its lane
   * 0.5 to 2.4 ms after it was sent, under a patch of gates and CV steps). It sleeps between
   * chunks, so resting there costs nothing. `model` puts it back among the threads that write
   * everything.
   */
  restAt(role: ModelRestRole): void {
    this.rest = role;
    if (!this.gate.pending) setThreadPriority(role);
  }
}

function moreUrgent(a: ThreadRole, b: ThreadRole): ThreadRole {
  return THREAD_NICENESS[a] <= THREAD_NICENESS[b] ? a : b;
}
