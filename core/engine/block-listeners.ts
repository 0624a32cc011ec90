import type { BlockListener } from './audio-path';

/**
 * The listeners of an audio path's blocks. The list is replaced, never changed in place, so a
 * block being handed out keeps the list it started with (a listener may unsubscribe itself or
 * another while it runs), and handing a block out allocates nothing. `onListening` hears when the
 * first listener comes and the last one goes (the worker path hands blocks over only meanwhile).
 */
export class BlockListeners {
  private list: readonly BlockListener[] = [];

  constructor(private readonly onListening: (listening: boolean) => void = () => undefined) {}

  get listening(): boolean {
    return this.list.length > 0;
  }

  /** Adds a listener; returns its unsubscribe (calling it twice removes it once). */
  add(listener: BlockListener): () => void {
    this.list = [...this.list, listener];
    if (this.list.length === 1) this.onListening(true);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      const at = this.list.indexOf(listener);
      this.list = [...this.list.slice(0, at), ...this.list.slice(at + 1)];
      if (this.list.length === 0) this.onListening(false);
    };
  }

  /** Hands one block to every listener, in the order they came. */
  emit(block: Float32Array, info: Parameters<BlockListener>[1], timeMs: number): void {
    for (const l of this.list) l(block, info, timeMs);
  }
}
