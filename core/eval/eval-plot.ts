import * as path from 'node:path';
import { createCanvas, type CanvasRenderingContext2D } from 'canvas';
import { DESCRIPTOR_ORDER, type DescriptorName } from '../descriptors';
import { NeurorackError } from '../errors/neurorack-error';
import { registerScreenFonts } from '../ui/screen-fonts';
import { theme } from '../ui/theme';
import { activeFrames, LOG_FLOOR } from './descriptor-agreement';
import type { EvalSound, SoundScore } from './evaluate-model';

/** One model's renders of the set: what it obtained for each sound, and its scores. */
export interface PlotSeries {
  readonly label: string;
  /** Descriptor frames of the render of each sound, in the order of the sounds. */
  readonly obtained: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>;
  readonly scores: readonly SoundScore[];
}

/** The descriptors drawn by default: the level and the four spectral-shape curves a performer hears most. */
export const PLOT_DESCRIPTORS: readonly DescriptorName[] = ['rms', 'rolloff', 'centroid', 'bandwidth', 'flatness'];

/** Asked curve, then one colour per series (the model, then the original checkpoint). */
export const PLOT_COLOURS = { asked: '#e9edf2', series: [theme.warn, theme.accent] } as const;

const PANEL_W = 230;
const PANEL_H = 104;
const GAP = 8;
const LABEL_W = 132;
const HEADER_H = 58;

/**
 * Draws, for every sound (rows) and descriptor (columns), the asked curve and what each series
 * obtained, on a log scale over the sound's frames; frames below the eval's RMS threshold (not
 * scored) are darker. Each panel names the per-sound correlation of each series. Returns a PNG.
 */
export function drawEvalPlot(sounds: readonly EvalSound[], series: readonly PlotSeries[], descriptors: readonly DescriptorName[] = PLOT_DESCRIPTORS): Buffer {
  if (sounds.length === 0) throw new NeurorackError('NR_USAGE', 'expected at least one sound to plot');
  if (series.length === 0 || series.length > PLOT_COLOURS.series.length) {
    throw new NeurorackError('NR_USAGE', `expected 1 to ${PLOT_COLOURS.series.length} series to plot, got ${series.length}`);
  }
  for (const s of series) {
    if (s.obtained.length !== sounds.length || s.scores.length !== sounds.length) {
      throw new NeurorackError('NR_USAGE', `expected ${sounds.length} renders and scores in series '${s.label}', got ${s.obtained.length} and ${s.scores.length}`);
    }
  }
  registerScreenFonts();
  const width = LABEL_W + descriptors.length * (PANEL_W + GAP) + GAP;
  const height = HEADER_H + sounds.length * (PANEL_H + GAP) + GAP;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = theme.bg;
  g.fillRect(0, 0, width, height);
  drawHeader(g, series, descriptors);
  sounds.forEach((sound, row) => {
    const y = HEADER_H + row * (PANEL_H + GAP);
    g.fillStyle = theme.text;
    g.font = `13px "${theme.font.sans}"`;
    g.fillText(path.basename(sound.file), GAP, y + 18);
    g.fillStyle = theme.dim;
    g.font = `11px "${theme.font.sans}"`;
    g.fillText(`${sound.frames.length} frames`, GAP, y + 34);
    descriptors.forEach((name, col) => {
      const x = LABEL_W + col * (PANEL_W + GAP);
      drawPanel(g, x, y, sound, series.map((s) => s.obtained[row]!), series.map((s) => s.scores[row]!.descriptors[name].correlation), name);
    });
  });
  return canvas.toBuffer('image/png');
}

function drawHeader(g: CanvasRenderingContext2D, series: readonly PlotSeries[], descriptors: readonly DescriptorName[]): void {
  g.font = `13px "${theme.font.sans}"`;
  let x = GAP;
  const key: Array<[string, string]> = [['asked', PLOT_COLOURS.asked], ...series.map((s, i): [string, string] => [s.label, PLOT_COLOURS.series[i]!])];
  for (const [label, colour] of key) {
    g.fillStyle = colour;
    g.fillRect(x, 12, 18, 3);
    g.fillStyle = theme.text;
    g.fillText(label, x + 24, 18);
    x += 24 + g.measureText(label).width + 22;
  }
  g.fillStyle = theme.dim;
  g.fillText('log scale; darker frames are below 1% of the peak RMS and not scored; r: correlation of the logs', x, 18);
  g.fillStyle = theme.text;
  descriptors.forEach((name, col) => g.fillText(name, LABEL_W + col * (PANEL_W + GAP), HEADER_H - 8));
}

function drawPanel(g: CanvasRenderingContext2D, x: number, y: number, sound: EvalSound, obtained: ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>, r: readonly number[], name: DescriptorName): void {
  const j = DESCRIPTOR_ORDER.indexOf(name);
  const n = sound.frames.length;
  const curves = [sound.frames, ...obtained].map((frames) => frames.slice(0, n).map((f) => Math.log10(Math.max(f[j]!, LOG_FLOOR))));
  const active = new Set(activeFrames(sound.frames));
  // the range of the scored frames (all frames when none is scored), padded by 5%
  const scored = curves.flatMap((c) => c.filter((_, t) => active.size === 0 || active.has(t)));
  let lo = Math.min(...scored);
  let hi = Math.max(...scored);
  if (!(hi - lo > 1e-6)) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  g.fillStyle = theme.panel;
  g.fillRect(x, y, PANEL_W, PANEL_H);
  const px = (t: number) => x + (n > 1 ? (t / (n - 1)) * PANEL_W : PANEL_W / 2);
  const py = (v: number) => y + PANEL_H - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * PANEL_H;
  g.fillStyle = theme.bg;
  for (let t = 0; t < n; t++) if (!active.has(t)) g.fillRect(px(t) - PANEL_W / n / 2, y, PANEL_W / n + 1, PANEL_H);
  g.antialias = 'none'; // thin noisy curves antialiased take 3x the PNG bytes and look no better at this size
  curves.forEach((c, i) => {
    g.strokeStyle = i === 0 ? PLOT_COLOURS.asked : PLOT_COLOURS.series[i - 1]!;
    g.lineWidth = i === 0 ? 2 : 1.25;
    g.beginPath();
    c.forEach((v, t) => (t === 0 ? g.moveTo(px(t), py(v)) : g.lineTo(px(t), py(v))));
    g.stroke();
  });
  g.antialias = 'default';
  g.font = `11px "${theme.font.mono}"`;
  g.fillStyle = 'rgba(11, 14, 19, 0.8)';
  g.fillRect(x, y, 4 + r.length * 58, 17);
  r.forEach((v, i) => {
    g.fillStyle = PLOT_COLOURS.series[i]!;
    g.fillText(`r ${Number.isFinite(v) ? v.toFixed(2) : 'n/a'}`, x + 4 + i * 58, y + 13);
  });
}
