import type { CvAdc } from '../devices/cv-adc/cv-adc';
import { Priority, type Scheduler } from '../scheduler/scheduler';

/** The CV scans on a scheduler, at the rack's scan rate (deadline accounting per scan). */
export function scheduleCvScans(scheduler: Scheduler, cvAdc: CvAdc, scanHz: number): void {
  scheduler.addPeriodic({ id: 'cv-scan', periodMs: 1000 / scanHz, priority: Priority.control + 1, run: async () => void (await cvAdc.scan()) });
}
