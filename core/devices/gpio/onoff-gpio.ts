import type { Gpio as OnoffGpio } from 'onoff';
import { NeurorackError } from '../../errors/neurorack-error';
import type { Clock } from '../../scheduler/clock';
import type { Edge, GpioEdgeEvent, GpioInput, GpioOutput } from './gpio-line';

type OnoffModule = typeof import('onoff');

function loadOnoff(line: number): OnoffModule {
  let mod: OnoffModule;
  try {
    // Loaded lazily: onoff pulls in epoll, which only builds on Linux.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('onoff') as OnoffModule;
  } catch (err) {
    throw new NeurorackError('NR_GPIO_UNAVAILABLE', `cannot load onoff for GPIO ${line}: ${(err as Error).message}`, { device: `gpio${line}` }, { cause: err });
  }
  if (!mod.Gpio.accessible) {
    throw new NeurorackError('NR_GPIO_UNAVAILABLE', `GPIO ${line}: sysfs GPIO is not accessible on this machine (expected /sys/class/gpio with write access)`, { device: `gpio${line}` });
  }
  return mod;
}

function openGpio(line: number, make: (m: OnoffModule) => OnoffGpio): OnoffGpio {
  const mod = loadOnoff(line);
  try {
    return make(mod);
  } catch (err) {
    throw new NeurorackError('NR_GPIO_LINE_OUT_OF_RANGE', `cannot export GPIO ${line} (expected a line the kernel offers): ${(err as Error).message}`, { device: `gpio${line}` }, { cause: err });
  }
}

/**
 * An input line through onoff (sysfs). onoff's own debounce is off: drivers debounce on the
 * injected clock, identically for real and emulated lines. Events are timestamped on arrival
 * (sysfs edges carry no time of their own).
 */
export function openOnoffInput(line: number, edge: Edge, clock: Clock): GpioInput {
  const gpio = openGpio(line, (m) => new m.Gpio(line, 'in', edge));
  let callback: ((err: Error | null | undefined, value: 0 | 1) => void) | undefined;
  let closed = false;
  return {
    line,
    read: () => gpio.read(),
    watch(listener: (event: GpioEdgeEvent) => void): void {
      if (callback) gpio.unwatch(callback);
      callback = (err, value) => {
        if (!err) listener({ value, timeMs: clock.now() });
      };
      gpio.watch(callback);
    },
    unwatch(): void {
      if (callback) gpio.unwatch(callback);
      callback = undefined;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      gpio.unwatchAll();
      gpio.unexport();
    },
  };
}

/** An output line through onoff, starting at `initial`. */
export function openOnoffOutput(line: number, initial: 0 | 1 = 0): GpioOutput {
  const gpio = openGpio(line, (m) => new m.Gpio(line, initial ? 'high' : 'low'));
  let closed = false;
  return {
    line,
    write: (value) => gpio.write(value),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      gpio.unexport();
    },
  };
}
