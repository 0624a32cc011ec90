import { join } from 'node:path';
import type { Display } from '../devices/display/display';
import type { NeurorackError } from '../errors/neurorack-error';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { HostActions } from './host-actions';
import type { HostView } from './host-view';
import { loadMenu } from './menu-tree';
import { PageRegistry } from './page-registry';
import { ScreenRuntime } from './screen-runtime';

export interface BuildScreenOptions {
  readonly loader: PluginLoader;
  readonly schemas: SchemaRegistry;
  readonly display: Display;
  readonly clock: Clock;
  readonly view: () => HostView;
  /** See ScreenRuntimeOptions.revision: with it the screen draws only on change. */
  readonly revision?: () => number;
  readonly actions: HostActions;
  /** The menu JSON; default: menu.json of the `ui-core` plugin. */
  readonly menuFile?: string;
  readonly audioBusy?: () => boolean;
  readonly toastMs?: number;
}

export interface BuiltScreen {
  readonly runtime: ScreenRuntime;
  readonly pages: PageRegistry;
  /** Page plugins that could not be used (also shown as toasts). */
  readonly errors: readonly NeurorackError[];
}

/**
 * Assembles the screen from the plugin loader: activates every screen-page plugin, loads and
 * validates the menu (falling back to the page list when it is unusable), and makes the runtime.
 * The host then adds `runtime.task(fps)` to its scheduler and routes encoder and button events to
 * `runtime.input` (see input-bindings.ts).
 */
export async function buildScreen(o: BuildScreenOptions): Promise<BuiltScreen> {
  const { registry: pages, errors } = await PageRegistry.fromPlugins(o.loader);
  const uiCore = o.loader.list().find((p) => p.id === 'ui-core' && p.status === 'ok');
  const menuFile = o.menuFile ?? (uiCore ? join(uiCore.dir, 'menu.json') : undefined);
  // A missing file (no ui-core) gives the fallback menu with its error, like a broken one.
  const menu = loadMenu(menuFile ?? 'plugins/ui-core/menu.json (plugin ui-core not loaded)', o.schemas, pages.placements());
  const runtime = new ScreenRuntime({ display: o.display, view: o.view, revision: o.revision, actions: o.actions, pages, menu, clock: o.clock, audioBusy: o.audioBusy, toastMs: o.toastMs });
  for (const e of errors) runtime.toast(e.describe(), 'error');
  return { runtime, pages, errors };
}
