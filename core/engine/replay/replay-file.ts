import { readJsonFile } from '../../config/read-json-file';
import { NeurorackError } from '../../errors/neurorack-error';
import { SchemaIds, type SchemaRegistry } from '../../schemas/schema-registry';

export type ReplayEvent =
  | { t: number; type: 'cv'; jack: number; volts: number }
  | { t: number; type: 'gate'; jack: number; state: 'high' | 'low' }
  | { t: number; type: 'encoder'; delta: number }
  | { t: number; type: 'button'; state: 'down' | 'up' };

/** A replay script (schemas/replay.schema.json). */
export interface Replay {
  duration_s: number;
  events: ReplayEvent[];
}

/**
 * Reads and checks a replay file: the schema (unknown types, jacks out of range, non-numeric
 * times are NR_SCHEMA_INVALID at their JSON pointer), then what a schema cannot say: events in
 * time order and within the duration (NR_REPLAY_INVALID at /events/N/t).
 */
export function loadReplay(file: string, schemas: SchemaRegistry): Replay {
  return checkReplay(readJsonFile(file), file, schemas);
}

export function checkReplay(data: unknown, file: string, schemas: SchemaRegistry): Replay {
  const replay = schemas.validate<Replay>(SchemaIds.replay, data, file);
  replay.events.forEach((e, i) => {
    const prev = replay.events[i - 1];
    if (prev && e.t < prev.t) {
      throw new NeurorackError('NR_REPLAY_INVALID', `event ${i} is at ${e.t} s, before event ${i - 1} at ${prev.t} s; expected events in time order`, { file, pointer: `/events/${i}/t` });
    }
    if (e.t > replay.duration_s) {
      throw new NeurorackError('NR_REPLAY_INVALID', `event ${i} is at ${e.t} s, after the end (duration_s ${replay.duration_s}); expected t <= duration_s`, { file, pointer: `/events/${i}/t` });
    }
  });
  return replay;
}
