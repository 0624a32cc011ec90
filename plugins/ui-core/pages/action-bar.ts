import { rect, drawCentred, fitText, font, type Theme, type Gfx } from 'neurorack/sdk';

/** The bottom bar of list pages: a hint line, or the row's actions when the bar is open. */
export const actionBarRect = rect(0, 204, 240, 36);

export interface ActionBarModel {
  readonly hint: string;
  /** Open: the actions and the selected one. */
  readonly actions: readonly string[] | null;
  readonly selected: number;
  /** 0..1 of a job in progress, drawn as a bar under the hint (absent: none). */
  readonly progress?: number | null;
}

export function drawActionBar(g: Gfx, m: ActionBarModel, t: Theme): void {
  g.fillStyle = t.panel;
  g.fillRect(0, 204, 240, 36);
  g.fillStyle = t.line;
  g.fillRect(0, 204, 240, 1);
  if (!m.actions) {
    g.font = font(11);
    g.fillStyle = t.dim;
    g.textBaseline = 'middle';
    g.fillText(fitText(g, m.hint, 224), 8, m.progress == null ? 222 : 216);
    if (m.progress != null) {
      g.fillStyle = t.line;
      g.fillRect(8, 229, 224, 5);
      g.fillStyle = t.accent;
      g.fillRect(8, 229, Math.round(224 * Math.min(1, Math.max(0, m.progress))), 5);
    }
    return;
  }
  const w = 232 / m.actions.length;
  m.actions.forEach((label, i) => {
    const x = 4 + i * w;
    const on = i === m.selected;
    g.fillStyle = on ? t.accent : t.bg;
    g.fillRect(x + 2, 209, w - 4, 26);
    g.font = font(12, 'bold');
    drawCentred(g, fitText(g, label, w - 8), x + w / 2, 222, 12, on ? t.accentInk : t.text, 'bold');
  });
}
