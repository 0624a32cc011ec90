import { readJsonFile } from '../config/read-json-file';
import { writeFileAtomic } from '../files/atomic-write';
import type { LoadedRack } from '../config/rack-config';
import { NeurorackError } from '../errors/neurorack-error';
import { paths } from '../paths';

/** Most registries a rack may name in one list (the schema's maxItems). */
export const MAX_REGISTRIES = 16;

/** The rack sections that name registries: `banks.registries` and `model.registries`. */
export type RegistrySection = 'banks' | 'model';

/** A registry list as given: http(s) URLs, at most MAX_REGISTRIES, without repeats; else `code` naming the bad entry. */
export function checkRegistryList(list: unknown, code: 'NR_BANK_REGISTRY_INVALID' | 'NR_MODEL_REGISTRY_INVALID'): string[] {
  if (!Array.isArray(list) || list.length > MAX_REGISTRIES) {
    throw new NeurorackError(code, `expected an array of at most ${MAX_REGISTRIES} registry URLs`, { pointer: '/registries' });
  }
  const out: string[] = [];
  list.forEach((r, i) => {
    let url: URL | undefined;
    try {
      url = typeof r === 'string' && r.length <= 2048 ? new URL(r) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new NeurorackError(code, `${JSON.stringify(r)} is not an http(s) URL of a registry's index.json`, { pointer: `/registries/${i}` });
    }
    if (!out.includes(r as string)) out.push(r as string);
  });
  return out;
}

/**
 * Sets `<section>.registries` of the running rack, and writes it to the rack file when that is the
 * user's (a built-in profile keeps it for this session). Resolves whether it was saved.
 */
export async function applyRegistryList(rack: LoadedRack, section: RegistrySection, registries: readonly string[]): Promise<boolean> {
  rack.config[section].registries = [...registries];
  if (rack.file.startsWith(paths.profiles)) return false;
  const doc = readJsonFile(rack.file) as Record<string, { registries?: string[] } | undefined>;
  doc[section] = { ...(doc[section] ?? {}), registries: [...registries] };
  await writeFileAtomic(rack.file, JSON.stringify(doc, null, 2) + '\n');
  return true;
}

/** Whether a registry URL is on this machine (reachable without a network). */
export function isLoopbackUrl(r: string): boolean {
  try {
    const host = new URL(r).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
