import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/** The one module of the core a plugin may import. */
export const SDK_SPECIFIER = 'neurorack/sdk';

/** An import that crosses the plugin boundary: where it is, what it names and which rule it breaks. */
export interface BoundaryViolation {
  /** Relative to the checked root, with `/` separators. */
  readonly file: string;
  readonly specifier: string;
  readonly rule: 'plugin-outside-its-folder' | 'plugin-deep-into-host-package' | 'core-into-plugins';
}

function tsFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module a file names: static imports and re-exports, `import type`, `require()` and `import()`. */
export function importedSpecifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/**
 * The imports under `root` that break the plugin boundary: a file of `plugins/<p>/` may import
 * files of its own folder, the SDK (`neurorack/sdk`), Node's built-ins and npm packages, and
 * nothing else (no relative path out of its folder, no other subpath of the host package); no file
 * of `core/` may import a file under `plugins/`.
 */
export function boundaryViolations(root: string): BoundaryViolation[] {
  const pluginsDir = resolve(root, 'plugins');
  const found: BoundaryViolation[] = [];
  const report = (file: string, specifier: string, rule: BoundaryViolation['rule']) =>
    found.push({ file: relative(root, file).split(sep).join('/'), specifier, rule });

  for (const file of tsFiles(pluginsDir)) {
    const own = join(pluginsDir, relative(pluginsDir, file).split(sep)[0]!);
    for (const s of importedSpecifiers(file)) {
      if (s === SDK_SPECIFIER || isBuiltin(s)) continue;
      if (s.startsWith('.') || s.startsWith('/')) {
        if (!isInside(resolve(dirname(file), s), own)) report(file, s, 'plugin-outside-its-folder');
      } else if (s === 'neurorack' || s.startsWith('neurorack/')) {
        report(file, s, 'plugin-deep-into-host-package');
      }
    }
  }
  for (const file of tsFiles(resolve(root, 'core'))) {
    for (const s of importedSpecifiers(file)) {
      if ((s.startsWith('.') || s.startsWith('/')) && isInside(resolve(dirname(file), s), pluginsDir)) report(file, s, 'core-into-plugins');
    }
  }
  return found;
}
