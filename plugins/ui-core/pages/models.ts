import { drawList, type ListRow, rect, widget, type PageInputContext, type ScreenPage, type HostView, type InstalledModel } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor, type ListActionsLocal } from './common';

const LIST = rect(0, 30, 240, 174);

function actionsFor(view: HostView, m: InstalledModel | undefined): string[] {
  if (!m) return [];
  if (m.id !== view.model.id) return ['Play', 'Benchmark'];
  return view.model.timbres?.length ? ['Reload', 'Benchmark', 'Timbre'] : ['Reload', 'Benchmark'];
}

/** The timbre after the playing one, in the model's order (wrapping): what `Timbre` switches to. */
function nextTimbre(view: HostView): string | undefined {
  const list = view.model.timbres ?? [];
  return list[(list.indexOf(view.model.timbre ?? '') + 1) % list.length];
}

function statusText(m: InstalledModel, view: HostView): string {
  if (m.status === 'error') return 'error';
  if (m.status === 'loading' || view.model.loadingId === m.id) return 'loading…';
  return m.rtf !== null ? `RTF ${m.rtf.toFixed(2)}` : m.source;
}

async function run(ctx: PageInputContext<ListActionsLocal>): Promise<void> {
  const m = ctx.view.models[ctx.local.cursor];
  const label = actionsFor(ctx.view, m)[ctx.local.action];
  ctx.local.acting = false;
  if (!m || !label) return;
  if (label === 'Play') {
    await ctx.actions.selectModel(m.id);
    ctx.toast(`Loading ${m.name}; the current model plays meanwhile`);
  } else if (label === 'Timbre') {
    const next = nextTimbre(ctx.view);
    if (!next) return;
    await ctx.actions.selectTimbre(next);
    ctx.toast(`${m.name}: timbre ${next}`, 'info');
  } else if (label === 'Reload') {
    await ctx.actions.reloadModel();
    ctx.toast(`Reloading ${m.name}`);
  } else {
    const { rtf } = await ctx.actions.runBenchmark(m.id);
    ctx.toast(`${m.name}: RTF ${rtf.toFixed(2)} (${rtf < 1 ? 'keeps up' : 'too slow'})`, rtf < 1 ? 'info' : 'warn');
  }
}

/** Every installed model; press a row for Play (loads while the current one plays) / Reload / Benchmark, and for a playing model with timbres, Timbre (the next one). */
export const modelsPage: ScreenPage<ListActionsLocal> = {
  id: 'models',
  init: (view) => ({ cursor: Math.max(0, view.models.findIndex((m) => m.id === view.model.id)), acting: false, action: 0 }),
  widgets: [
    headerWidget((f) => `${f.view.models.length} installed`),
    widget({
      id: 'list',
      rect: LIST,
      model: (f) => ({
        cursor: f.local.cursor,
        rows: f.view.models.map((m): ListRow => ({
          label: m.name,
          value: statusText(m, f.view),
          badge: m.id === f.view.model.id ? '▶' : ' ',
          tone: m.status === 'error' ? 'error' : m.status === 'loading' ? 'warn' : 'normal',
        })),
      }),
      draw: (g, m, t) => drawList(g, t, LIST, m.rows, m.cursor),
    }),
    widget({
      id: 'actions',
      rect: actionBarRect,
      model: (f) => {
        const m = f.view.models[f.local.cursor];
        const timbre = m && m.id === f.view.model.id && f.view.model.timbre ? ` · timbre ${f.view.model.timbre}` : '';
        const hint = !m ? 'No models installed' : m.status === 'error' ? (m.error ?? 'cannot load') : `${m.id} · ${m.source}${timbre}`;
        return { hint, actions: f.local.acting ? actionsFor(f.view, m) : null, selected: f.local.action };
      },
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    const l = ctx.local;
    if (l.acting) l.action = moveCursor(l.action, ctx.delta, actionsFor(ctx.view, ctx.view.models[l.cursor]).length);
    else l.cursor = moveCursor(l.cursor, ctx.delta, ctx.view.models.length);
  },
  onPress(ctx) {
    const l = ctx.local;
    const m = ctx.view.models[l.cursor];
    if (!m) return;
    if (!l.acting) {
      if (m.status === 'error') {
        ctx.toast(`${m.name}: ${m.error ?? 'cannot load'}`, 'error');
        return;
      }
      l.acting = true;
      l.action = 0;
      return;
    }
    return run(ctx);
  },
  onLongPress(ctx) {
    if (!ctx.local.acting) return false;
    ctx.local.acting = false;
    return true;
  },
};
