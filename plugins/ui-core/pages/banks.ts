import { drawList, type ListRow, rect, widget, type ScreenPage, type BankView } from 'neurorack/sdk';
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

/**
 * Browse banks, then entries; press an entry to set it as A or B (each slot keeps its own bank), or
 * to preview it: it plays in place of A and B until the performer leaves the entry list.
 */
export const banksPage: ScreenPage<BanksLocal> = {
  id: 'banks',
  init: (view) => ({ bank: null, bankCursor: Math.max(0, view.banks.findIndex((b) => b.id === bankOf(view.bank, 'A'))), entryCursor: 0, acting: false, action: 0 }),
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
          const held = (id: string) => bankOf(v.bank, 'A') === id || bankOf(v.bank, 'B') === id;
          return { cursor: f.local.bankCursor, rows: v.banks.map((b): ListRow => ({ label: b.name, value: `${b.entries.length}`, badge: held(b.id) ? '●' : ' ' })) };
        }
        const bank = v.banks.find((b) => b.id === f.local.bank);
        const previewing = v.bank.preview?.bank === f.local.bank ? v.bank.preview.entry : null;
        const rows = (bank?.entries ?? []).map((e): ListRow => {
          const slots = [bankOf(v.bank, 'A') === f.local.bank && v.bank.entryA === e ? 'A' : '', bankOf(v.bank, 'B') === f.local.bank && v.bank.entryB === e ? 'B' : ''].join('');
          return { label: e, badge: slots || (previewing === e ? '▸' : ' '), value: previewing === e ? 'preview' : '' };
        });
        return { cursor: f.local.entryCursor, rows };
      },
      draw: (g, m, t) => drawList(g, t, LIST, m.rows, m.cursor),
    }),
    widget({
      id: 'actions',
      rect: actionBarRect,
      model: (f) => ({
        hint: !f.local.bank ? 'Press to browse a bank' : f.view.bank.preview ? 'Preview · hold to restore A/B' : `A ${f.view.bank.entryA ?? '—'} · B ${f.view.bank.entryB ?? '—'}`,
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
    else if (l.bank) {
      l.bank = null;
      if (ctx.view.bank.preview) void ctx.actions.endPreview().catch((err: Error) => ctx.toast(err.message, 'error'));
    } else return false;
    return true;
  },
  async onLeave(ctx) {
    if (ctx.view.bank.preview) await ctx.actions.endPreview();
  },
};

/** The bank of entry A or B (views written before A and B could come from two banks name one bank). */
function bankOf(bank: BankView, slot: 'A' | 'B'): string | null {
  return (slot === 'A' ? bank.bankA : bank.bankB) ?? bank.id;
}
