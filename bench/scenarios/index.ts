// Every bench scenario, in the order `npm run bench` runs them.
import type { Scenario } from '../lib/scenario.js';
import { editionScenario } from './edition.js';
import { gradesScenario } from './grades.js';
import { pagesScenario } from './pages.js';

export const scenarios: Scenario[] = [pagesScenario, gradesScenario, editionScenario];
