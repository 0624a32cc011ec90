import type { GateEvent } from './gate-inputs';

/** A listener set whose members cannot break each other (or the caller) by throwing. */
export class GateListeners {
  private readonly listeners = new Set<(event: GateEvent) => void>();

  add(listener: (event: GateEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: GateEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // one listener's bug must not silence the gates
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
