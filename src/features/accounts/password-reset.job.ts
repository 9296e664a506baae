// A reset request is handled here, not in the request: the page answers the same,
// equally fast, whether or not the address has an account, and only this job looks.
import type { FastifyInstance } from 'fastify';
import { allow } from '../../infra/rate-limit.js';
import { enqueue } from '../../jobs/queue.js';
import type { JobHandler } from '../../jobs/runner.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { HOUR } from '../../lib/time.js';
import { resetMail } from './account-mails.js';
import { issueResetLink, resetUrl } from './credentials.service.js';
import { normaliseEmail } from './email-address.js';
import { sha256 } from './secret-token.js';

export const PASSWORD_RESET = 'accounts.password-reset';

/** At most this many reset mails per account per hour, so the feature cannot spam anyone. */
const MAILS_PER_HOUR = 3;

export function passwordResetJob(app: FastifyInstance): JobHandler {
  return {
    kind: PASSWORD_RESET,
    async run(payload) {
      const email = normaliseEmail(String((payload as { email?: unknown }).email ?? ''));
      if (!email) return 'skipped';
      return app.db.transaction().execute(async (trx) => {
        const token = await issueResetLink(trx, email);
        if (!token) return 'skipped';
        const key = `reset-mail:${sha256(email).slice(0, 32)}`;
        if (!(await allow(trx, key, { windowMs: HOUR, max: MAILS_PER_HOUR }))) return 'skipped';
        await enqueue(trx, {
          kind: SEND_MAIL,
          key: `mail:reset:${sha256(token)}`,
          payload: resetMail(app.config, email, resetUrl(app.config.siteUrl, token)),
        });
        return 'done';
      });
    },
  };
}
