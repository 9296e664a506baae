// Newsletter delivery: time to queue an edition to 10,000 confirmed subscribers (the
// INSERT … SELECT of the 'newsletter.edition' job) and to hand every mail to an SMTP
// server (smtp-server in this process, counting recipients). Run in-process on a SQLite
// file with the send rate set far above what the machine can do, through nodemailer's
// pool (SMTP_URL with ?pool=true), as a large site would configure it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { RATE_SETTING } from '../../src/features/newsletters/delivery.jobs.js';
import { createEdition, sendNow } from '../../src/features/newsletters/editions.service.js';
import { writeSetting } from '../../src/features/newsletters/newsletters.repository.js';
import { buildServer } from '../../src/server.js';
import { catalogs } from '../../src/views/messages/index.js';
import { createArticle } from '../../test/helpers/factories.js';
import type { Figure } from '../lib/report.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';

const SUBSCRIBERS = 10_000;

async function countingSmtp(): Promise<{
  url: string;
  received: () => number;
  close(): Promise<void>;
}> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A reverse DNS lookup per connection would measure the resolver, not the sender.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += session.envelope.rcptTo.length;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function runOnce(ctx: BenchContext, label: string, pool: boolean): Promise<Figure[]> {
  const smtp = await countingSmtp();
  const file = path.join(ctx.workDir, `edition-${randomBytes(4).toString('hex')}.db`);
  const database = connect(`sqlite:${file}`);
  await migrateToLatest(database.db);
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${file}`,
      SMTP_URL: pool ? `${smtp.url}/?pool=true&maxConnections=8&maxMessages=Infinity` : smtp.url,
      DATA_DIR: ctx.workDir,
      SITE_URL: 'https://podium.example',
      SECRET: 'bench-secret-bench-secret-bench-secret-00',
      DEMO: 'false',
      LOG_LEVEL: 'silent',
    },
    { readDotEnv: false },
  );
  const app = await buildServer({ config, database, runJobs: false, logger: false });
  await app.ready();
  try {
    const db = database.db;
    const now = new Date().toISOString();
    const list = await db
      .insertInto('lists')
      .values({ slug: 'bench', name: 'Bench', description: null, is_public: 1, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ctx.log(`${label}: ${SUBSCRIBERS} subscribers`);
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      const emails = Array.from(
        { length: Math.min(500, SUBSCRIBERS - i) },
        (_, k) => `lezer${i + k}@example.nl`,
      );
      await db
        .insertInto('addresses')
        .values(emails.map((email) => ({ email, confirmed_at: now, created_at: now })))
        .execute();
      const ids = await db
        .selectFrom('addresses')
        .select('id')
        .where('email', 'in', emails)
        .execute();
      await db
        .insertInto('subscriptions')
        .values(
          ids.map((r) => ({
            list_id: list.id,
            address_id: r.id,
            state: 'confirmed' as const,
            token: randomBytes(32).toString('base64url'),
            consent_at: now,
            consent_text: 'bench',
            confirmed_at: now,
            created_at: now,
          })),
        )
        .execute();
    }
    // Far above what one process can send, so the figure is the machine's, not the setting's.
    await writeSetting(db, RATE_SETTING, 10_000_000);
    const articles = [];
    for (let i = 0; i < 5; i++)
      articles.push(
        await createArticle(db, { title: `Bench-artikel ${i}`, lead: 'Een korte inleiding.' }),
      );
    const deps = { db, config, t: catalogs.nl.newsletters };
    const editionId = await createEdition(
      deps,
      {
        listId: list.id,
        subject: 'Bench-editie',
        intro: 'Beste lezer,\n\nDe nieuwste artikelen.',
        articleIds: articles.map((a) => a.id),
      },
      null,
    );
    await sendNow(deps, editionId);

    const queueStart = performance.now();
    await app.jobs.runDue(); // the edition job: INSERT … SELECT of every delivery
    const queueMs = performance.now() - queueStart;
    const queued = await db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('edition_id', '=', editionId)
      .executeTakeFirstOrThrow();

    const sendStart = performance.now();
    const progress = setInterval(() => ctx.log(`${label}: ${smtp.received()} handed over`), 10_000);
    for (;;) {
      await app.jobs.drain();
      const edition = await db
        .selectFrom('editions')
        .select('state')
        .where('id', '=', editionId)
        .executeTakeFirstOrThrow();
      if (edition.state === 'sent') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const sendMs = performance.now() - sendStart;
    clearInterval(progress);
    const sent = await db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('edition_id', '=', editionId)
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    const received = smtp.received();
    ctx.log(
      `${label}: queued ${queued.n} in ${queueMs.toFixed(0)} ms; sent ${sent.n} in ${(sendMs / 1000).toFixed(1)} s`,
    );
    return [
      {
        name: `edition: queue ${SUBSCRIBERS.toLocaleString('en-GB')} deliveries (SQLite, ${label})`,
        value: `${queueMs.toFixed(0)} ms`,
        ok: Number(queued.n) === SUBSCRIBERS,
      },
      {
        name: `edition: hand ${SUBSCRIBERS.toLocaleString('en-GB')} mails to SMTP (SQLite, ${label})`,
        value: `${(sendMs / 1000).toFixed(1)} s (${Math.round((Number(sent.n) / sendMs) * 1000)} mails/s)`,
        target: 'every subscriber exactly once',
        ok: Number(sent.n) === SUBSCRIBERS && received === SUBSCRIBERS,
      },
    ];
  } finally {
    await app.close();
    await database.close();
    await smtp.close();
  }
}

export const editionScenario: Scenario = {
  name: 'edition',
  async run(ctx) {
    const figures = await runOnce(ctx, 'pooled SMTP, 8 connections', true);
    return {
      rows: [],
      figures,
      notes: [
        'edition: the send rate setting (mails per minute) paces real deliveries; the bench sets it out of the way.',
      ],
    };
  },
};
