import { container as rootContainer } from 'tsyringe';
import { hostVersion } from '../host-version';
import { paths } from '../paths';
import { pluginFoldersIn } from '../plugins/discover-plugin-dirs';
import { PluginLoader } from '../plugins/plugin-loader';
import { NeurorackError } from '../errors/neurorack-error';
import type { Clock } from '../scheduler/clock';
import { VirtualClock } from '../scheduler/virtual-clock';
import { installedSchemas, type SchemaRegistry } from '../schemas/schema-registry';
import { buildScreen, type BuiltScreen } from './build-screen';
import type { HostView } from './host-view';
import { MemoryHost } from './memory-host';
import { OffscreenDisplay } from './offscreen-display';
import type { PageRegistry } from './page-registry';
import type { ScreenRuntime } from './screen-runtime';

export interface OfflineScreen extends BuiltScreen {
  readonly host: MemoryHost;
  readonly display: OffscreenDisplay;
  readonly clock: VirtualClock;
}

/**
 * A screen with no hardware: the built-in page plugins (from dist/plugins, plus `pluginDirs`),
 * a MemoryHost holding `view`, and an offscreen display. For screenshots, goldens and the bench.
 */
export async function offlineScreen(view: HostView, options: { pluginDirs?: readonly string[]; menuFile?: string; schemas?: SchemaRegistry; clock?: VirtualClock } = {}): Promise<OfflineScreen> {
  const schemas = options.schemas ?? installedSchemas();
  const clock = options.clock ?? new VirtualClock(10_000);
  const loader = new PluginLoader(schemas, hostVersion, rootContainer.createChildContainer());
  loader.discover([...pluginFoldersIn(paths.builtinPlugins, 'builtin'), ...(options.pluginDirs ?? []).flatMap((d) => pluginFoldersIn(d, 'rack'))]);
  const host = new MemoryHost(view, { now: () => clock.now() });
  const display = new OffscreenDisplay();
  const built = await buildScreen({ loader, schemas, display, clock: clock as Clock, view: () => host.view(), actions: host, menuFile: options.menuFile });
  return { ...built, host, display, clock };
}

/**
 * Puts `pageId` on screen: `menu` opens the menu root, anything else opens that page. Given the
 * page registry, an unknown id is refused naming the pages there are.
 */
export function showPage(runtime: ScreenRuntime, pageId: string, pages?: PageRegistry): void {
  if (pageId === 'menu') {
    runtime.nav.openMenu();
    return;
  }
  if (!runtime.nav.openPage(pageId)) {
    const known = pages ? `; expected menu or one of ${pages.list().map((p) => p.fullId).join(', ')} (the part after / is enough)` : '';
    throw new NeurorackError('NR_UI_PAGE_UNKNOWN', `no screen page "${pageId}"${known}`);
  }
}
