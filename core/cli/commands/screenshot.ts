import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NeurorackError } from '../../errors/neurorack-error';
import { shippedHostView } from '../../host/shipped-host-view';
import { loadHostView } from '../../ui/load-host-view';
import { offlineScreen, showPage } from '../../ui/offline-screen';
import { sampleHostView } from '../../ui/sample-host-view';
import type { RegisterCommand } from './index';

interface ScreenshotOptions {
  page: string;
  state?: string;
  out: string;
  toast?: string;
  dialog?: string;
  plugins?: string[];
  list?: boolean;
  sample?: boolean;
}

export const register: RegisterCommand = (program: Command, ctx) => {
  program
    .command('screenshot')
    .description('render a screen page offline to a 240x240 PNG, as the panel shows it (RGB565)')
    .option('--page <id>', 'page id: menu, perform, models, ui-core/stats, ...', 'perform')
    .option('--state <file>', 'a HostView JSON (fields left out come from the shipped model and banks)')
    .option('--sample', 'start from the made-up sample state the golden screens use instead of the shipped model and banks')
    .option('--out <file>', 'the PNG to write (required unless --list)')
    .option('--toast <text>', 'show an error toast over the page')
    .option('--dialog <text>', 'show a confirmation dialog over the page')
    .option('--plugins <dir...>', 'extra folders holding screen-page plugins')
    .option('--list', 'print the page ids and exit')
    .action(async (opts: ScreenshotOptions) => {
      const base = opts.sample ? sampleHostView() : await shippedHostView();
      const view = opts.state ? loadHostView(resolve(ctx.cwd, opts.state), base) : base;
      const screen = await offlineScreen(view, { pluginDirs: (opts.plugins ?? []).map((d) => resolve(ctx.cwd, d)) });
      if (opts.list) {
        for (const p of screen.pages.list()) ctx.stdout.write(`${p.fullId}\t${p.offer.title}\n`);
        return;
      }
      if (!opts.out) throw new NeurorackError('NR_USAGE', 'missing --out FILE.png (required unless --list)');
      showPage(screen.runtime, opts.page, screen.pages);
      if (opts.toast) screen.runtime.toast(opts.toast, 'error');
      if (opts.dialog) screen.runtime.nav.ask(opts.dialog, () => undefined);
      await screen.runtime.frame();
      const out = resolve(ctx.cwd, opts.out);
      writeFileSync(out, screen.display.toPng());
      ctx.stdout.write(`${out}: ${screen.runtime.currentPageId()} (240x240)\n`);
    });
};
