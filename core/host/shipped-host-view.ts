import { listBanks } from '../banks/bank-list';
import { readBank } from '../banks/bank-store';
import { SchemaRegistry } from '../schemas/schema-registry';
import { loadRack } from '../config/load-rack';
import { paths } from '../paths';
import { displayCurves } from '../ui/curve-display';
import type { HostView } from '../ui/host-view';
import { sampleHostView } from '../ui/sample-host-view';
import { installedModels } from '../model-packages/installed-models';

/**
 * What a fresh module on the `virtual` profile shows, without booting it: the rack's default model
 * (named as the live host names it), the shipped models and banks (never the user's), and entries A and B the first
 * bank's first two, as the live host picks them at boot; the perform page's curves are entry A's.
 * Levels, CVs and statistics stay the sample view's. `neurorack screenshot` and the README's
 * pictures draw this, so they show what a user gets, never a made-up model.
 */
export async function shippedHostView(profile = 'virtual'): Promise<HostView> {
  const base = sampleHostView();
  const rack = loadRack({ profile }, new SchemaRegistry()).config;
  const found = installedModels().filter((m) => m.source === 'builtin');
  const playing = found.find((m) => m.id === rack.model.default)?.id ?? null;
  const models = found.map((m) => ({ id: m.id, name: m.id, source: 'builtin' as const, status: m.id === playing ? ('ready' as const) : ('available' as const), rtf: null }));
  const banks = [];
  let curves: number[][] = [];
  for (const b of (await listBanks([{ origin: 'shipped', dir: paths.descriptorBanks }])).filter((x) => !x.problem && x.id)) {
    const { bank } = await readBank(b.path);
    banks.push({ id: bank.id, name: bank.name, entries: bank.entries.map((e) => e.name) });
    if (banks.length === 1 && bank.entries[0]) curves = displayCurves(bank.entries[0].frames);
  }
  const first = banks[0];
  return {
    ...base,
    model: { id: playing, name: playing ?? 'additive (no model installed)', loadingId: null },
    models,
    bank: { id: first?.id ?? null, entryA: first?.entries[0] ?? null, entryB: first?.entries[1] ?? first?.entries[0] ?? null, bankA: first?.id ?? null, bankB: first?.id ?? null, preview: null },
    banks,
    curves: { names: base.curves.names, frames: curves, playhead: base.curves.playhead, outside: [] },
    follow: null,
    about: { ...base.about, profile: rack.name, board: rack.board },
  };
}
