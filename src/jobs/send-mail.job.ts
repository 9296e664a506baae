// The simplest job: a mail composed when it was queued (invites, e-mail changes, newsletter
// confirmations, "forget me" links, notices). Mails that depend on data that may change
// (comment notifications, editions) have job kinds of their own that compose at run time
// and skip when the data is gone.
//
// A queued mail may carry a live link whose token the database otherwise holds only as a
// hash. The raw link stays in `jobs.payload` only until the mail is out: the row that
// finishes the job (sent, or given up on) keeps the subject alone. Mails whose job already
// runs at send time (password reset, follower mail) mint their token there instead, and
// never queue it at all.
import type { Mailer, OutgoingMail } from '../infra/mailer.js';
import type { JobHandler } from './runner.js';

export const SEND_MAIL = 'mail.send';

/** What a finished mail job keeps: enough to tell mails apart, nothing to click. */
export interface RedactedMail {
  redacted: true;
  subject: string;
}

export function sendMailJob(mailer: Mailer): JobHandler {
  return {
    kind: SEND_MAIL,
    async run(payload) {
      // Requeued by hand after it was given up on: the mail is no longer there to send.
      if ((payload as Partial<RedactedMail>).redacted) return 'skipped';
      await mailer.send(payload as OutgoingMail);
      return 'done';
    },
    redact(payload): RedactedMail {
      const { subject } = payload as Partial<OutgoingMail>;
      return { redacted: true, subject: typeof subject === 'string' ? subject : '' };
    },
  };
}
