/** A timer waiting in a {@link TimerHeap}: fires at `due`, ties broken by `seq` (the order set). */
export interface QueuedTimer {
  readonly id: number;
  readonly due: number;
  readonly seq: number;
  readonly callback: () => void;
}

function before(a: QueuedTimer, b: QueuedTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/**
 * The virtual clock's timers by due time, then by the order they were set: a binary min-heap, so
 * setting a timer and taking the earliest cost O(log n) whatever the number waiting (a linear scan
 * per timer made 200,000 timers at one instant quadratic). Cancelling is O(1): the timer leaves the
 * live set and its heap slot is skipped when it surfaces; when cancelled slots outnumber live ones
 * the heap is rebuilt from the live timers, so it never holds more than about twice the timers
 * waiting, however many are set and cleared.
 */
export class TimerHeap {
  private readonly heap: QueuedTimer[] = [];
  private readonly live = new Map<number, QueuedTimer>();

  /** Timers waiting to fire (cancelled ones not counted). */
  get size(): number {
    return this.live.size;
  }

  /** Heap slots in use, cancelled timers not yet dropped included (at most about 2 * size + 64). */
  get slots(): number {
    return this.heap.length;
  }

  push(timer: QueuedTimer): void {
    this.live.set(timer.id, timer);
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
  }

  /** Cancels the timer with this id; false when it already fired or was cancelled. */
  cancel(id: number): boolean {
    if (!this.live.delete(id)) return false;
    this.compactIfSparse();
    return true;
  }

  /** The earliest live timer, left in place. */
  peek(): QueuedTimer | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  /** Removes and returns the earliest live timer. */
  pop(): QueuedTimer | undefined {
    this.dropCancelledTop();
    const top = this.heap[0];
    if (top) {
      this.removeTop();
      this.live.delete(top.id);
      this.compactIfSparse();
    }
    return top;
  }

  /** Amortised O(1): a rebuild of n slots follows at least n / 2 cancels or pops since the last. */
  private compactIfSparse(): void {
    if (this.heap.length > 64 && this.heap.length > 2 * this.live.size) this.compact();
  }

  private dropCancelledTop(): void {
    while (this.heap.length && this.live.get(this.heap[0]!.id) !== this.heap[0]) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.siftDown(0);
    }
  }

  /** Rebuilds the heap from the live timers only (Floyd's heapify, O(n)). */
  private compact(): void {
    const kept = this.heap.filter((t) => this.live.get(t.id) === t);
    this.heap.length = 0;
    this.heap.push(...kept);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const t = h[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(t, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = t;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = h.length;
    const t = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[child]!, t)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = t;
  }
}
