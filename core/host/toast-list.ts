import type { ToastView } from '../ui/host-view';

/** The toasts the screen shows: the newest eight, each with an id the performer dismisses it by. */
export class ToastList {
  private readonly toasts: ToastView[] = [];
  private seq = 0;

  constructor(private readonly onChange: () => void) {}

  push(text: string, level: ToastView['level'] = 'error', code?: string): void {
    this.toasts.push({ id: String(++this.seq), level, text, timeMs: performance.now(), ...(code ? { code } : {}) });
    if (this.toasts.length > 8) this.toasts.shift();
    this.onChange();
  }

  dismiss(id: string): void {
    const i = this.toasts.findIndex((t) => t.id === id);
    if (i >= 0) this.toasts.splice(i, 1);
    this.onChange();
  }

  view(): ToastView[] {
    return [...this.toasts];
  }
}
