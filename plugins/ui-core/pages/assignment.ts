import { drawList, type ListRow, rect, widget, type ScreenPage, type HostView } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';

const LIST = rect(0, 30, 240, 174);
const GATE_MODES = ['trigger', 'loop', 'none'] as const;

interface AssignLocal {
  cursor: number;
  /** While editing: the option index being offered (not yet applied). */
  editing: number | null;
}

interface Slot {
  readonly jack: string;
  readonly label: string;
  readonly current: string;
  readonly options: ReadonlyArray<{ id: string; name: string }>;
}

function slots(v: HostView): Slot[] {
  const a = v.assignments;
  const cv = a.cv.map((id, i) => ({ jack: `cv${i + 1}`, label: `CV${i + 1}`, current: id, options: a.mappings }));
  const gate = a.gate.map((mode, i) => ({ jack: `gate${i + 1}`, label: `Gate ${i + 1}`, current: mode, options: GATE_MODES.map((m) => ({ id: m, name: m[0]!.toUpperCase() + m.slice(1) })) }));
  return [...cv, ...gate];
}

function nameOf(slot: Slot, id: string): string {
  return slot.options.find((o) => o.id === id)?.name ?? `${id} (missing)`;
}

/** Which mapping each CV jack drives and what each gate does; press, turn through options, press to apply. */
export const assignmentPage: ScreenPage<AssignLocal> = {
  id: 'assignment',
  init: () => ({ cursor: 0, editing: null }),
  widgets: [
    headerWidget((f) => (f.local.editing !== null ? 'choose' : '')),
    widget({
      id: 'list',
      rect: LIST,
      model: (f) => {
        const all = slots(f.view);
        return {
          cursor: f.local.cursor,
          editing: f.local.editing !== null,
          rows: all.map((s, i): ListRow => {
            const shown = i === f.local.cursor && f.local.editing !== null ? s.options[f.local.editing]?.id ?? s.current : s.current;
            const missing = !s.options.some((o) => o.id === s.current);
            return { label: s.label, value: nameOf(s, shown), tone: missing ? 'error' : 'normal' };
          }),
        };
      },
      draw: (g, m, t) => drawList(g, t, LIST, m.rows, m.cursor, { editing: m.editing }),
    }),
    widget({
      id: 'hint',
      rect: actionBarRect,
      model: (f) => ({ hint: f.local.editing !== null ? 'Press to apply · hold to cancel' : 'Press to change an assignment', actions: null, selected: 0 }),
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    const l = ctx.local;
    const all = slots(ctx.view);
    if (l.editing === null) l.cursor = moveCursor(l.cursor, ctx.delta, all.length);
    else l.editing = moveCursor(l.editing, ctx.delta, all[l.cursor]!.options.length);
  },
  async onPress(ctx) {
    const l = ctx.local;
    const slot = slots(ctx.view)[l.cursor];
    if (!slot) return;
    if (l.editing === null) {
      l.editing = Math.max(0, slot.options.findIndex((o) => o.id === slot.current));
      return;
    }
    const choice = slot.options[l.editing];
    l.editing = null;
    if (choice && choice.id !== slot.current) await ctx.actions.assign(slot.jack, choice.id);
  },
  onLongPress(ctx) {
    if (ctx.local.editing === null) return false;
    ctx.local.editing = null;
    return true;
  },
};
