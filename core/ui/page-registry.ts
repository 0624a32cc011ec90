import { asNeurorackError, type NeurorackError } from '../errors/neurorack-error';
import type { PageOffer } from '../plugins/plugin-manifest';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { MenuPlacement } from './menu-tree';
import type { ScreenPage } from './screen-page';

/** A page as registered: its full id (`plugin-id/page-id`), the manifest's offer and the code. */
export interface RegisteredPage {
  readonly fullId: string;
  readonly pluginId: string;
  readonly offer: Pick<PageOffer, 'id' | 'title' | 'menu'>;
  readonly page: ScreenPage<any>;
}

/**
 * Every screen page the host can show, by full id and by local id (the first plugin to offer a
 * local id owns the short name). Filled from `screen-page` plugins through the plugin loader.
 */
export class PageRegistry {
  private readonly byFull = new Map<string, RegisteredPage>();
  private readonly byLocal = new Map<string, string>();

  add(pluginId: string, offer: RegisteredPage['offer'], page: ScreenPage<any>): RegisteredPage {
    const fullId = `${pluginId}/${offer.id}`;
    const entry: RegisteredPage = { fullId, pluginId, offer, page };
    this.byFull.set(fullId, entry);
    if (!this.byLocal.has(offer.id)) this.byLocal.set(offer.id, fullId);
    return entry;
  }

  /** Full id for `plugin-id/page-id` or a local `page-id`; undefined when unknown. */
  resolve(id: string): string | undefined {
    if (this.byFull.has(id)) return id;
    return this.byLocal.get(id);
  }

  get(id: string): RegisteredPage | undefined {
    const full = this.resolve(id);
    return full ? this.byFull.get(full) : undefined;
  }

  list(): RegisteredPage[] {
    return [...this.byFull.values()];
  }

  /** Menu placements declared by the offers (`menu` paths). */
  placements(): MenuPlacement[] {
    return this.list().map((p) => ({ pageId: p.fullId, title: p.offer.title, menu: p.offer.menu }));
  }

  /**
   * Activates every usable `screen-page` plugin and registers its pages. A plugin that fails to
   * activate, or exports something that is not a page, is reported in `errors`; the others load.
   */
  static async fromPlugins(loader: PluginLoader): Promise<{ registry: PageRegistry; errors: NeurorackError[] }> {
    const registry = new PageRegistry();
    const errors: NeurorackError[] = [];
    for (const manifest of loader.ofKind('screen-page')) {
      if (manifest.kind !== 'screen-page') continue;
      try {
        const active = await loader.activate(manifest.id);
        for (const offer of manifest.provides) {
          const page = active.module.provides[offer.id] as ScreenPage | undefined;
          if (!page || !Array.isArray((page as ScreenPage).widgets)) {
            errors.push(asNeurorackError(new Error(`provides.${offer.id} is not a screen page (expected an object with widgets)`), 'NR_PLUGIN_EXPORTS_MISMATCH', { plugin: manifest.id }));
            continue;
          }
          registry.add(manifest.id, offer, page);
        }
      } catch (err) {
        errors.push(asNeurorackError(err, 'NR_PLUGIN_ENTRY_THREW', { plugin: manifest.id }));
      }
    }
    return { registry, errors };
  }
}
