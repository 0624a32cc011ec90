import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { writeFileAtomic } from '../../files/atomic-write';
import { createBank } from '../../banks/bank-create';
import { buildBankIndex, searchBankIndex } from '../../banks/bank-index';
import { installBank } from '../../banks/bank-install';
import { BANK_LIMITS } from '../../banks/bank-limits';
import { listBanks } from '../../banks/bank-list';
import { packBank } from '../../banks/bank-pack';
import { openRegistry } from '../../banks/bank-registry';
import { readBank, writeBankFolder } from '../../banks/bank-store';
import { BANK_FILE } from '../../banks/descriptor-bank';
import { userBanksDir } from '../../banks/banks-dir';
import { progressFor } from '../../banks/progress';
import { NeurorackError } from '../../errors/neurorack-error';
import { paths } from '../../paths';
import type { CliContext } from '../cli-context';
import type { RegisterCommand } from './index';

export const register: RegisterCommand = (program, ctx) => {
  const bank = program.command('bank').description('make, check, share and install descriptor banks');
  registerCreate(bank, ctx);
  registerValidate(bank, ctx);
  registerList(bank, ctx);
  registerPack(bank, ctx);
  registerInstall(bank, ctx);
  registerIndex(bank, ctx);
  registerSearch(bank, ctx);
};

function registerCreate(bank: Command, ctx: CliContext): void {
  bank
    .command('create')
    .description('build a bank folder (DIR/bank.json) from your own WAV files')
    .argument('<id>', 'bank id: lower-case slug such as my-metal-hits; never change it later')
    .argument('<files...>', 'WAV files, one entry each (unreadable ones are listed and skipped)')
    .requiredOption('--out <dir>', 'bank folder to write')
    .option('--name <name>', 'display name (default: the id)')
    .option('--author <author>', 'author')
    .option('--licence <spdx>', 'SPDX licence of the curves', 'CC0-1.0')
    .option('--bank-version <semver>', 'version of this bank', '1.0.0')
    .option('--description <text>', 'one or two sentences about the bank')
    .option('--force', 'replace an existing bank.json in --out')
    .action(async (id: string, files: string[], o: { out: string; name?: string; author?: string; licence: string; bankVersion: string; description?: string; force?: boolean }) => {
      const dir = path.resolve(ctx.cwd, o.out);
      const bankFile = path.join(dir, BANK_FILE);
      if (!o.force && (await fs.stat(bankFile).catch(() => undefined))) {
        throw new NeurorackError('NR_BANK_EXISTS', 'a bank is already there; pass --force to replace it', { file: bankFile });
      }
      const sources = files.map((f) => path.resolve(ctx.cwd, f));
      const meta = { id, name: o.name, author: o.author, licence: o.licence, version: o.bankVersion, description: o.description };
      const { bank: made, skipped, warnings } = await createBank(meta, sources, bankFile, progressFor(ctx.stderr));
      for (const s of skipped) ctx.stderr.write(`skipped ${s.reason}\n`);
      for (const w of warnings) ctx.stderr.write(`warning: ${w.file}: ${w.warning}\n`);
      const written = await writeBankFolder(dir, made, { force: o.force });
      ctx.stdout.write(`wrote ${written}: ${made.entries.length} entries${skipped.length ? `, ${skipped.length} file(s) skipped` : ''}, ${made.contentHash}\n`);
    });
}

function registerValidate(bank: Command, ctx: CliContext): void {
  bank
    .command('validate')
    .description('check a bank (folder, bank.json or .nrbank): schema, values, entry names and hash')
    .argument('<path>', 'bank folder, bank.json or .nrbank')
    .action(async (p: string) => {
      const { bank: b, file } = await readBank(path.resolve(ctx.cwd, p));
      ctx.stdout.write(`${file}: valid bank ${b.id} ${b.version}, ${b.entries.length} entries, ${b.contentHash}\n`);
    });
}

function registerList(bank: Command, ctx: CliContext): void {
  bank
    .command('list')
    .description('list the shipped banks and your installed ones')
    .option('--dir <dir>', `your bank folder (default: $NEURORACK_BANKS_DIR or ~/.neurorack/banks)`)
    .option('--json', 'print a JSON array')
    .action(async (o: { dir?: string; json?: boolean }) => {
      const banks = await listBanks([
        { origin: 'shipped', dir: paths.descriptorBanks },
        { origin: 'user', dir: userBanksDir({ dir: o.dir, cwd: ctx.cwd }) },
      ]);
      if (o.json) {
        ctx.stdout.write(JSON.stringify(banks, null, 2) + '\n');
        return;
      }
      if (banks.length === 0) ctx.stdout.write('no banks found\n');
      for (const b of banks) {
        ctx.stdout.write(b.problem
          ? `${b.origin.padEnd(8)} INVALID ${b.path}: ${b.problem}\n`
          : `${b.origin.padEnd(8)} ${b.id!.padEnd(24)} ${b.version!.padEnd(8)} ${String(b.entries).padStart(4)} entries  ${b.name} (${b.author}, ${b.licence})\n`);
      }
    });
}

function registerPack(bank: Command, ctx: CliContext): void {
  bank
    .command('pack')
    .description('pack a bank into one shareable compressed file with its hash inside')
    .argument('<dir>', 'bank folder (or bank.json)')
    .requiredOption('--out <file>', 'the .nrbank file to write')
    .option('--force', 'replace an existing output file')
    .action(async (dir: string, o: { out: string; force?: boolean }) => {
      const { bank: b } = await readBank(path.resolve(ctx.cwd, dir));
      const out = path.resolve(ctx.cwd, o.out);
      if (!out.endsWith('.nrbank')) throw new NeurorackError('NR_USAGE', 'expected an output file name ending in .nrbank', { file: out });
      if (!o.force && (await fs.stat(out).catch(() => undefined))) throw new NeurorackError('NR_BANK_EXISTS', 'the output file exists; pass --force to replace it', { file: out });
      const bytes = packBank(b);
      await fs.mkdir(path.dirname(out), { recursive: true });
      await writeFileAtomic(out, bytes);
      ctx.stdout.write(`wrote ${out}: ${b.id} ${b.version}, ${bytes.length} bytes, ${b.contentHash}\n`);
    });
}

function registerInstall(bank: Command, ctx: CliContext): void {
  bank
    .command('install')
    .description('verify and install a bank from a file, a URL, or by id from a registry')
    .argument('<source>', 'bank folder, bank.json, .nrbank, http(s) URL, or a bank id with --registry')
    .option('--dir <dir>', 'your bank folder (default: $NEURORACK_BANKS_DIR or ~/.neurorack/banks)')
    .option('--force', 'replace an installed bank with the same id')
    .option('--registry <url>', 'registry index (URL or path to index.json): install <source> by id')
    .option('--max-bytes <n>', 'largest download accepted', parseByteCount, BANK_LIMITS.maxDownloadBytes)
    .action(async (source: string, o: { dir?: string; force?: boolean; registry?: string; maxBytes: number }) => {
      const dir = userBanksDir({ dir: o.dir, cwd: ctx.cwd });
      const r = await installBank(source, { dir, force: o.force, registry: o.registry, maxBytes: o.maxBytes, cwd: ctx.cwd });
      ctx.stdout.write(`installed ${r.bank.id} ${r.bank.version} (${r.bank.entries.length} entries) from ${r.from} into ${r.file}\n`);
    });
}

function registerIndex(bank: Command, ctx: CliContext): void {
  bank
    .command('index')
    .description('build a registry index of the packed banks (.nrbank) in a folder')
    .argument('<dir>', 'folder of .nrbank files')
    .requiredOption('--out <file>', 'index.json to write')
    .option('--base-url <url>', 'prefix for bank URLs (default: URLs relative to the index)')
    .action(async (dir: string, o: { out: string; baseUrl?: string }) => {
      if (o.baseUrl !== undefined && !/^https?:\/\//i.test(o.baseUrl)) throw new NeurorackError('NR_USAGE', `--base-url must be an http(s) URL, got ${o.baseUrl}`);
      const index = await buildBankIndex(path.resolve(ctx.cwd, dir), { baseUrl: o.baseUrl });
      const out = path.resolve(ctx.cwd, o.out);
      await fs.mkdir(path.dirname(out), { recursive: true });
      await writeFileAtomic(out, JSON.stringify(index, null, 2) + '\n');
      ctx.stdout.write(`wrote ${out}: ${index.banks.length} bank(s)\n`);
    });
}

function registerSearch(bank: Command, ctx: CliContext): void {
  bank
    .command('search')
    .description('find banks in a registry index by id, name, author or description')
    .argument('<term>', 'text to look for (case-insensitive)')
    .requiredOption('--registry <url>', 'registry index (URL or path to index.json)')
    .option('--json', 'print the matching index entries as JSON')
    .action(async (term: string, o: { registry: string; json?: boolean }) => {
      const registry = await openRegistry(o.registry, { cwd: ctx.cwd });
      const found = searchBankIndex(registry.index, term);
      if (o.json) {
        ctx.stdout.write(JSON.stringify(found, null, 2) + '\n');
        return;
      }
      if (found.length === 0) ctx.stdout.write(`no bank matches "${term}"\n`);
      for (const b of found) ctx.stdout.write(`${b.id.padEnd(24)} ${b.version.padEnd(8)} ${String(b.entries).padStart(4)} entries  ${b.name} (${b.author}, ${b.licence})\n`);
    });
}

function parseByteCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of bytes');
  return n;
}
