/**
 * Screen frame cost: per page, the CPU ms of drawing and converting to RGB565 (what runs in the
 * screen task; the SPI push happens after, off the CPU budget). "full" redraws the whole page (page
 * switch); "update" changes the live values (CVs, playhead, levels) every frame, so only changed
 * widgets redraw. Budget: 10 ms per frame. Run: npm run bench:screen
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { offlineScreen, showPage } from '../core/ui/offline-screen';
import { sampleHostView } from '../core/ui/sample-host-view';

const PAGES = ['boot', 'perform', 'menu', 'models', 'banks', 'parameters', 'assignment', 'calibration', 'stats', 'about'];
const FRAMES = Number(process.env.BENCH_FRAMES ?? 60);
const BUDGET_MS = 10;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const rows: Array<{ page: string; mode: string; p50: number; p99: number; cpu50: number; cpu99: number }> = [];
  for (const page of PAGES) {
    const s = await offlineScreen(sampleHostView());
    showPage(s.runtime, page);
    await s.runtime.frame(); // warm up (fonts, glyph caches)
    for (const mode of ['full', 'update'] as const) {
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < FRAMES; i++) {
        if (mode === 'full') s.runtime.renderer.invalidate();
        else {
          const v = s.host.view();
          const t = i / FRAMES;
          s.host.update({
            cvs: v.cvs.map((c, k) => ({ ...c, volts: Math.sin(t * 6 + k) * 5, normalised: 0.5 + 0.5 * Math.sin(t * 6 + k) })),
            curves: { ...v.curves, playhead: t },
            output: { ...v.output, levelDb: -30 + 20 * Math.sin(t * 9) },
            stats: { ...v.stats, cpuPercent: 30 + 10 * Math.sin(t * 3) },
          });
        }
        await s.runtime.frame();
        ms.push(s.runtime.stats.renderMs[s.runtime.stats.renderMs.length - 1]!);
        cpu.push(s.runtime.stats.renderCpuMs[s.runtime.stats.renderCpuMs.length - 1]!);
      }
      ms.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      rows.push({ page, mode, p50: pct(ms, 50), p99: pct(ms, 99), cpu50: pct(cpu, 50), cpu99: pct(cpu, 99) });
    }
  }
  process.stdout.write(`screen frame cost, draw + RGB565 convert, ${FRAMES} frames each (budget ${BUDGET_MS} ms)\n`);
  process.stdout.write(`${'page'.padEnd(12)} ${'mode'.padEnd(7)} ${'cpu p50'.padStart(8)} ${'cpu p99'.padStart(8)} ${'wall p50'.padStart(9)} ${'wall p99'.padStart(9)}\n`);
  for (const r of rows) {
    const f = (v: number, w: number) => v.toFixed(2).padStart(w);
    process.stdout.write(`${r.page.padEnd(12)} ${r.mode.padEnd(7)} ${f(r.cpu50, 8)} ${f(r.cpu99, 8)} ${f(r.p50, 9)} ${f(r.p99, 9)}${r.cpu99 > BUDGET_MS ? '  OVER BUDGET' : ''}\n`);
  }
  // The budget is CPU time: wall time also counts waiting for a core on a loaded machine.
  const worst = Math.max(...rows.map((r) => r.cpu99));
  process.stdout.write(`worst CPU p99: ${worst.toFixed(2)} ms (${worst <= BUDGET_MS ? 'within' : 'OVER'} the ${BUDGET_MS} ms budget); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`);
  if (worst > BUDGET_MS) process.exitCode = 1;
}

void main();
