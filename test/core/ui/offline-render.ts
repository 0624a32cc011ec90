import { offlineScreen, showPage } from '../../../core/ui/offline-screen';
import type { HostView } from '../../../core/ui/host-view';

/** Renders one page of `view` offline and returns what the panel would show (RGBA). */
export async function renderOffline(page: string, view: HostView): Promise<Uint8ClampedArray> {
  const s = await offlineScreen(view);
  showPage(s.runtime, page);
  await s.runtime.frame();
  return s.display.readRgba();
}
