/**
 * A rack document from a board's devices and an overlay: the overlay's keys in its own order, its
 * `devices` merged over the board's device by device, setting by setting. A setting the overlay
 * gives replaces the board's whole (a pin, the jack list, the encoder's pins), so an overlay never
 * mixes a board's pin spec with its own. Neither input is changed.
 */
export function overlayBoard(boardDevices: unknown, overlay: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overlay)) out[key] = key === 'devices' ? mergeDevices(boardDevices, value) : structuredClone(value);
  if (!('devices' in overlay)) out['devices'] = structuredClone(boardDevices);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeDevices(board: unknown, over: unknown): unknown {
  if (!isObject(board) || !isObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(board);
  for (const [device, settings] of Object.entries(over)) {
    const base = out[device];
    out[device] = isObject(base) && isObject(settings) ? { ...base, ...structuredClone(settings) } : structuredClone(settings);
  }
  return out;
}
