// The simplest job: a mail composed when it was queued (invites, resets, confirmations).
// Mails that depend on data that may change (comment notifications, editions) have job
// kinds of their own that compose at run time and skip when the data is gone.
import type { Mailer, OutgoingMail } from '../infra/mailer.js';
import type { JobHandler } from './runner.js';

export const SEND_MAIL = 'mail.send';

export function sendMailJob(mailer: Mailer): JobHandler {
  return {
    kind: SEND_MAIL,
    async run(payload) {
      await mailer.send(payload as OutgoingMail);
      return 'done';
    },
  };
}
