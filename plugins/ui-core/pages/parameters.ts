import { drawList, type ListRow, rect, widget, type ScreenPage, type ParamView } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';

const LIST = rect(0, 30, 240, 174);

interface ParamsLocal {
  cursor: number;
  editing: boolean;
}

export function formatParam(p: ParamView): string {
  const decimals = p.step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(p.step)));
  const value = p.id === 'volume' ? `${Math.round(p.value * 100)}%` : p.value.toFixed(decimals);
  return p.unit && p.id !== 'volume' ? `${value} ${p.unit}` : value;
}

/** The value after turning `steps` (already accelerated): choices move by index, ranges by step. */
export function stepParam(p: ParamView, steps: number): number {
  if (p.choices?.length) {
    const i = p.choices.indexOf(p.value);
    return p.choices[Math.max(0, Math.min(p.choices.length - 1, (i < 0 ? 0 : i) + Math.sign(steps) * Math.max(1, Math.round(Math.abs(steps) / 4))))]!;
  }
  return Math.max(p.min, Math.min(p.max, p.value + steps * p.step));
}

/** Volume, polyphony, block size and every parameter plugins declare; press to edit, turn to adjust. */
export const parametersPage: ScreenPage<ParamsLocal> = {
  id: 'parameters',
  init: () => ({ cursor: 0, editing: false }),
  widgets: [
    headerWidget((f) => (f.local.editing ? 'editing' : '')),
    widget({
      id: 'list',
      rect: LIST,
      model: (f) => ({ cursor: f.local.cursor, editing: f.local.editing, rows: f.view.params.map((p): ListRow => ({ label: p.name, value: formatParam(p) })) }),
      draw: (g, m, t) => drawList(g, t, LIST, m.rows, m.cursor, { editing: m.editing }),
    }),
    widget({
      id: 'hint',
      rect: actionBarRect,
      model: (f) => {
        const p = f.view.params[f.local.cursor];
        const range = p ? (p.choices ? p.choices.join(' / ') : `${p.min}…${p.max}${p.unit ? ' ' + p.unit : ''}`) : '';
        return { hint: f.local.editing ? `Turn to adjust · ${range}` : `Press to edit · ${range}`, actions: null, selected: 0 };
      },
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    const l = ctx.local;
    const p = ctx.view.params[l.cursor];
    if (!l.editing || !p) {
      l.cursor = moveCursor(l.cursor, ctx.delta, ctx.view.params.length);
      return;
    }
    void ctx.actions.setParam(p.id, stepParam(p, ctx.accelerated)).catch((err: Error) => ctx.toast(err.message, 'error'));
  },
  onPress(ctx) {
    if (ctx.view.params.length) ctx.local.editing = !ctx.local.editing;
  },
  onLongPress(ctx) {
    if (!ctx.local.editing) return false;
    ctx.local.editing = false;
    return true;
  },
};
