// What happens the first time a database is used: demo content and the first-admin link.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { firstAdminLinkStep } from '../features/accounts/first-admin.step.js';
import { demoFirstRunStep } from '../features/demo/demo.first-run.js';

export type FirstRunStep = (ctx: {
  server: FastifyInstance;
  config: Config;
  isNew: boolean;
}) => Promise<void>;

/** Steps run in order after migrations, before the server listens. Features add theirs. */
export const firstRunSteps: FirstRunStep[] = [];
firstRunSteps.push(demoFirstRunStep);
// Last, so that it sees any account an earlier step created.
firstRunSteps.push(firstAdminLinkStep);

export async function onNewDatabase(ctx: {
  server: FastifyInstance;
  config: Config;
  isNew: boolean;
}) {
  for (const step of firstRunSteps) await step(ctx);
}
