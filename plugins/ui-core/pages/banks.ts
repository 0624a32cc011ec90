import { drawCentred, drawList, type ListRow, rect, widget, type ScreenPage, type BankView } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';
import { communityHint, communityOffered, communityRows, registryRows } from './community-rows';
import { drawCurveLanes } from './curve-lanes';

const LIST = rect(0, 30, 240, 174);
/** While browsing a registry: five rows, then the first entry's curves of the bank under the cursor. */
const COMMUNITY_LIST = rect(0, 30, 240, 130);
const COMMUNITY_CURVES = rect(4, 163, 232, 38);
const ENTRY_ACTIONS = ['Set A', 'Set B', 'Preview'] as const;
const COMMUNITY_ACTIONS = ['Install', 'Cancel'] as const;

interface BanksLocal {
  /** null: browsing banks; otherwise the bank whose entries are listed. */
  bank: string | null;
  bankCursor: number;
  entryCursor: number;
  acting: boolean;
  action: number;
  /** Browsing a registry's banks (the community row was pressed). */
  community: boolean;
  communityCursor: number;
}

/**
 * Browse banks, then entries; press an entry to set it as A or B (each slot keeps its own bank), or
 * to preview it: it plays in place of A and B until the performer leaves the entry list. When the
 * rack names registries and a network is there, the last rows (one per registry) list a registry's
 * banks; pressing one installs it (verified as `bank install` verifies it), its progress in the
 * bottom bar.
 */
export const banksPage: ScreenPage<BanksLocal> = {
  id: 'banks',
  init: (view) => ({ bank: null, bankCursor: Math.max(0, view.banks.findIndex((b) => b.id === bankOf(view.bank, 'A'))), entryCursor: 0, acting: false, action: 0, community: false, communityCursor: 0 }),
  widgets: [
    headerWidget(
      (f) => (f.local.community ? `${f.view.community.listing?.banks.length ?? 0} banks` : f.local.bank ? `${f.view.banks.find((b) => b.id === f.local.bank)?.entries.length ?? 0} entries` : `${f.view.banks.length} banks`),
      (f) => (f.local.community ? 'Community' : f.local.bank ? (f.view.banks.find((b) => b.id === f.local.bank)?.name ?? f.local.bank) : 'Banks'),
    ),
    widget({
      id: 'list',
      rect: LIST,
      model: (f) => {
        const v = f.view;
        if (f.local.community) {
          const listing = v.community.listing;
          return { cursor: f.local.communityCursor, rows: communityRows(v), curves: listing?.banks[f.local.communityCursor]?.curves ?? null, listed: !!listing?.banks.length };
        }
        if (!f.local.bank) {
          const held = (id: string) => bankOf(v.bank, 'A') === id || bankOf(v.bank, 'B') === id;
          const rows = v.banks.map((b): ListRow => ({ label: b.name, value: `${b.entries.length}`, badge: held(b.id) ? '●' : ' ' }));
          return { cursor: f.local.bankCursor, rows: [...rows, ...registryRows(v)] };
        }
        const bank = v.banks.find((b) => b.id === f.local.bank);
        const previewing = v.bank.preview?.bank === f.local.bank ? v.bank.preview.entry : null;
        const rows = (bank?.entries ?? []).map((e): ListRow => {
          const slots = [bankOf(v.bank, 'A') === f.local.bank && v.bank.entryA === e ? 'A' : '', bankOf(v.bank, 'B') === f.local.bank && v.bank.entryB === e ? 'B' : ''].join('');
          return { label: e, badge: slots || (previewing === e ? '▸' : ' '), value: previewing === e ? 'preview' : '' };
        });
        return { cursor: f.local.entryCursor, rows };
      },
      draw: (g, m, t) => {
        if (!('curves' in m)) return drawList(g, t, LIST, m.rows, m.cursor);
        drawList(g, t, COMMUNITY_LIST, m.rows, m.cursor);
        if (!m.listed) return;
        const r = COMMUNITY_CURVES;
        drawCurveLanes(g, t, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0, m.curves ?? []);
        if (!m.curves) drawCentred(g, 'reading curves…', (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2 + 4, 12, t.dim);
      },
    }),
    widget({
      id: 'actions',
      rect: actionBarRect,
      model: (f) => f.local.community ? { ...communityHint(f.view, f.local.communityCursor), actions: f.local.acting ? [...COMMUNITY_ACTIONS] : null, selected: f.local.action } : ({
        hint: !f.local.bank ? 'Press to browse a bank' : f.view.bank.preview ? 'Preview · hold to restore A/B' : `A ${f.view.bank.entryA ?? '—'} · B ${f.view.bank.entryB ?? '—'}`,
        actions: f.local.acting ? [...ENTRY_ACTIONS] : null,
        selected: f.local.action,
      }),
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    const l = ctx.local;
    if (l.community) {
      if (l.acting) l.action = moveCursor(l.action, ctx.delta, COMMUNITY_ACTIONS.length);
      else l.communityCursor = moveCursor(l.communityCursor, ctx.delta, ctx.view.community.listing?.banks.length ?? 0);
      return;
    }
    if (l.acting) l.action = moveCursor(l.action, ctx.delta, ENTRY_ACTIONS.length);
    else if (l.bank) l.entryCursor = moveCursor(l.entryCursor, ctx.delta, ctx.view.banks.find((b) => b.id === l.bank)?.entries.length ?? 0);
    else l.bankCursor = moveCursor(l.bankCursor, ctx.delta, ctx.view.banks.length + registryRows(ctx.view).length);
  },
  async onPress(ctx) {
    const l = ctx.local;
    if (l.community) {
      const listing = ctx.view.community.listing;
      const bank = listing?.banks[l.communityCursor];
      if (!listing || !bank) return;
      if (!l.acting) {
        l.acting = true;
        l.action = 0;
        return;
      }
      l.acting = false;
      if (COMMUNITY_ACTIONS[l.action] === 'Install') await ctx.actions.installCommunityBank(listing.registry, bank.id);
      return;
    }
    const registry = communityOffered(ctx.view) ? ctx.view.community.registries[l.bankCursor - ctx.view.banks.length] : undefined;
    if (!l.bank && registry !== undefined) {
      l.community = true;
      l.communityCursor = 0;
      try {
        await ctx.actions.browseCommunity(registry);
      } catch (err) {
        l.community = false;
        throw err;
      }
      return;
    }
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
    else if (l.community) l.community = false;
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
