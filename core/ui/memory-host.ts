import { NeurorackError } from '../errors/neurorack-error';
import type { HostActions } from './host-actions';
import type { HostView, ParamView, ToastView } from './host-view';
import { sampleHostView } from './sample-host-view';

export interface MemoryHostOptions {
  /** Clock ms for toasts; default Date.now. */
  readonly now?: () => number;
  /** Raw (uncalibrated) CV source for calibration; default: the view's volts with the current calibration undone. */
  readonly sampleRawCv?: (jack: number, count: number) => Promise<number[]>;
  /** Called after a calibration is stored (e.g. to write the rack config and re-apply it to the ADC). */
  readonly onCalibration?: (jack: number, calibration: { offset: number; gain: number }) => void | Promise<void>;
  /** Called after a shutdown or reboot was requested. */
  readonly onPower?: (what: 'shutdown' | 'reboot') => void;
}

/**
 * The host's state held in memory: a real model of what the screen shows and what its actions do
 * (a model switch goes through `loading`, a parameter is clamped to its range), with no audio behind
 * it. Used by tests, `neurorack screenshot --state FILE` and the bench. Each change replaces the
 * view object, so a view handed out is never mutated.
 */
export class MemoryHost implements HostActions {
  private state: HostView;
  private readonly now: () => number;
  /** Every action called, in order, with its arguments: what tests assert on. */
  readonly calls: Array<{ action: keyof HostActions; args: unknown[] }> = [];

  constructor(initial: HostView = sampleHostView(), private readonly options: MemoryHostOptions = {}) {
    this.state = initial;
    this.now = options.now ?? Date.now;
  }

  view(): HostView {
    return this.state;
  }

  /** Replaces parts of the view (tests and the engine bridge feed CVs, levels and stats this way). */
  update(patch: Partial<HostView>): void {
    this.state = { ...this.state, ...patch };
  }

  /** Reports a problem as a toast, as a plugin or driver would. */
  report(toast: Omit<ToastView, 'id' | 'timeMs'> & { id?: string }): void {
    const t: ToastView = { id: toast.id ?? `t${this.now()}-${this.state.toasts.length}`, timeMs: this.now(), ...toast };
    this.update({ toasts: [...this.state.toasts, t] });
  }

  /** Finishes a pending model load (the engine does this when the new model is ready). */
  finishLoading(): void {
    const id = this.state.model.loadingId;
    if (!id) return;
    const m = this.state.models.find((x) => x.id === id);
    this.update({
      phase: 'ready',
      model: { id, name: m?.name ?? id, loadingId: null },
      models: this.state.models.map((x) => ({ ...x, status: x.id === id ? 'ready' : x.status === 'ready' || x.status === 'loading' ? 'available' : x.status })),
    });
  }

  async selectModel(id: string): Promise<void> {
    this.calls.push({ action: 'selectModel', args: [id] });
    const m = this.state.models.find((x) => x.id === id);
    if (!m) throw new NeurorackError('NR_UI_ACTION_FAILED', `no installed model "${id}"`);
    if (m.status === 'error') throw new NeurorackError('NR_UI_ACTION_FAILED', `model "${id}" cannot load: ${m.error ?? 'error'}`);
    if (id === this.state.model.id) return;
    this.update({
      phase: 'loading',
      model: { ...this.state.model, loadingId: id },
      models: this.state.models.map((x) => (x.id === id ? { ...x, status: 'loading' } : x)),
    });
  }

  async selectTimbre(name: string): Promise<void> {
    this.calls.push({ action: 'selectTimbre', args: [name] });
    if (!this.state.model.timbres?.includes(name)) throw new NeurorackError('NR_TIMBRE_NOT_FOUND', `the playing model has no timbre "${name}"`);
    this.update({ model: { ...this.state.model, timbre: name } });
  }

  async reloadModel(): Promise<void> {
    this.calls.push({ action: 'reloadModel', args: [] });
  }

  async runBenchmark(id: string): Promise<{ rtf: number }> {
    this.calls.push({ action: 'runBenchmark', args: [id] });
    const m = this.state.models.find((x) => x.id === id);
    if (!m) throw new NeurorackError('NR_UI_ACTION_FAILED', `no installed model "${id}"`);
    const rtf = m.rtf ?? 0.25;
    this.update({ models: this.state.models.map((x) => (x.id === id ? { ...x, rtf } : x)) });
    return { rtf };
  }

  async chooseEntry(slot: 'A' | 'B', bank: string, entry: string): Promise<void> {
    this.calls.push({ action: 'chooseEntry', args: [slot, bank, entry] });
    const b = this.state.banks.find((x) => x.id === bank);
    if (!b || !b.entries.includes(entry)) throw new NeurorackError('NR_UI_ACTION_FAILED', `no entry "${entry}" in bank "${bank}"`);
    const was = this.state.bank;
    const next = slot === 'A' ? { ...was, id: bank, bankA: bank, entryA: entry } : { ...was, bankB: bank, entryB: entry };
    this.update({ bank: { ...next, preview: null } });
  }

  async previewEntry(bank: string, entry: string): Promise<void> {
    this.calls.push({ action: 'previewEntry', args: [bank, entry] });
    this.update({ bank: { ...this.state.bank, preview: { bank, entry } } });
  }

  async endPreview(): Promise<void> {
    this.calls.push({ action: 'endPreview', args: [] });
    if (this.state.bank.preview) this.update({ bank: { ...this.state.bank, preview: null } });
  }

  async browseCommunity(registry?: string): Promise<void> {
    this.calls.push({ action: 'browseCommunity', args: [registry] });
    const at = registry ?? this.state.community.registries[0];
    if (!at) throw new NeurorackError('NR_BANK_REGISTRY_UNKNOWN', 'no registry to browse');
    this.update({ community: { ...this.state.community, listing: { registry: at, banks: this.state.community.listing?.banks ?? [] } } });
  }

  async installCommunityBank(registry: string, bankId: string): Promise<void> {
    this.calls.push({ action: 'installCommunityBank', args: [registry, bankId] });
    this.update({ community: { ...this.state.community, progress: { bankId, phase: 'index', fraction: 0 } } });
  }

  async resetStats(): Promise<void> {
    this.calls.push({ action: 'resetStats', args: [] });
    this.update({ stats: { ...this.state.stats, xruns: 0, deadlineMisses: 0, missedTasks: [] } });
  }

  async setParam(id: string, value: number): Promise<void> {
    this.calls.push({ action: 'setParam', args: [id, value] });
    const p = this.state.params.find((x) => x.id === id);
    if (!p) throw new NeurorackError('NR_UI_ACTION_FAILED', `no parameter "${id}"`);
    this.update({ params: this.state.params.map((x) => (x.id === id ? { ...x, value: quantise(p, value) } : x)) });
  }

  async assign(jack: string, target: string): Promise<void> {
    this.calls.push({ action: 'assign', args: [jack, target] });
    const a = this.state.assignments;
    const cv = /^cv([1-4])$/.exec(jack);
    const gate = /^gate([12])$/.exec(jack);
    if (cv) {
      const mapping = a.mappings.find((m) => m.id === target);
      if (!mapping) throw new NeurorackError('NR_UI_ACTION_FAILED', `no mapping "${target}"`);
      const i = Number(cv[1]) - 1;
      this.update({
        assignments: { ...a, cv: a.cv.map((m, k) => (k === i ? target : m)) },
        cvs: this.state.cvs.map((c) => (c.jack === i + 1 ? { ...c, mapping: mapping.name } : c)),
      });
    } else if (gate && ['trigger', 'loop', 'none'].includes(target)) {
      const i = Number(gate[1]) - 1;
      const mode = target as 'trigger' | 'loop' | 'none';
      this.update({
        assignments: { ...a, gate: a.gate.map((g, k) => (k === i ? mode : g)) },
        gates: this.state.gates.map((g) => (g.jack === i + 1 ? { ...g, mode } : g)),
      });
    } else throw new NeurorackError('NR_UI_ACTION_FAILED', `cannot assign "${target}" to "${jack}"`);
  }

  async sampleRawCv(jack: number, count: number): Promise<number[]> {
    this.calls.push({ action: 'sampleRawCv', args: [jack, count] });
    if (this.options.sampleRawCv) return this.options.sampleRawCv(jack, count);
    const cv = this.state.cvs.find((c) => c.jack === jack);
    const cal = this.state.calibration.jacks.find((c) => c.jack === jack) ?? { offset: 0, gain: 1 };
    const raw = (cv?.volts ?? 0) / cal.gain + cal.offset;
    return new Array<number>(count).fill(raw);
  }

  async storeCalibration(jack: number, calibration: { offset: number; gain: number }): Promise<void> {
    this.calls.push({ action: 'storeCalibration', args: [jack, calibration] });
    const c = this.state.calibration;
    this.update({ calibration: { jacks: c.jacks.map((j) => (j.jack === jack ? { ...j, ...calibration } : j)) } });
    await this.options.onCalibration?.(jack, calibration);
  }

  async dismissToast(id: string): Promise<void> {
    this.calls.push({ action: 'dismissToast', args: [id] });
    this.update({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }

  async shutdown(): Promise<void> {
    this.calls.push({ action: 'shutdown', args: [] });
    this.options.onPower?.('shutdown');
  }

  async reboot(): Promise<void> {
    this.calls.push({ action: 'reboot', args: [] });
    this.options.onPower?.('reboot');
  }
}

function quantise(p: ParamView, value: number): number {
  if (p.choices?.length) return p.choices.reduce((best, c) => (Math.abs(c - value) < Math.abs(best - value) ? c : best), p.choices[0]!);
  const clamped = Math.min(p.max, Math.max(p.min, value));
  const steps = Math.round((clamped - p.min) / p.step);
  return Math.round((p.min + steps * p.step) * 1e6) / 1e6;
}
