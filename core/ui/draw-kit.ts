import type { Gfx } from './screen-page';
import { rect, type Rect } from './rect';
import { font, type Theme } from './theme';

/** Layout every built-in page shares: a title bar and the content below it. */
export const layout = {
  header: rect(0, 0, 240, 30),
  content: rect(0, 30, 240, 210),
  rowHeight: 26,
} as const;

/** Text cut with an ellipsis to fit `maxWidth` pixels in the current font. */
export function fitText(g: Gfx, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.measureText(text.slice(0, mid) + '…').width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

/**
 * Fits `text` by cutting its middle ("membra…0003"): names of a set often differ only at the end,
 * so the end stays readable where `fitText` would cut two names to the same "membrane-0…".
 */
export function fitMiddle(g: Gfx, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  let keep = text.length - 1;
  for (; keep > 0; keep--) {
    const tail = Math.ceil(keep / 2);
    const cut = text.slice(0, keep - tail) + '…' + text.slice(text.length - tail);
    if (g.measureText(cut).width <= maxWidth) return cut;
  }
  return '…';
}

/** The title bar: title left, an optional status right, an accent rule below. */
export function drawHeader(g: Gfx, t: Theme, title: string, right = ''): void {
  const r = layout.header;
  g.fillStyle = t.panel;
  g.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
  g.fillStyle = t.accent;
  g.fillRect(r.x0, r.y1 - 2, r.x1 - r.x0, 2);
  g.textBaseline = 'middle';
  g.font = font(12, 'normal');
  const rightWidth = right ? g.measureText(right).width + 12 : 0;
  if (right) {
    g.fillStyle = t.dim;
    g.textAlign = 'right';
    g.fillText(right, r.x1 - 8, 14);
  }
  g.font = font(15, 'bold');
  g.fillStyle = t.text;
  g.textAlign = 'left';
  g.fillText(fitText(g, title, 224 - rightWidth), 8, 14);
}

export interface ListRow {
  readonly label: string;
  readonly value?: string;
  /** Drawn dimmed (unavailable) or in the error colour. */
  readonly tone?: 'normal' | 'dim' | 'error' | 'ok' | 'warn';
  /** A small marker before the label (e.g. "A", "B", "▸"). */
  readonly badge?: string;
}

/** The index of the first visible row so that `cursor` stays in view, centred when it can be. */
export function scrollTop(count: number, cursor: number, visible: number): number {
  if (count <= visible) return 0;
  return Math.max(0, Math.min(count - visible, cursor - (visible >> 1)));
}

/** A scrolling list with the cursor row highlighted in the accent colour. */
export function drawList(g: Gfx, t: Theme, r: Rect, rows: readonly ListRow[], cursor: number, opts: { editing?: boolean } = {}): void {
  const h = layout.rowHeight;
  const visible = Math.floor((r.y1 - r.y0) / h);
  const top = scrollTop(rows.length, cursor, visible);
  g.textBaseline = 'middle';
  for (let i = top; i < Math.min(rows.length, top + visible); i++) {
    const row = rows[i]!;
    const y = r.y0 + (i - top) * h;
    const selected = i === cursor;
    if (selected) {
      g.fillStyle = opts.editing ? t.panel : t.accent;
      g.fillRect(r.x0 + 4, y + 2, r.x1 - r.x0 - 8, h - 4);
      if (opts.editing) {
        g.strokeStyle = t.accent;
        g.lineWidth = 2;
        g.strokeRect(r.x0 + 5, y + 3, r.x1 - r.x0 - 10, h - 6);
      }
    }
    const ink = selected && !opts.editing ? t.accentInk : toneColour(t, row.tone);
    let x = r.x0 + 12;
    if (row.badge) {
      g.font = font(11, 'bold');
      g.fillStyle = selected && !opts.editing ? t.accentInk : t.accent;
      g.textAlign = 'left';
      g.fillText(row.badge, x, y + h / 2);
      x += Math.max(16, g.measureText(row.badge).width + 6);
    }
    g.font = font(11, 'normal');
    const valueWidth = row.value ? Math.min(110, g.measureText(row.value).width) + 10 : 0;
    if (row.value) {
      g.fillStyle = selected && !opts.editing ? t.accentInk : opts.editing && selected ? t.accent : t.dim;
      g.textAlign = 'right';
      g.fillText(fitText(g, row.value, 110), r.x1 - 12, y + h / 2);
    }
    g.font = font(14, selected ? 'bold' : 'normal');
    g.fillStyle = ink;
    g.textAlign = 'left';
    g.fillText(fitText(g, row.label, r.x1 - 12 - valueWidth - x), x, y + h / 2);
  }
  if (rows.length > visible) {
    const trackH = r.y1 - r.y0 - 8;
    const thumbH = Math.max(12, (trackH * visible) / rows.length);
    const thumbY = r.y0 + 4 + ((trackH - thumbH) * top) / (rows.length - visible);
    g.fillStyle = t.line;
    g.fillRect(r.x1 - 3, r.y0 + 4, 2, trackH);
    g.fillStyle = t.dim;
    g.fillRect(r.x1 - 3, thumbY, 2, thumbH);
  }
}

export function toneColour(t: Theme, tone: ListRow['tone']): string {
  switch (tone) {
    case 'dim': return t.dim;
    case 'error': return t.error;
    case 'ok': return t.ok;
    case 'warn': return t.warn;
    default: return t.text;
  }
}

/** A horizontal bar filled to `value` (0..1), with an optional centre tick for bipolar values. */
export function drawBar(g: Gfx, t: Theme, r: Rect, value: number, opts: { colour?: string; centre?: boolean } = {}): void {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  g.fillStyle = t.line;
  g.fillRect(r.x0, r.y0, w, h);
  const v = Math.max(0, Math.min(1, value));
  g.fillStyle = opts.colour ?? t.accent;
  if (opts.centre) {
    const mid = r.x0 + w / 2;
    const end = r.x0 + w * v;
    g.fillRect(Math.min(mid, end), r.y0, Math.abs(end - mid), h);
    g.fillStyle = t.dim;
    g.fillRect(mid - 0.5, r.y0 - 2, 1, h + 4);
  } else {
    g.fillRect(r.x0, r.y0, w * v, h);
  }
}

/** Centred text at (x, y) in the given size and colour. */
export function drawCentred(g: Gfx, text: string, x: number, y: number, px: number, colour: string, weight: 'normal' | 'bold' = 'normal'): void {
  g.font = font(px, weight);
  g.fillStyle = colour;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(text, x, y);
}

/** Wraps text into lines no wider than `maxWidth` in the current font (at most `maxLines`). */
export function wrapText(g: Gfx, text: string, maxWidth: number, maxLines = 6): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (g.measureText(next).width <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) lines.push(line);
  return lines.map((l) => fitText(g, l, maxWidth));
}

/** Volts as the screen prints them: sign, two decimals, unit. */
export function formatVolts(v: number): string {
  const s = (Math.abs(v) < 0.005 ? 0 : v).toFixed(2);
  return `${v >= 0.005 ? '+' : ''}${s} V`;
}
