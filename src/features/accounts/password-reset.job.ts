// A reset request is handled here, not in the request: the page answers the same,
// equally fast, whether or not the address has an account, and only this job looks.
// The link is minted here too and mailed at once, so its token is never queued: the
// database holds only its hash.

import type { FastifyInstance } from 'fastify';
import { messageIdFor } from '../../infra/mailer.js';
import { allow } from '../../infra/rate-limit.js';
import { keepingSecrets } from '../../jobs/job-secrets.js';
import type { JobHandler } from '../../jobs/runner.js';
import { HOUR } from '../../lib/time.js';
import { normaliseEmail } from '../addresses/email-address.js';
import { resetMail } from './account.mails.js';
import { issueResetLink, resetUrl } from './credentials.service.js';
import { sha256 } from './secret-token.js';

export const PASSWORD_RESET = 'accounts.password-reset';

/** At most this many reset mails per account per hour, so the feature cannot spam anyone. */
const MAILS_PER_HOUR = 3;

/** Thrown inside the transaction so that a refused request leaves no link behind. */
class TooMany extends Error {}

export function passwordResetJob(app: FastifyInstance): JobHandler {
  return {
    kind: PASSWORD_RESET,
    async run(payload, job) {
      const email = normaliseEmail(String((payload as { email?: unknown }).email ?? ''));
      if (!email) return 'skipped';
      let token: string | undefined;
      try {
        token = await app.db.transaction().execute(async (trx) => {
          const issued = await issueResetLink(trx, email);
          if (!issued) return undefined;
          // Counted once per request: a retry after a failed send is the same mail.
          const key = `reset-mail:${sha256(email).slice(0, 32)}`;
          if (
            job.attempts <= 1 &&
            !(await allow(trx, key, { windowMs: HOUR, max: MAILS_PER_HOUR }))
          )
            throw new TooMany();
          return issued;
        });
      } catch (error) {
        if (error instanceof TooMany) return 'skipped';
        throw error;
      }
      if (!token) return 'skipped';
      const link = resetUrl(app.config.siteUrl, token);
      await keepingSecrets([token], () =>
        app.mailer.send({
          ...resetMail(app.config, email, link),
          // The same for every attempt of this request, so a retried send can be recognised.
          messageId: messageIdFor(app.config.siteUrl, `reset.${job.id}`),
        }),
      );
      return 'done';
    },
  };
}
