import type { Gfx, Theme } from 'neurorack/sdk';

/**
 * Descriptor curves ([frames][descriptor], 0..1) as lanes over one panel-coloured box: descriptor 0
 * (rms) drawn last and opaque, the others in their theme colours beneath it.
 */
export function drawCurveLanes(g: Gfx, t: Theme, x0: number, y0: number, w: number, h: number, frames: ReadonlyArray<ReadonlyArray<number>>): void {
  g.fillStyle = t.panel;
  g.fillRect(x0, y0, w, h);
  const n = frames.length;
  if (n < 2) return;
  const lanes = frames[0]!.length;
  g.lineWidth = 1.25;
  for (let d = lanes - 1; d >= 0; d--) {
    g.strokeStyle = t.curves[d % t.curves.length]!;
    g.globalAlpha = d === 0 ? 1 : 0.75;
    g.beginPath();
    for (let i = 0; i < n; i++) {
      const x = x0 + (i / (n - 1)) * w;
      const y = y0 + h - 2 - (frames[i]![d] ?? 0) * (h - 4);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.stroke();
  }
  g.globalAlpha = 1;
}
