// Every route of the accounts feature, registered from one plugin (app.tsx), and the
// feature's jobs and periodic clean-ups (expired one-time links go with housekeeping).
import type { FastifyInstance } from 'fastify';
import { DAY } from '../../lib/time.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { linksRoutes } from './links.routes.js';
import { loginRoutes } from './login.routes.js';
import { passwordResetJob } from './password-reset.job.js';
import { securityRoutes } from './security.routes.js';
import { sweepSessionsAndAttempts } from './sessions.service.js';
import { usersRoutes } from './users.routes.js';

export async function accountsRoutes(app: FastifyInstance) {
  app.jobs.register(passwordResetJob(app));
  app.jobs.every({
    name: 'accounts.sweep',
    everyMs: DAY / 24,
    run: () => sweepSessionsAndAttempts(app.db),
  });
  await app.register(loginRoutes);
  await app.register(linksRoutes);
  await app.register(usersRoutes);
  await app.register(securityRoutes);
  await app.register(auditRoutes);
}
