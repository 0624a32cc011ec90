import { userBanksDir } from '../banks/banks-dir';
import { Tokens } from '../container/tokens';
import { MODEL_RATE } from '../engine/descriptor-frames';
import type { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';
import { createHostAdapter, createWebServer, panelPort, type WebServer } from '../web';
import type { ModelInfo } from '../web/web-host';
import { BlockFanout } from './block-fanout';
import { trainingRanges } from './model-ranges';
import type { Host } from './host';

/**
 * Serves the browser panel and the curve designer for a running host: controls go in at the
 * emulated chips, screen frames come from the ST7789 emulator, audio from the audio path.
 */
export async function startWeb(
  host: Host,
  override: { host?: string; port?: number } = {},
  report: (err: NeurorackError) => void = (err) => process.stderr.write(`neurorack: ${err.describe()}\n`),
): Promise<{ server: WebServer; url: string }> {
  const c = host.container;
  const rack = c.resolve(Tokens.Rack).config;
  const fanout = new BlockFanout(host.audio);
  const adapter = createHostAdapter({
    rack,
    ...(host.emulated ? { panel: panelPort(host.emulated.panel) } : {}),
    cvAdc: host.engine.inputs,
    gates: host.engine.inputs,
    ...(host.emulated?.display ? { screen: host.emulated.display.emulator } : {}),
    audio: { sampleRate: host.audio.sampleRate, onBlock: (l) => fanout.onBlock(l) },
    model: {
      name: host.engine.playing ?? host.engine.stats().modelId,
      sampleRate: MODEL_RATE,
      render: (f, s) => host.engine.render(null, f, s),
      info: () => playingModelInfo(host.engine.playing ?? host.engine.stats().modelId),
    },
    banks: { shipped: paths.descriptorBanks, user: userBanksDir() },
    showPairingCode: (code) => {
      // On the About page for as long as it is valid (a toast alone was gone after 4 s).
      host.live.setPairingCode(code ?? null);
      if (code) host.screen.toast(`Pairing code ${code} (also on Menu > About)`, 'info');
    },
    showPairingAlert: (text) => host.screen.toast(text, 'warn'),
    follow: () => host.live.follow,
    community: host.live.community,
    models: {
      view: () => {
        const v = host.live.view();
        return {
          playing: v.model.id, loading: v.model.loadingId ?? null,
          models: v.models.map((m) => ({ id: m.id, name: m.name, status: m.status, rtf: m.rtf })),
          timbres: v.model.timbres ?? [], timbre: v.model.timbre ?? null,
        };
      },
      select: (id) => host.live.selectModel(id),
      selectTimbre: (name) => host.live.selectTimbre(name),
      install: (file, { force }) => host.live.modelInstalls.installFile(file, force),
    },
    modelRegistries: host.live.modelInstalls,
    stats: () => {
      const { frames, pushed, idle } = host.screen.stats;
      return { ...host.live.health(), screen: { frames, pushed, idle } };
    },
  });
  const server = await createWebServer(adapter, {
    host: override.host ?? rack.web.host,
    port: override.port ?? rack.web.port,
    // A client that stops reading is named on the screen and in the log.
    onClientReport: (err) => {
      host.live.toast(err.message, 'warn', err.code);
      report(err);
    },
  });
  const url = await server.listen();
  host.live.setWebAddress(url.replace(/\/$/, ''));
  const close = server.close.bind(server);
  return {
    server: Object.assign(server, {
      async close() {
        host.live.setWebAddress(null);
        await close();
      },
    }),
    url,
  };
}

/** The playing model's training ranges, from its manifest (none for the additive fallback). */
function playingModelInfo(id: string): ModelInfo {
  return { name: id, descriptors: [...trainingRanges(id)] };
}
