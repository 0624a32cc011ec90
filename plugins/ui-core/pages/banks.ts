import { drawList, type ListRow, rect, widget, type ScreenPage } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';

const LIST = rect(0, 30, 240, 174);
const ENTRY_ACTIONS = ['Set A', 'Set B', 'Preview'] as const;

interface BanksLocal {
  /** null: browsing banks; otherwise the bank whose entries are listed. */
  bank: string | null;
  bankCursor: number;
  entryCursor: number;
  acting: boolean;
  action: number;
}

/** Browse banks, then entries; press an entry to set it as A or B, or to preview it. */
export const banksPage: ScreenPage<BanksLocal> = {
  id: 'banks',
  init: (view) => ({ bank: null, bankCursor: Math.max(0, view.banks.findIndex((b) => b.id === view.bank.id)), entryCursor: 0, acting: false, action: 0 }),
  widgets: [
    headerWidget(
      (f) => (f.local.bank ? `${f.view.banks.find((b) => b.id === f.local.bank)?.entries.length ?? 0} entries` : `${f.view.banks.length} banks`),
      (f) => (f.local.bank ? (f.view.banks.find((b) => b.id === f.local.bank)?.name ?? f.local.bank) : 'Banks'),
    ),
    widget({
      id: 'list',
      rect: LIST,
      model: (f) => {
        const v = f.view;
        if (!f.local.bank) {
          return { cursor: f.local.bankCursor, rows: v.banks.map((b): ListRow => ({ label: b.name, value: `${b.entries.length}`, badge: b.id === v.bank.id ? '●' : ' ' })) };
        }
        const bank = v.banks.find((b) => b.id === f.local.bank);
        const here = v.bank.id === f.local.bank;
        const rows = (bank?.entries ?? []).map((e): ListRow => {
          const slots = [here && v.bank.entryA === e ? 'A' : '', here && v.bank.entryB === e ? 'B' : ''].join('');
          return { label: e, badge: slots || ' ', value: '' };
        });
        return { cursor: f.local.entryCursor, rows };
      },
      draw: (g, m, t) => drawList(g, t, LIST, m.rows, m.cursor),
    }),
    widget({
      id: 'actions',
      rect: actionBarRect,
      model: (f) => ({
        hint: f.local.bank ? `A ${f.view.bank.entryA ?? '—'} · B ${f.view.bank.entryB ?? '—'}` : 'Press to browse a bank',
        actions: f.local.acting ? [...ENTRY_ACTIONS] : null,
        selected: f.local.action,
      }),
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    const l = ctx.local;
    if (l.acting) l.action = moveCursor(l.action, ctx.delta, ENTRY_ACTIONS.length);
    else if (l.bank) l.entryCursor = moveCursor(l.entryCursor, ctx.delta, ctx.view.banks.find((b) => b.id === l.bank)?.entries.length ?? 0);
    else l.bankCursor = moveCursor(l.bankCursor, ctx.delta, ctx.view.banks.length);
  },
  async onPress(ctx) {
    const l = ctx.local;
    if (!l.bank) {
      const bank = ctx.view.banks[l.bankCursor];
      if (bank) {
        l.bank = bank.id;
        l.entryCursor = 0;
      }
      return;
    }
    const entry = ctx.view.banks.find((b) => b.id === l.bank)?.entries[l.entryCursor];
    if (!entry) return;
    if (!l.acting) {
      l.acting = true;
      l.action = 0;
      return;
    }
    l.acting = false;
    const what = ENTRY_ACTIONS[l.action];
    if (what === 'Preview') await ctx.actions.previewEntry(l.bank, entry);
    else await ctx.actions.chooseEntry(what === 'Set A' ? 'A' : 'B', l.bank, entry);
  },
  onLongPress(ctx) {
    const l = ctx.local;
    if (l.acting) l.acting = false;
    else if (l.bank) l.bank = null;
    else return false;
    return true;
  },
};
