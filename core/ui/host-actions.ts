/**
 * What the screen may ask the host to do. Every method is a request: it resolves once the host has
 * accepted it (not necessarily finished: a model load goes on in the background while the current
 * model keeps playing) and rejects with a NeurorackError the screen shows as a toast.
 *
 * Obligations for implementers:
 * - Nothing here blocks the audio path: long work (loading, benchmarking) runs off it.
 * - The change is visible in the next HostView (e.g. `model.loadingId` right after `selectModel`).
 * - `shutdown` and `reboot` are only called after the user confirmed them on screen.
 */
export interface HostActions {
  /** Starts loading a model; the current one plays until the new one is ready, then crossfades. */
  selectModel(id: string): Promise<void>;
  reloadModel(): Promise<void>;
  /** The playing model plays one of its timbres (`model.timbres`); the sound re-renders at once. */
  selectTimbre(name: string): Promise<void>;
  /** Renders a standard phrase off the audio path and records the real-time factor in the model list. */
  runBenchmark(id: string): Promise<{ rtf: number }>;
  /** Sets slot A or B to an entry of any bank; the other slot keeps its entry (and its bank). Ends a preview. */
  chooseEntry(slot: 'A' | 'B', bank: string, entry: string): Promise<void>;
  /**
   * Plays an entry once on the output in place of A and B, without changing them (the view shows
   * it as `bank.preview`); it stays loaded until `endPreview` or the next `chooseEntry`.
   */
  previewEntry(bank: string, entry: string): Promise<void>;
  /** A and B as chosen play again (the Banks page calls it when the performer leaves the entry list). */
  endPreview(): Promise<void>;
  /** Lists a registry's banks (the first the rack names when none is given) into the view's `community.listing`. */
  browseCommunity(registry?: string): Promise<void>;
  /**
   * Starts installing a registry's bank into the user's banks, verified as `bank install` verifies
   * it; resolves once started: the view's `community.progress` follows it, a failure is also toasted.
   */
  installCommunityBank(registry: string, bankId: string): Promise<void>;
  /** The statistics page's xruns and deadline misses count from zero again. */
  resetStats(): Promise<void>;
  /** Sets a parameter (see ParamView.id); the host clamps and rounds to the parameter's step. */
  setParam(id: string, value: number): Promise<void>;
  /** Assigns a CV jack (`cv1`..`cv4`) to a mapping id, or a gate (`gate1`, `gate2`) to a mode. */
  assign(jack: string, target: string): Promise<void>;
  /**
   * Reads `count` uncalibrated jack volts (raw: before offset/gain, not clamped to the range) for
   * the calibration page.
   */
  sampleRawCv(jack: number, count: number): Promise<number[]>;
  /** Stores a jack's calibration in the rack config (jack volts = (raw - offset) * gain) and applies it. */
  storeCalibration(jack: number, calibration: { offset: number; gain: number }): Promise<void>;
  dismissToast(id: string): Promise<void>;
  shutdown(): Promise<void>;
  reboot(): Promise<void>;
}

/** Menu `action` names and what they call; a menu item naming another action shows an error toast. */
export const menuActions: Readonly<Record<string, (actions: HostActions, view: import('./host-view').HostView) => Promise<unknown>>> = {
  'reload-model': (a) => a.reloadModel(),
  'run-benchmark': (a, v) => (v.model.id ? a.runBenchmark(v.model.id) : Promise.resolve()),
  shutdown: (a) => a.shutdown(),
  reboot: (a) => a.reboot(),
};
