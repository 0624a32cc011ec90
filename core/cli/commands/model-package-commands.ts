import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NeurorackError } from '../../errors/neurorack-error';
import { installedModels, userModelsDir } from '../../model-packages/installed-models';
import { writeFileAtomic } from '../../files/atomic-write';
import { installModel } from '../../model-packages/install-model';
import { buildModelIndex, searchModelIndex } from '../../model-packages/model-index';
import { openModelRegistry } from '../../model-packages/model-registry';
import { packModel } from '../../model-packages/pack-model';
import { validateModel } from '../../model-packages/validate-model';
import type { CliContext } from '../cli-context';
import { modelPlugins } from './model-access';

/** `model pack`, `validate`, `install`, `index`, `search` and `list`: model folders as shareable packages, with registries like the banks'. */
export function registerModelPackageCommands(model: Command, ctx: CliContext): void {
  model
    .command('pack')
    .description('pack a model folder (its manifest.json and every file it lists, each checked against its sha256) into a .nrmodel file')
    .argument('<dir>', 'the model folder')
    .requiredOption('--out <file>', 'the .nrmodel file to write')
    .action((dir: string, opts: { out: string }) => {
      const out = resolve(ctx.cwd, opts.out);
      if (!out.endsWith('.nrmodel')) throw new NeurorackError('NR_USAGE', `expected --out to name a .nrmodel file, found ${opts.out}`);
      const bytes = packModel(resolve(ctx.cwd, dir));
      writeFileSync(out, bytes);
      ctx.stdout.write(`wrote ${out} (${bytes.length} bytes)\n`);
    });

  model
    .command('validate')
    .description("check a model folder or .nrmodel as install would: paths, every file's size and sha256, then a load by its runtime plugin (present, loadable, its golden vector)")
    .argument('<path>', 'a model folder or a .nrmodel file')
    .action(async (path: string) => {
      const v = await validateModel(path, modelPlugins(), ctx.cwd);
      ctx.stdout.write(`ok: ${v.id} (runtime ${v.runtime}; ${v.files.length} files checked: ${v.files.join(', ')})\n`);
    });

  model
    .command('install')
    .description(`install a .nrmodel (a path or an http(s) URL) into the user model folder (${userModelsDir()}): verified before it is moved into place, refusing an installed id unless --force`)
    .argument('<source>', 'a .nrmodel file or URL, or with --registry a model id')
    .option('--force', 'replace an installed model with the same id (once the new one has passed)')
    .option('--registry <url>', 'a registry index (URL or path to index.json): install the newest version of the model id <source>')
    .action(async (source: string, opts: { force?: boolean; registry?: string }) => {
      const r = await installModel(source, { dir: userModelsDir(), loader: modelPlugins(), force: opts.force, cwd: ctx.cwd, registry: opts.registry });
      ctx.stdout.write(`installed ${r.id} (runtime ${r.runtime}) into ${r.dir}\n`);
    });

  model
    .command('index')
    .description('build a registry index of the model packages (.nrmodel) in a folder, each checked')
    .argument('<dir>', 'folder of .nrmodel files')
    .requiredOption('--out <file>', 'index.json to write')
    .option('--base-url <url>', 'prefix for package URLs (default: URLs relative to the index)')
    .action(async (dir: string, o: { out: string; baseUrl?: string }) => {
      if (o.baseUrl !== undefined && !/^https?:\/\//i.test(o.baseUrl)) throw new NeurorackError('NR_USAGE', `expected --base-url to be an http(s) URL, found ${o.baseUrl}`);
      const index = await buildModelIndex(resolve(ctx.cwd, dir), { baseUrl: o.baseUrl });
      const out = resolve(ctx.cwd, o.out);
      await writeFileAtomic(out, JSON.stringify(index, null, 2) + '\n');
      ctx.stdout.write(`wrote ${out}: ${index.models.length} model(s)\n`);
    });

  model
    .command('search')
    .description('find models in a registry index by id, name, runtime, author or description')
    .argument('<term>', 'text to look for (case-insensitive)')
    .requiredOption('--registry <url>', 'registry index (URL or path to index.json)')
    .option('--json', 'print the matching index entries as JSON')
    .action(async (term: string, o: { registry: string; json?: boolean }) => {
      const found = searchModelIndex((await openModelRegistry(o.registry, ctx.cwd)).index, term);
      if (o.json) {
        ctx.stdout.write(JSON.stringify(found, null, 2) + '\n');
        return;
      }
      if (found.length === 0) ctx.stdout.write(`no model matches "${term}"\n`);
      for (const m of found) ctx.stdout.write(`${m.id.padEnd(28)} ${m.version.padEnd(8)} ${m.runtime.padEnd(12)} ${m.name} (${m.author || 'unknown author'}, ${m.licence || 'no licence stated'})\n`);
    });

  model
    .command('list')
    .description('installed models: shipped ones and those in the user model folder')
    .option('--json', 'print JSON: [{id, runtime, source, dir}]')
    .action((opts: { json?: boolean }) => {
      const models = installedModels();
      if (opts.json) {
        ctx.stdout.write(JSON.stringify(models, null, 2) + '\n');
        return;
      }
      for (const m of models) ctx.stdout.write(`${m.id.padEnd(32)} ${m.runtime.padEnd(16)} ${m.source.padEnd(8)} ${m.dir}\n`);
    });
}
