import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { batchWindow } from '../../src/features/comments/followers/followers.service.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { formToken, postComment } from './comment-helpers.js';

describe('mail windows', () => {
  it('gathers a follower’s comments per batch window, per day in daily mode', () => {
    const a = batchWindow('2026-03-01T10:01:10.000Z', 'instant', 5, 1);
    const b = batchWindow('2026-03-01T10:04:59.000Z', 'instant', 5, 2);
    const c = batchWindow('2026-03-01T10:05:00.000Z', 'instant', 5, 3);
    expect(a.key).toBe(b.key);
    expect(c.key).not.toBe(a.key);
    expect(a.runAt.toISOString()).toBe('2026-03-01T10:05:00.000Z');
    const d = batchWindow('2026-03-01T23:59:00.000Z', 'daily', 5, 4);
    expect(d).toMatchObject({
      key: 'day:2026-03-01',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
    expect(d.runAt.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(batchWindow('2026-03-01T10:01:10.000Z', 'instant', 0, 9).key).toBe('comment:9');
  });
});

for (const backend of backends) {
  describe(`daily digest on ${backend.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('switches a follower to one mail a day from the confirmation page', async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      const a = await postComment(t, article.id, {
        name: 'Dag',
        email: 'dag@example.nl',
        body: 'Volgen.',
        notify: '1',
      });
      await t.app.jobs.drain();
      const token = /\/reacties\/volgen\/([A-Za-z0-9_-]+)/.exec(
        smtp.mails[0]!.parsed.text ?? '',
      )![1]!;
      await t.app.inject({
        method: 'POST',
        url: `/reacties/volgen/${token}`,
        headers: { ...formHeaders, cookie: a.cookie },
        payload: form({ form_token: formToken() }),
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `/reacties/volgen/${token}/modus`,
        headers: formHeaders,
        payload: form({ form_token: formToken(), mode: 'daily' }),
      });
      expect(res.statusCode).toBe(303);
      const page = await t.app.inject(`/reacties/volgen/${token}`);
      expect(page.body).toContain('Liever direct bij elke nieuwe reactie');
      await postComment(t, article.id, { name: 'Een', body: 'Eerste van de dag.' });
      await postComment(t, article.id, { name: 'Twee', body: 'Tweede van de dag.' });
      await t.app.jobs.drain();
      const jobs = await t.database.db
        .selectFrom('jobs')
        .select(['key', 'run_at'])
        .where('kind', '=', 'followers.batch')
        .execute();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.key).toMatch(/:day:\d{4}-\d{2}-\d{2}$/);
      expect(Date.parse(jobs[0]!.run_at)).toBeGreaterThan(Date.now());
      await t.database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('kind', '=', 'followers.batch')
        .execute();
      await t.app.jobs.drain();
      const digest = smtp.mails.filter((m) => m.to.includes('dag@example.nl'));
      expect(digest).toHaveLength(2);
      expect(digest[1]!.parsed.text).toContain('Eerste van de dag.');
      expect(digest[1]!.parsed.text).toContain('Tweede van de dag.');
    });
  });
}
