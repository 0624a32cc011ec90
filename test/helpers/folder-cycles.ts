import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { importedSpecifiers } from './import-boundary';

/** An import that joins two folders: the importing file and the module it names, relative to the root. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly specifier: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The folder of `file` that counts as a node: the first folder under `base` (`core/engine`), or `base` itself for its own files. */
function folderOf(root: string, base: string, file: string): string | undefined {
  const rel = relative(resolve(root, base), file).split(sep);
  if (rel[0] === '..' || rel[0] === '') return undefined;
  return rel.length === 1 ? base : `${base}/${rel[0]}`;
}

/** A specifier that names a folder (`'../sdk'`) names its index file, inside that folder. */
function moduleFile(path: string): string {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? join(path, 'index') : path;
}

/** Every relative import between two different folders under `base` (type-only imports and `require()` included). */
export function folderEdges(root: string, base = 'core'): FolderEdge[] {
  const edges: FolderEdge[] = [];
  for (const file of tsFiles(resolve(root, base))) {
    const from = folderOf(root, base, file)!;
    for (const specifier of importedSpecifiers(file)) {
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(root, base, moduleFile(resolve(dirname(file), specifier)));
      if (to && to !== from) edges.push({ from, to, file: relative(root, file).split(sep).join('/'), specifier });
    }
  }
  return edges;
}

/**
 * The folder-level import cycles under `base`: each a set of folders (sorted) that all reach one
 * another through imports (a strongly connected component of two or more folders), with the
 * imports that join them.
 */
export function folderCycles(root: string, base = 'core'): { readonly folders: readonly string[]; readonly edges: readonly FolderEdge[] }[] {
  const edges = folderEdges(root, base);
  const out = new Map<string, Set<string>>();
  for (const e of edges) (out.get(e.from) ?? out.set(e.from, new Set()).get(e.from)!).add(e.to);
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...out.keys()].sort()) if (!index.has(v)) visit(v);
  return components
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
    .map((folders) => ({ folders, edges: edges.filter((e) => folders.includes(e.from) && folders.includes(e.to)) }));
}
