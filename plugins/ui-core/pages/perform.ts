import { drawBar, fitMiddle, fitText, formatVolts, rect, widget, type Gfx, type RangeExcursion, type ScreenPage, type Theme, type Widget, font } from 'neurorack/sdk';
import { headerWidget } from './common';
import { drawCurveLanes } from './curve-lanes';

/** A gate lights for this long after its rising edge, so short triggers are visible. */
const GATE_FLASH_MS = 120;
const CV_TOP = 56;
const CV_ROW = 24;

/** Where a CV row's name ends and its volts begin, and the height of its text line (the bar is below). */
const CV_VALUE_X = 164;
const CV_TEXT_H = 17;

/**
 * One CV row as three widgets, so that a moving CV redraws only what moves: the jack and its
 * mapping's name (which change only with the assignment), the volts, and the bar. As one widget
 * every row redrew its text and fitted the name again on every frame under an LFO.
 */
function cvWidgets(index: number): Widget<any>[] {
  const y = CV_TOP + index * CV_ROW;
  const name = widget({
    id: `cv${index + 1}`,
    rect: rect(0, y, CV_VALUE_X, CV_TEXT_H),
    model: (f) => {
      const cv = f.view.cvs[index];
      return cv ? { jack: cv.jack, name: cv.mapping } : null;
    },
    draw(g, m, t) {
      if (!m) return;
      g.textBaseline = 'middle';
      g.font = font(11, 'bold');
      g.fillStyle = t.accent;
      g.fillText(`CV${m.jack}`, 8, y + 9);
      g.font = font(13);
      g.fillStyle = t.text;
      g.fillText(fitText(g, m.name, 110), 42, y + 9);
    },
  });
  const volts = widget({
    id: `cv${index + 1}-volts`,
    rect: rect(CV_VALUE_X, y, 240 - CV_VALUE_X, CV_TEXT_H),
    model: (f) => {
      const cv = f.view.cvs[index];
      return cv ? formatVolts(cv.volts) : null;
    },
    draw(g, m, t) {
      if (m === null) return;
      g.textBaseline = 'middle';
      g.font = font(13, 'normal', 'mono');
      g.fillStyle = t.text;
      g.textAlign = 'right';
      g.fillText(m, 232, y + 9);
    },
  });
  const bar = widget({
    id: `cv${index + 1}-bar`,
    rect: rect(0, y + CV_TEXT_H, 240, CV_ROW - CV_TEXT_H),
    model: (f) => {
      const cv = f.view.cvs[index];
      return cv ? Math.round(cv.normalised * 200) / 200 : null;
    },
    draw(g, n, t) {
      if (n !== null) drawBar(g, t, rect(42, y + 18, 190, 3), n);
    },
  });
  return [name, volts, bar];
}

/**
 * Over the curves, in the warning colour: the descriptors the CVs push past the playing model's
 * training range, each with an arrow for the way it left (the model was never taught that sound).
 */
function drawOutside(g: Gfx, t: Theme, outside: readonly RangeExcursion[], x0: number, y0: number, w: number): void {
  g.font = font(10, 'bold');
  g.textBaseline = 'middle';
  g.textAlign = 'left';
  const text = fitText(g, `RANGE ${outside.map((o) => `${o.name}${o.direction === 'above' ? '▲' : '▼'}`).join(' ')}`, w - 8);
  const width = g.measureText(text).width + 8;
  g.fillStyle = t.warn;
  g.fillRect(x0, y0, width, 13);
  g.fillStyle = t.bg;
  g.fillText(text, x0 + 4, y0 + 7);
}

/** From FOLLOW_GOOD up the sound followed its curves well; under FOLLOW_POOR it did not. */
const FOLLOW_GOOD = 0.8;
const FOLLOW_POOR = 0.5;

/**
 * Top right of the curves: the follow meter, how closely the last render followed the asked
 * curves (mean Pearson r of log descriptors, measured by the host after each render).
 */
function drawFollow(g: Gfx, t: Theme, r: number, right: number, y0: number): void {
  g.font = font(10, 'bold');
  g.textBaseline = 'middle';
  g.textAlign = 'right';
  const text = `FOLLOW ${r.toFixed(2)}`;
  const width = g.measureText(text).width + 8;
  g.fillStyle = t.bg;
  g.fillRect(right - width, y0, width, 13);
  g.fillStyle = r >= FOLLOW_GOOD ? t.ok : r >= FOLLOW_POOR ? t.warn : t.error;
  g.fillText(text, right - 4, y0 + 7);
  g.textAlign = 'left';
}

/** What the performer looks at: model, entries, the four CVs, gates, output and the curves. */
export const performPage: ScreenPage = {
  id: 'perform',
  widgets: [
    headerWidget(
      // `clamped`: the CVs ask the model for descriptors outside its training range (it clamps them).
      (f) => (f.view.model.loadingId ? 'loading…' : f.view.phase === 'fault' ? 'fault' : f.view.model.outOfRange ? 'clamped' : ''),
      (f) => f.view.model.name || 'No model',
    ),
    widget({
      id: 'entries',
      rect: rect(0, 30, 240, 26),
      model: (f): { preview: string | null; a: string; b: string } => {
        const preview = f.view.bank.preview;
        return preview ? { preview: preview.entry, a: '', b: '' } : { preview: null, a: f.view.bank.entryA ?? '—', b: f.view.bank.entryB ?? '—' };
      },
      draw(g, m, t) {
        g.textBaseline = 'middle';
        const slot = (label: string, name: string, x: number, width: number): void => {
          g.font = font(11, 'bold');
          g.fillStyle = t.accent;
          g.fillText(label, x, 43);
          const w = g.measureText(label).width + 4;
          g.font = font(12);
          g.fillStyle = t.text;
          g.fillText(fitMiddle(g, name, width - w), x + w, 43);
        };
        if (m.preview !== null) slot('PREVIEW', m.preview, 6, 228);
        else {
          slot('A', m.a, 6, 112);
          slot('B', m.b, 122, 112);
        }
      },
    }),
    ...cvWidgets(0),
    ...cvWidgets(1),
    ...cvWidgets(2),
    ...cvWidgets(3),
    widget({
      id: 'gates',
      rect: rect(0, 152, 104, 22),
      model: (f) => f.view.gates.map((gt) => ({ jack: gt.jack, lit: gt.high || (gt.lastEdgeMs !== null && f.nowMs - gt.lastEdgeMs < GATE_FLASH_MS && f.nowMs >= gt.lastEdgeMs), mode: gt.mode })),
      draw(g, gates, t) {
        g.textBaseline = 'middle';
        gates.forEach((gt, i) => {
          const x = 8 + i * 48;
          g.fillStyle = gt.lit ? t.accent : t.line;
          g.beginPath();
          g.arc(x + 5, 163, 5, 0, Math.PI * 2);
          g.fill();
          g.font = font(11, 'bold');
          g.fillStyle = gt.mode === 'none' ? t.dim : t.text;
          g.fillText(`G${gt.jack}`, x + 14, 163);
        });
      },
    }),
    widget({
      id: 'output',
      rect: rect(104, 152, 136, 22),
      model: (f) => ({ level: Math.round(Math.max(-60, f.view.output.levelDb)), peak: Math.round(Math.max(-60, f.view.output.peakDb)), clip: f.view.output.clipping }),
      draw(g, m, t) {
        g.textBaseline = 'middle';
        g.font = font(10, 'bold');
        g.fillStyle = m.clip ? t.error : t.dim;
        g.fillText(m.clip ? 'CLIP' : 'OUT', 108, 163);
        const bar = rect(140, 159, 92, 8);
        drawBar(g, t, bar, (m.level + 60) / 60, { colour: m.clip ? t.error : t.ok });
        g.fillStyle = t.text;
        g.fillRect(bar.x0 + ((m.peak + 60) / 60) * 92 - 1, 157, 2, 12);
      },
    }),
    widget({
      id: 'curves',
      rect: rect(0, 176, 240, 64),
      model: (f) => ({ frames: f.view.curves.frames, playhead: f.view.curves.playhead === null ? null : Math.round(f.view.curves.playhead * 232), outside: f.view.curves.outside, follow: f.view.follow?.r ?? null }),
      draw(g, m, t) {
        const x0 = 4;
        const w = 232;
        const y0 = 180;
        const h = 56;
        drawCurveLanes(g, t, x0, y0, w, h, m.frames);
        if (m.playhead !== null) {
          g.fillStyle = t.accent;
          g.fillRect(x0 + m.playhead - 1, y0, 2, h);
        }
        if (m.outside.length > 0) drawOutside(g, t, m.outside, x0, y0, w);
        if (m.follow !== null) drawFollow(g, t, m.follow, x0 + w, y0);
      },
    }),
  ],
};
