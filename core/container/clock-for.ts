import type { LoadedRack } from '../config/rack-config';
import type { Clock } from '../scheduler/clock';
import { MonotonicClock } from '../scheduler/monotonic-clock';
import { VirtualClock } from '../scheduler/virtual-clock';

/** The clock a rack names: virtual (time moves when a replay or test advances it) or the real one. */
export function clockFor(config: LoadedRack['config']): Clock {
  return config.clock === 'virtual' ? new VirtualClock() : new MonotonicClock();
}
