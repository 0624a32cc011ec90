import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import { SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';

/** One item of schemas/menu.schema.json: opens a page, runs an action, or holds sub-items. */
export interface MenuItem {
  id?: string;
  label: string;
  page?: string;
  action?: string;
  confirm?: boolean;
  items?: MenuItem[];
}

export interface MenuTree {
  items: MenuItem[];
}

/** A page offer that asks to be listed in the menu at `menu` ("Admin/Statistics"). */
export interface MenuPlacement {
  readonly pageId: string;
  readonly title: string;
  readonly menu?: string;
}

export interface LoadedMenu {
  readonly tree: MenuTree;
  /** Why the file could not be used; the tree is then the fallback. */
  readonly error?: NeurorackError;
}

/** The page id under which the menu's own error is shown. */
export const MENU_ERROR_PAGE = 'error:menu';

/**
 * Reads and validates a menu JSON. A file that is missing, malformed or off-schema gives the
 * fallback tree (every page listed, plus a "Menu error" item explaining the problem) and the error:
 * the menu keeps working.
 */
export function loadMenu(file: string, registry: SchemaRegistry, placements: readonly MenuPlacement[]): LoadedMenu {
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(readBoundedSync(file, { maxBytes: 1024 * 1024, what: 'menu' }).toString('utf8'));
    } catch (err) {
      throw new NeurorackError('NR_UI_MENU_INVALID', `cannot read menu: ${(err as Error).message}`, { file });
    }
    const tree = registry.validate<MenuTree>(SchemaIds.menu, raw, file);
    return { tree: addPlacements(tree, placements) };
  } catch (err) {
    const e = asNeurorackError(err, 'NR_UI_MENU_INVALID', { file });
    const error = e.code === 'NR_UI_MENU_INVALID' ? e : new NeurorackError('NR_UI_MENU_INVALID', e.message, e.location, { cause: e });
    return { tree: fallbackMenu(placements), error };
  }
}

/** Every page with a menu placement, grouped by its path, behind a first "Menu error" item. */
export function fallbackMenu(placements: readonly MenuPlacement[]): MenuTree {
  const tree: MenuTree = { items: [{ id: 'menu-error', label: 'Menu error', page: MENU_ERROR_PAGE }] };
  return addPlacements(tree, placements);
}

/**
 * Adds each placement not already in the tree (by page id) under its path, creating sub-menus as
 * needed. Returns a new tree; the input is left as it was.
 */
export function addPlacements(tree: MenuTree, placements: readonly MenuPlacement[]): MenuTree {
  const copy = structuredClone(tree);
  const present = new Set<string>();
  walk(copy.items, (item) => item.page && present.add(item.page));
  for (const p of placements) {
    if (!p.menu || present.has(p.pageId) || present.has(p.pageId.split('/').pop()!)) continue;
    const parts = p.menu.split('/').map((s) => s.trim()).filter(Boolean);
    const label = (parts.pop() ?? p.title).slice(0, 20);
    let level = copy.items;
    for (const part of parts) {
      let sub = level.find((i) => i.items && i.label === part);
      if (!sub) {
        sub = { label: part.slice(0, 20), items: [] };
        level.push(sub);
      }
      level = sub.items!;
    }
    level.push({ label, page: p.pageId });
    present.add(p.pageId);
  }
  return copy;
}

function walk(items: readonly MenuItem[], visit: (item: MenuItem) => unknown): void {
  for (const item of items) {
    visit(item);
    if (item.items) walk(item.items, visit);
  }
}
