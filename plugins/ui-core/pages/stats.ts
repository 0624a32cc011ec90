import { drawList, wrapText, type ListRow, type StatsView, rect, widget, type Gfx, type ScreenPage, font, type Theme } from 'neurorack/sdk';
import { drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';

type Tone = 'ok' | 'warn' | 'error' | 'normal';

interface StatsLocal {
  /** The list of what missed (and the reset), instead of the tiles. */
  details: boolean;
  cursor: number;
}

const BODY = rect(0, 30, 240, 158);
const FOOTER = rect(0, 188, 240, 52);

interface TileModel {
  readonly label: string;
  readonly text: string;
  readonly tone: Tone;
}

function drawTile(g: Gfx, index: number, m: TileModel, t: Theme): void {
  const x0 = (index % 2) * 120;
  const y0 = 32 + Math.floor(index / 2) * 52;
  g.fillStyle = t.panel;
  g.fillRect(x0 + 4, y0 + 3, 112, 46);
  g.font = font(10);
  g.fillStyle = t.dim;
  g.textBaseline = 'middle';
  g.textAlign = 'left';
  g.fillText(m.label.toUpperCase(), x0 + 12, y0 + 14);
  g.font = font(18, 'bold');
  g.fillStyle = m.tone === 'ok' ? t.ok : m.tone === 'warn' ? t.warn : m.tone === 'error' ? t.error : t.text;
  g.fillText(m.text, x0 + 12, y0 + 34);
}

function tiles(s: StatsView): TileModel[] {
  return [
    { label: 'CPU', text: `${s.cpuPercent.toFixed(0)} %`, tone: s.cpuPercent > 85 ? 'warn' : 'normal' },
    { label: 'Memory', text: `${s.memoryMb.toFixed(0)} MB`, tone: 'normal' },
    s.temperatureC === null ? { label: 'Temp', text: 'n/a', tone: 'normal' } : { label: 'Temp', text: `${s.temperatureC.toFixed(1)} °C`, tone: s.temperatureC > 75 ? 'warn' : 'normal' },
    { label: 'Inference', text: `${s.inferenceMs.toFixed(1)} ms`, tone: 'normal' },
    { label: 'Xruns', ...count(s.xruns) },
    { label: 'Misses', ...count(s.deadlineMisses) },
  ];
}

const count = (n: number): { text: string; tone: Tone } => ({ text: String(n), tone: n === 0 ? 'ok' : 'error' });

function uptime(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min ${Math.floor(s % 60)} s`;
}

/** What the tiles' footer says: whether anything was missed, and that a press shows what. */
export function statsFooter(s: StatsView): string {
  if (!s.xruns && !s.deadlineMisses) return 'Keeping up. Press for details';
  return `${s.xruns && s.deadlineMisses ? 'Audio and tasks' : s.xruns ? 'Audio blocks' : 'Tasks'} missed deadlines: press to see which, and reset`;
}

/** The details list: xruns, then every task that missed, most misses first. */
export function statsDetails(s: StatsView): ListRow[] {
  const rows: ListRow[] = [{ label: 'Xruns (audio late)', value: String(s.xruns), tone: s.xruns ? 'error' : 'ok' }];
  const tasks = s.missedTasks ?? [];
  for (const t of tasks) rows.push({ label: `Missed: ${t.id}`, value: String(t.misses), tone: 'error' });
  if (!tasks.length) rows.push({ label: 'No task missed a deadline', value: '', tone: 'ok' });
  return rows;
}

/**
 * CPU, memory, temperature (where the system reports it), xruns, inference time, deadline misses.
 * A press shows which tasks missed; a press there asks to reset the counters.
 */
export const statsPage: ScreenPage<StatsLocal> = {
  id: 'stats',
  init: () => ({ details: false, cursor: 0 }),
  // The tiles and the details list share one widget (and the footer and the action bar another):
  // widgets that overlap would clear each other.
  widgets: [
    headerWidget<StatsLocal>((f) => `up ${uptime(f.view.stats.uptimeS)}`),
    widget<{ tiles: TileModel[] } | { rows: ListRow[]; cursor: number }, StatsLocal>({
      id: 'body',
      rect: BODY,
      model: (f) => (f.local.details ? { rows: statsDetails(f.view.stats), cursor: f.local.cursor } : { tiles: tiles(f.view.stats) }),
      draw: (g, m, t) => {
        if ('tiles' in m) m.tiles.forEach((tile, i) => drawTile(g, i, tile, t));
        else drawList(g, t, BODY, m.rows, m.cursor);
      },
    }),
    widget<{ footer: string } | { hint: string }, StatsLocal>({
      id: 'footer',
      rect: FOOTER,
      model: (f) => (f.local.details ? { hint: 'Press: reset counters · hold: back' } : { footer: statsFooter(f.view.stats) }),
      draw: (g, m, t) => {
        if ('hint' in m) return drawActionBar(g, { hint: m.hint, actions: null, selected: 0 }, t);
        g.font = font(12);
        g.fillStyle = t.dim;
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        wrapText(g, m.footer, 224, 2).forEach((line, i) => g.fillText(line, 120, 204 + i * 17));
      },
    }),
  ],
  onTurn(ctx) {
    if (ctx.local.details) ctx.local.cursor = moveCursor(ctx.local.cursor, ctx.delta, statsDetails(ctx.view.stats).length);
  },
  onPress(ctx) {
    const l = ctx.local;
    if (!l.details) {
      l.details = true;
      l.cursor = 0;
      return;
    }
    ctx.confirm('Reset counters?', async () => {
      await ctx.actions.resetStats();
      l.details = false;
    });
  },
  onLongPress(ctx) {
    if (!ctx.local.details) return false;
    ctx.local.details = false;
    return true;
  },
};
