import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildModelIndex } from '../../core/model-packages/model-index';
import { packModel } from '../../core/model-packages/pack-model';
import { paths } from '../../core/paths';

/**
 * A copy of shipped model `from` as model `id` at `version` under `root`; `edit` changes its
 * manifest (and may remove files) before it is packed.
 */
export function modelVariant(root: string, from: string, id: string, version: string, edit: (manifest: Record<string, unknown>, dir: string) => void = () => undefined): string {
  const dir = path.join(root, 'sources', `${id}-${version}`);
  fs.cpSync(path.join(paths.models, from), dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, { id, version, name: `${id} ${version}`, description: `${from} as ${id} ${version}` });
  edit(manifest, dir);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** A model registry folder (index.json and .nrmodel files) served on 127.0.0.1, as `model index` writes one. */
export interface ModelRegistryServer {
  readonly dir: string;
  /** The index's URL (what model.registries holds). */
  readonly url: string;
  /** Packs `sourceDir` as `<file>` into the registry and indexes the folder again. */
  publish(sourceDir: string, file: string): Promise<void>;
  /** Replaces a served file's bytes without indexing again (the index's sha256 then disagrees). */
  tamper(file: string, bytes: Buffer): void;
  close(): Promise<void>;
}

export async function startModelRegistry(dir: string): Promise<ModelRegistryServer> {
  fs.mkdirSync(dir, { recursive: true });
  const index = async () => fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(await buildModelIndex(dir), null, 2));
  await index();
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(decodeURIComponent(req.url ?? '')));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    dir,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`,
    async publish(sourceDir, file) {
      fs.writeFileSync(path.join(dir, file), packModel(sourceDir));
      await index();
    },
    tamper(file, bytes) {
      fs.writeFileSync(path.join(dir, file), bytes);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
