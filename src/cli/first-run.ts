// What happens the first time a database is used: demo content and the first-admin link.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

export type FirstRunStep = (ctx: {
  server: FastifyInstance;
  config: Config;
  isNew: boolean;
}) => Promise<void>;

/** Steps run in order after migrations, before the server listens. Features add theirs. */
export const firstRunSteps: FirstRunStep[] = [];

export async function onNewDatabase(ctx: {
  server: FastifyInstance;
  config: Config;
  isNew: boolean;
}) {
  for (const step of firstRunSteps) await step(ctx);
}
