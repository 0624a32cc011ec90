import { NeurorackError } from '../errors/neurorack-error';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { MappingOffer } from '../plugins/plugin-manifest';
import type { CvMapping } from './cv-mapping';
import { MappingSlot } from './mapping-slot';

/**
 * The mapping slots for the rack's CV assignments: each assignment (`plugin-id/mapping-id` or
 * `mapping-id`) is looked up among the cv-mapping plugins, activated through the plugin loader,
 * and given its declared params at their defaults. An unknown assignment is NR_MAPPING_UNKNOWN.
 */
export async function resolveMappings(
  loader: PluginLoader,
  assignments: Readonly<Record<number, string>>,
  onError: (err: NeurorackError) => void,
): Promise<{ slots: MappingSlot[]; params: Map<number, Record<string, number>> }> {
  const slots: MappingSlot[] = [];
  const params = new Map<number, Record<string, number>>();
  for (const [jackText, assignment] of Object.entries(assignments)) {
    const jack = Number(jackText);
    const manifest = loader.findOffer(assignment, 'cv-mapping');
    const localId = assignment.includes('/') ? assignment.split('/', 2)[1]! : assignment;
    if (!manifest) {
      const known = loader.ofKind('cv-mapping').flatMap((m) => (m.provides as MappingOffer[]).map((o) => `${m.id}/${o.id}`));
      throw new NeurorackError('NR_MAPPING_UNKNOWN', `CV ${jack} is assigned "${assignment}", which no cv-mapping plugin offers; expected one of ${known.join(', ') || 'none (no cv-mapping plugin loaded)'}`, { pointer: `/assignments/cv${jack}` });
    }
    const active = await loader.activate(manifest.id);
    const mapping = active.module.provides[localId] as CvMapping;
    const offer = (manifest.provides as MappingOffer[]).find((o) => o.id === localId)!;
    params.set(jack, Object.fromEntries(offer.params.map((p) => [p.id, p.default ?? p.min])));
    slots.push(new MappingSlot({ jack, mappingId: `${manifest.id}/${localId}`, mapping, onError }));
  }
  return { slots, params };
}
