import { drawCentred, rect, widget, type ScreenPage, type Widget, font, type StatsView } from 'neurorack/sdk';
import { headerWidget } from './common';

type Tone = 'ok' | 'warn' | 'error' | 'normal';

function tile(index: number, label: string, value: (s: StatsView) => { text: string; tone: Tone }): Widget<{ text: string; tone: Tone }> {
  const col = index % 2;
  const row = Math.floor(index / 2);
  const r = rect(col * 120, 32 + row * 52, 120, 52);
  return widget({
    id: label,
    rect: r,
    model: (f) => value(f.view.stats),
    draw(g, m, t) {
      g.fillStyle = t.panel;
      g.fillRect(r.x0 + 4, r.y0 + 3, 112, 46);
      g.font = font(10);
      g.fillStyle = t.dim;
      g.textBaseline = 'middle';
      g.fillText(label.toUpperCase(), r.x0 + 12, r.y0 + 14);
      const colour = m.tone === 'ok' ? t.ok : m.tone === 'warn' ? t.warn : m.tone === 'error' ? t.error : t.text;
      g.textAlign = 'left';
      g.font = font(18, 'bold');
      g.fillStyle = colour;
      g.fillText(m.text, r.x0 + 12, r.y0 + 34);
    },
  });
}

const count = (n: number): { text: string; tone: Tone } => ({ text: String(n), tone: n === 0 ? 'ok' : 'error' });

function uptime(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min ${Math.floor(s % 60)} s`;
}

/** CPU, memory, temperature (where the system reports it), xruns, inference time, deadline misses. */
export const statsPage: ScreenPage = {
  id: 'stats',
  widgets: [
    headerWidget((f) => `up ${uptime(f.view.stats.uptimeS)}`),
    tile(0, 'CPU', (s) => ({ text: `${s.cpuPercent.toFixed(0)} %`, tone: s.cpuPercent > 85 ? 'warn' : 'normal' })),
    tile(1, 'Memory', (s) => ({ text: `${s.memoryMb.toFixed(0)} MB`, tone: 'normal' })),
    tile(2, 'Temp', (s) => (s.temperatureC === null ? { text: 'n/a', tone: 'normal' } : { text: `${s.temperatureC.toFixed(1)} °C`, tone: s.temperatureC > 75 ? 'warn' : 'normal' })),
    tile(3, 'Inference', (s) => ({ text: `${s.inferenceMs.toFixed(1)} ms`, tone: 'normal' })),
    tile(4, 'Xruns', (s) => count(s.xruns)),
    tile(5, 'Misses', (s) => count(s.deadlineMisses)),
    widget({
      id: 'footer',
      rect: rect(0, 190, 240, 50),
      model: (f) => (f.view.stats.xruns || f.view.stats.deadlineMisses ? 'Audio or control deadlines were missed' : 'Keeping up'),
      draw: (g, text, t) => {
        g.font = font(12);
        drawCentred(g, text, 120, 214, 12, t.dim);
      },
    }),
  ],
};
