import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildBank } from '../../core/banks/bank-build';
import { buildBankIndex } from '../../core/banks/bank-index';
import { packBank } from '../../core/banks/bank-pack';
import type { BankEntry } from '../../core/banks/descriptor-bank';

/** A decaying boom curve ([frames][7], the bank's units), `bright` raising its spectrum. */
export function boomCurve(count: number, bright: number): number[][] {
  return Array.from({ length: count }, (_, t) => {
    const d = Math.exp(-t / (count / 4));
    return [0.2 * d, 0.01 + 0.02 * d, (300 + 1500 * d) * bright, 0.002 + 0.01 * d, (150 + 600 * d) * bright, (100 + 500 * d) * bright, 60 + 300 * d];
  });
}

/** A registry folder (index.json and the .nrbank files) served on 127.0.0.1, as a community registry would be. */
export interface LoopbackRegistry {
  readonly dir: string;
  /** The index's URL (what banks.registries holds). */
  readonly url: string;
  /** Bytes served per file name so far (a download shows up here). */
  readonly served: Map<string, number>;
  close(): Promise<void>;
}

/** Packs two community banks (`community-booms`, 3 entries by Alice, CC-BY-4.0; `community-bells`, 2 by Bob, CC0-1.0), indexes and serves them. */
export async function startLoopbackRegistry(dir: string): Promise<LoopbackRegistry> {
  fs.mkdirSync(dir, { recursive: true });
  const entry = (name: string, bright: number, n: number): BankEntry => ({ name, tags: ['community'], source: { file: `${name}.wav`, sha256: (n % 10).toString().repeat(64) }, frames: boomCurve(40 + n * 5, bright) });
  const booms = buildBank({ id: 'community-booms', name: 'Community booms', author: 'Alice', licence: 'CC-BY-4.0', description: 'Deep hits from a performer.' }, [entry('low', 1, 1), entry('mid', 2, 2), entry('high', 4, 3)], path.join(dir, 'booms.nrbank'));
  const bells = buildBank({ id: 'community-bells', name: 'Community bells', author: 'Bob' }, [entry('ding', 6, 4), entry('dong', 3, 5)], path.join(dir, 'bells.nrbank'));
  fs.writeFileSync(path.join(dir, 'booms.nrbank'), packBank(booms));
  fs.writeFileSync(path.join(dir, 'bells.nrbank'), packBank(bells));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(await buildBankIndex(dir), null, 2));
  const served = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const name = path.basename(req.url ?? '');
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    const body = fs.readFileSync(file);
    served.set(name, (served.get(name) ?? 0) + body.length);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    dir,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`,
    served,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
