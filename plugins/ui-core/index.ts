import type { ScreenPage } from 'neurorack/sdk';
import { aboutPage } from './pages/about';
import { assignmentPage } from './pages/assignment';
import { banksPage } from './pages/banks';
import { bootPage } from './pages/boot';
import { calibrationPage } from './pages/calibration';
import { menuPage } from './pages/menu';
import { modelsPage } from './pages/models';
import { parametersPage } from './pages/parameters';
import { performPage } from './pages/perform';
import { statsPage } from './pages/stats';

/** One page per offer in plugin.json; the loader checks both directions. */
export const provides: Record<string, ScreenPage<any>> = {
  boot: bootPage,
  perform: performPage,
  menu: menuPage,
  models: modelsPage,
  banks: banksPage,
  parameters: parametersPage,
  assignment: assignmentPage,
  calibration: calibrationPage,
  stats: statsPage,
  about: aboutPage,
};
