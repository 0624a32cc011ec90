import { drawCentred, fitText, wrapText } from './draw-kit';
import { rect } from './rect';
import { widget } from './screen-page';
import { font } from './theme';

export interface ToastModel {
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
  /** Toasts waiting behind this one. */
  readonly more: number;
}

/** The newest toast, in a box at the bottom of the screen, coloured by level. */
export const toastOverlay = widget<ToastModel>({
  id: 'overlay:toast',
  rect: rect(6, 186, 228, 50),
  model: () => ({ level: 'info', text: '', more: 0 }),
  draw(g, m, t) {
    const colour = m.level === 'error' ? t.error : m.level === 'warn' ? t.warn : t.accent;
    g.fillStyle = t.panel;
    g.fillRect(6, 186, 228, 50);
    g.fillStyle = colour;
    g.fillRect(6, 186, 4, 50);
    g.font = font(12);
    g.fillStyle = t.text;
    g.textBaseline = 'middle';
    g.textAlign = 'left';
    const lines = wrapText(g, m.text, m.more ? 180 : 212, 2);
    lines.forEach((line, i) => g.fillText(line, 16, lines.length === 1 ? 211 : 201 + i * 18));
    if (m.more) {
      g.fillStyle = t.dim;
      g.textAlign = 'right';
      g.fillText(`+${m.more}`, 228, 211);
    }
  },
});

export interface DialogModel {
  readonly text: string;
  readonly choice: 0 | 1;
}

/** A No/Yes question over the page; turn picks, press confirms, long press cancels. */
export const dialogOverlay = widget<DialogModel>({
  id: 'overlay:dialog',
  rect: rect(16, 64, 208, 112),
  model: () => ({ text: '', choice: 0 }),
  draw(g, m, t) {
    g.fillStyle = t.panel;
    g.fillRect(16, 64, 208, 112);
    g.strokeStyle = t.accent;
    g.lineWidth = 2;
    g.strokeRect(17, 65, 206, 110);
    g.font = font(16, 'bold');
    drawCentred(g, fitText(g, m.text, 188), 120, 96, 16, t.text, 'bold');
    const buttons: Array<[string, number]> = [['No', 70], ['Yes', 170]];
    buttons.forEach(([label, x], i) => {
      const selected = m.choice === i;
      g.fillStyle = selected ? t.accent : t.bg;
      g.fillRect(x - 40, 128, 80, 30);
      drawCentred(g, label, x, 143, 15, selected ? t.accentInk : t.dim, 'bold');
    });
  },
});
