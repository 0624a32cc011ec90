import { drawBar, drawCentred, fitText, rect, widget, type ScreenPage, font } from 'neurorack/sdk';

/** Progress while drivers come up and the first model loads: the screen is never blank. */
export const bootPage: ScreenPage = {
  id: 'boot',
  widgets: [
    widget({
      id: 'logo',
      rect: rect(0, 0, 240, 150),
      model: () => 'logo',
      draw(g, _m, t) {
        g.strokeStyle = t.accent;
        g.lineWidth = 3;
        g.beginPath();
        for (let x = 0; x <= 120; x++) {
          const y = 78 - 30 * Math.exp(-x / 30) * Math.sin(x / 4);
          if (x === 0) g.moveTo(60 + x, y);
          else g.lineTo(60 + x, y);
        }
        g.stroke();
        drawCentred(g, 'NEURORACK', 120, 128, 24, t.text, 'bold');
      },
    }),
    widget({
      id: 'progress',
      rect: rect(0, 150, 240, 90),
      model: (f) => ({ p: Math.round(f.view.boot.progress * 100), step: f.view.boot.step }),
      draw(g, m, t) {
        drawBar(g, t, rect(30, 166, 180, 6), m.p / 100);
        g.font = font(12);
        drawCentred(g, fitText(g, m.step, 210), 120, 194, 12, t.dim);
        drawCentred(g, `${m.p}%`, 120, 216, 12, t.text, 'bold');
      },
    }),
  ],
};
