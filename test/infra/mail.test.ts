import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/jobs/queue.js';
import { SEND_MAIL } from '../../src/jobs/send-mail.job.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { sqliteOnly } from '../helpers/backends.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

for (const backend of sqliteOnly) {
  describe(`mail through the job table on ${backend.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('retries while the SMTP server refuses and then delivers exactly once', async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Podium <redactie@podium.test>',
      });
      await enqueue(t.app.db, {
        kind: SEND_MAIL,
        key: 'mail:test:1',
        payload: { to: 'lezer@example.nl', subject: 'Welkom', text: 'Hallo' },
      });
      smtp.refuseWith = 451;
      await t.app.jobs.drain();
      expect(smtp.mails).toHaveLength(0);
      const waiting = await t.app.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(waiting.state).toBe('queued');
      expect(waiting.last_error).toContain('451');

      smtp.refuseWith = undefined;
      await t.app.db
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .execute();
      await t.app.jobs.drain();
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(1);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['lezer@example.nl']);
      expect(mails[0]!.parsed.subject).toBe('Welkom');
      expect(mails[0]!.parsed.from?.text).toContain('redactie@podium.test');
    });

    it('keeps mail in the dev mailbox when no SMTP server is configured', async () => {
      t = await buildTestApp(backend);
      await enqueue(t.app.db, {
        kind: SEND_MAIL,
        key: 'mail:test:2',
        payload: { to: 'auteur@example.nl', subject: 'Uitnodiging', text: 'Klik hier' },
      });
      await t.app.jobs.drain();
      const mail = await t.app.db.selectFrom('mailbox').selectAll().executeTakeFirstOrThrow();
      expect(mail.to_address).toBe('auteur@example.nl');
      expect(mail.subject).toBe('Uitnodiging');
    });
  });
}
