import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginSource } from './discovered-plugin';
import { MANIFEST_FILE } from './plugin-manifest';

export interface PluginDirSpec {
  readonly dir: string;
  readonly source: PluginSource;
}

/** Sub-folders of `root` that hold a plugin.json (or `root` itself when it is one), sorted by name. */
export function pluginFoldersIn(root: string, source: PluginSource): PluginDirSpec[] {
  if (!existsSync(root)) return [];
  if (existsSync(join(root, MANIFEST_FILE))) return [{ dir: root, source }];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .map((e) => e.name)
    .sort()
    .map((name) => join(root, name))
    .filter((dir) => existsSync(join(dir, MANIFEST_FILE)))
    .map((dir) => ({ dir, source }));
}

/** Installed npm packages named `neurorack-plugin-*` or `@scope/neurorack-plugin-*` in these node_modules folders. */
export function npmPluginFolders(nodeModulesDirs: readonly string[]): PluginDirSpec[] {
  const found: PluginDirSpec[] = [];
  const seen = new Set<string>();
  for (const nm of nodeModulesDirs) {
    if (!existsSync(nm)) continue;
    for (const name of readdirSync(nm).sort()) {
      const candidates = name.startsWith('@')
        ? readdirSync(join(nm, name)).filter((n) => n.startsWith('neurorack-plugin-')).map((n) => `${name}/${n}`)
        : name.startsWith('neurorack-plugin-') ? [name] : [];
      for (const pkg of candidates) {
        if (seen.has(pkg)) continue;
        seen.add(pkg);
        found.push({ dir: join(nm, pkg), source: 'npm' });
      }
    }
  }
  return found;
}
