import type { HostView, ListRow } from 'neurorack/sdk';

/** The Banks page offers community banks when the rack names a registry and a network is there. */
export function communityOffered(view: HostView): boolean {
  return view.community.registries.length > 0 && view.community.network;
}

/**
 * The bank list's last rows when community banks are offered: one per registry the rack names, the
 * only one reading "Community banks…", several named by their host.
 */
export function registryRows(view: HostView): ListRow[] {
  const list = communityOffered(view) ? view.community.registries : [];
  if (list.length === 1) return [{ label: 'Community banks…', value: '', badge: '⇣' }];
  return list.map((r) => ({ label: `Community: ${hostOf(r)}`, value: '', badge: '⇣' }));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A registry's banks as list rows: installed ones marked ✓ (size in KB beside the entries). */
export function communityRows(view: HostView): ListRow[] {
  const installed = new Set(view.banks.map((b) => b.id));
  return (view.community.listing?.banks ?? []).map((b) => ({ label: b.name, value: `${b.entries} · ${Math.max(1, Math.round(b.size / 1024))}K`, badge: installed.has(b.id) ? '✓' : ' ' }));
}

/** The action bar's line while browsing a registry: the install's progress, or what the row is. */
export function communityHint(view: HostView, cursor: number): { hint: string; progress: number | null } {
  const p = view.community.progress;
  if (p && p.phase !== 'done' && p.phase !== 'failed') return { hint: `${p.bankId}: ${PHASES[p.phase] ?? p.phase} ${Math.round(p.fraction * 100)}%`, progress: p.fraction };
  if (p?.phase === 'failed') return { hint: `${p.bankId} refused: ${p.error ?? 'failed'}`, progress: null };
  const b = view.community.listing?.banks[cursor];
  if (!view.community.listing) return { hint: 'Reading the registry…', progress: null };
  if (!b) return { hint: 'The registry lists no banks', progress: null };
  return { hint: p?.phase === 'done' && p.bankId === b.id ? `${b.id} installed` : `${b.author || '?'} · ${b.licence} · press to install`, progress: null };
}

const PHASES: Record<string, string> = { index: 'reading index', download: 'downloading', verify: 'verifying', write: 'installing' };
