/**
 * Where one trigger's time went, from its edge to the moment its voice could start (clock ms).
 * The rest of its gate-to-sound time is the hand-over to the audio worker and the block.
 */
export interface GateStages {
  /** When the chip sampled the edge. */
  readonly edgeMs: number;
  /** The edge reached the instrument (polling and the control thread's wake-up). */
  readonly detectMs: number;
  /** The CVs at the edge were read (the gate's scan). */
  readonly scanMs: number;
  /** A stepped gate's wait for the render of those CVs to be published (its first chunk); 0 for a gate that played at once. */
  readonly renderMs: number;
  readonly stepped: boolean;
}

/** Stepped gates waiting for a render version, completed when a render of it (or newer) is published. */
export class GateStageLog {
  private readonly waiting: Array<{ edgeMs: number; heardMs: number; scannedMs: number; version: number }> = [];
  private readonly listeners: Array<(g: GateStages) => void> = [];

  onGate(listener: (g: GateStages) => void): void {
    this.listeners.push(listener);
  }

  /** A gate played at `scannedMs`; `waitsFor` > 0: it waits for that render version. */
  played(edgeMs: number, heardMs: number, scannedMs: number, waitsFor: number): void {
    if (this.listeners.length === 0) return;
    if (waitsFor > 0) {
      if (this.waiting.length < 64) this.waiting.push({ edgeMs, heardMs, scannedMs, version: waitsFor });
      return;
    }
    this.emit({ edgeMs, detectMs: heardMs - edgeMs, scanMs: scannedMs - heardMs, renderMs: 0, stepped: false });
  }

  /** A render of `version` was published at `nowMs`. */
  published(version: number, nowMs: number): void {
    for (let i = 0; i < this.waiting.length;) {
      const g = this.waiting[i]!;
      if (g.version > version) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.emit({ edgeMs: g.edgeMs, detectMs: g.heardMs - g.edgeMs, scanMs: g.scannedMs - g.heardMs, renderMs: Math.max(0, nowMs - g.scannedMs), stepped: true });
    }
  }

  private emit(g: GateStages): void {
    for (const l of this.listeners) l(g);
  }
}
