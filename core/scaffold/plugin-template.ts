import type { PluginKind } from '../plugins/plugin-manifest';

/** What `plugin new` needs to know of the plugin it writes. */
export interface ScaffoldNames {
  /** The slug: plugin id, offer id and the tail of the package name. */
  readonly name: string;
  /** A display name made from the slug ("grain-cloud" -> "Grain cloud"), at most 24 characters. */
  readonly title: string;
  /** `neurorack-plugin-<name>`: the prefix the host discovers npm plugins by. */
  readonly packageName: string;
  /** The host range the plugin declares (this host's version up to the next major). */
  readonly hostRange: string;
}

/** The kind-specific part of a scaffolded package; the common files are written around it. */
export interface PluginTemplate {
  readonly kind: PluginKind;
  /** One line for plugin.json's and package.json's description. */
  readonly description: string;
  /** The manifest's `provides`. */
  readonly provides: readonly Record<string, unknown>[];
  /** index.js: the typed entry (JSDoc types from neurorack/sdk, checked by `tsc --checkJs`). */
  readonly entry: string;
  /** test/<name>.test.js, run by `npm test` (node:test). */
  readonly test: string;
  /** Files beyond the entry and the test (path relative to the package -> text). */
  readonly extraFiles: Readonly<Record<string, string>>;
  /** README section: what the plugin does and how to try it on the host. */
  readonly readme: string;
}

/** Fills `__NAME__`, `__TITLE__` and `__PACKAGE__` in a template text. */
export function fill(text: string, names: ScaffoldNames): string {
  return text.replaceAll('__NAME__', names.name).replaceAll('__TITLE__', names.title).replaceAll('__PACKAGE__', names.packageName);
}
