// Kills a real sending process mid-edition with SIGKILL and restarts it: every confirmed
// subscriber must get exactly one copy.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { RATE_SETTING } from '../../src/features/newsletters/delivery.jobs.js';
import { createEdition, sendNow } from '../../src/features/newsletters/editions.service.js';
import { writeSetting } from '../../src/features/newsletters/newsletters.repository.js';
import { catalogs } from '../../src/views/messages/index.js';
import { testConfig } from '../helpers/app.js';
import { addConfirmedSubscribers, createArticle, createList } from '../helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const SUBSCRIBERS = 10;

function startSender(file: string, smtpUrl: string, dataDir: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/newsletters/sender-process.ts'), file, smtpUrl, dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('newsletter sender crash', { timeout: 300_000 }, () => {
  let smtp: TestSmtpServer | undefined;
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL and delivers exactly one copy to each subscriber', async () => {
    smtp = await startSmtpServer();
    dir = mkdtempSync(path.join(tmpdir(), 'podium-sender-'));
    const file = path.join(dir, 'podium.db');
    const setup = connect(`sqlite:${file}`);
    await migrateToLatest(setup.db);
    const list = await createList(setup.db, { name: 'Crashbrief' });
    const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `lezer${i}@example.nl`);
    await addConfirmedSubscribers(setup.db, list.id, emails);
    const article = await createArticle(setup.db, { title: 'Veerkracht' });
    // Two mails a second: slow enough to kill the sender halfway.
    await writeSetting(setup.db, RATE_SETTING, 120);
    const deps = {
      db: setup.db,
      config: testConfig(),
      t: catalogs.nl.newsletters,
    };
    const editionId = await createEdition(
      deps,
      { listId: list.id, subject: 'Crash', intro: 'Hallo', articleIds: [article.id] },
      null,
    );
    await sendNow(deps, editionId);
    await setup.close();

    child = startSender(file, smtp.url, dir);
    await smtp.waitFor(3, 90_000);
    // Kill it between batches, where a sender spends nearly all its time at a slow rate:
    // every mail the server received is recorded as sent and no job is running. (A kill
    // between an SMTP acceptance and its record would send that one mail twice, and a
    // batch killed while running is revived by the watchdog only after two minutes.)
    const watch = connect(`sqlite:${file}`);
    for (let i = 0; i < 400; i++) {
      const sent = await watch.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'sent')
        .executeTakeFirstOrThrow();
      const running = await watch.db
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'running')
        .execute();
      if (Number(sent.n) === smtp.mails.length && running.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await watch.close();
    await exited(child);
    const afterKill = smtp.mails.length;
    expect(afterKill).toBeGreaterThanOrEqual(3);
    expect(afterKill).toBeLessThan(SUBSCRIBERS);

    child = startSender(file, smtp.url, dir);
    await smtp.waitFor(SUBSCRIBERS, 120_000);
    // Give a duplicate, if any, the time to arrive.
    await new Promise((r) => setTimeout(r, 2_000));
    child.kill('SIGTERM');
    await exited(child);

    const perRecipient = new Map<string, number>();
    for (const mail of smtp.mails)
      for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect([...perRecipient.keys()].sort()).toEqual([...emails].sort());
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);

    const check = connect(`sqlite:${file}`);
    const states = await check.db
      .selectFrom('deliveries')
      .select('state')
      .where('edition_id', '=', editionId)
      .execute();
    const edition = await check.db
      .selectFrom('editions')
      .select('state')
      .where('id', '=', editionId)
      .executeTakeFirstOrThrow();
    await check.close();
    expect(states).toHaveLength(SUBSCRIBERS);
    expect(states.every((s) => s.state === 'sent')).toBe(true);
    expect(edition.state).toBe('sent');
  });
});
