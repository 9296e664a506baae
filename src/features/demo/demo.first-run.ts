// First run with DEMO on: a new, empty database gets the demo content so the site has
// something to show.
import type { FirstRunStep } from '../../cli/first-run.js';
import { countArticles } from './demo.repository.js';
import { seedDemo } from './demo.service.js';

export const demoFirstRunStep: FirstRunStep = async ({ server, config, isNew }) => {
  if (!isNew || !config.demo) return;
  if ((await countArticles(server.db)) > 0) return;
  const result = await seedDemo(server.db);
  server.log.info(result, 'demo content seeded');
};
