import { readJsonFile } from '../config/read-json-file';
import { NeurorackError } from '../errors/neurorack-error';
import type { HostView } from './host-view';
import { sampleHostView } from './sample-host-view';

/**
 * Reads a `--state` file: a HostView as JSON. Fields it leaves out are taken from `base` (the sample view by default),
 * so a file can hold just what a screenshot needs (`{"phase": "booting"}`); a field of the wrong
 * JSON type is refused naming the field.
 */
export function loadHostView(file: string, base0: HostView = sampleHostView()): HostView {
  const raw = readJsonFile(file);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new NeurorackError('NR_UI_STATE_INVALID', 'expected a JSON object (a HostView)', { file });
  }
  const base = base0 as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!(k in base)) throw new NeurorackError('NR_UI_STATE_INVALID', `unknown field "${k}"; expected one of ${Object.keys(base).join(', ')}`, { file, pointer: `/${k}` });
    const want = Array.isArray(base[k]) ? 'array' : typeof base[k];
    const got = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
    if (want !== got && !(got === 'null' && k === 'model')) {
      throw new NeurorackError('NR_UI_STATE_INVALID', `expected ${want}, got ${got}`, { file, pointer: `/${k}` });
    }
  }
  return { ...(base as unknown as HostView), ...(raw as Partial<HostView>) };
}
