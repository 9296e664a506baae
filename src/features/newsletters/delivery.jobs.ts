// Delivery of an edition through the durable job table.
//
// 'newsletter.edition' turns the list's confirmed, non-suppressed subscribers into queued
// deliveries with one INSERT … SELECT (UNIQUE(edition, address) makes a rerun harmless)
// and starts a chain of 'newsletter.batch' jobs. Each batch sends about one second's worth
// of mail at the configured rate, marks every delivery sent right after the SMTP server
// accepted it, and queues the next batch at the time the rate allows. The process is idle
// between batches, so a crash or restart leaves nothing half done but the one mail in
// flight: the rest resumes from the deliveries still queued.
//
// A batch that died while running stays "running" in the job table; the watchdog below
// starts a new chain for it, and a revived old batch stands down when a newer one exists.

import type { Config } from '../../config.js';
import type { Mailer } from '../../infra/mailer.js';
import { messageIdFor } from '../../infra/mailer.js';
import { enqueue } from '../../jobs/queue.js';
import type { JobHandler, PeriodicTask } from '../../jobs/runner.js';
import { MINUTE, nowIso } from '../../lib/time.js';
import * as editions from './editions.repository.js';
import { BATCH_JOB, EDITION_JOB, renderEdition, startDueEditions } from './editions.service.js';
import { readSetting } from './newsletters.repository.js';
import { type NewsletterDeps, unsubscribeUrl } from './subscriptions.service.js';

export const RATE_SETTING = 'newsletter.rate';
export const DEFAULT_RATE = 600;
const MAX_BATCH = 500;
const PARALLEL_SENDS = 8;
/** A batch runs for about a second; one still "running" after this is taken for dead. */
const DEAD_AFTER_MS = 2 * MINUTE;

export async function sendRate(deps: NewsletterDeps): Promise<number> {
  const value = Number(await readSetting(deps.db, RATE_SETTING));
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_RATE;
}

interface BatchPayload {
  editionId: number;
  chain: string;
  seq: number;
}

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === 'number' && code >= 500;
}

function editionMessageId(config: Config, editionId: number, addressId: number): string {
  return messageIdFor(config.siteUrl, `edition-${editionId}-${addressId}`);
}

export function editionJob(deps: NewsletterDeps): JobHandler {
  return {
    kind: EDITION_JOB,
    async run(payload, job) {
      const { editionId } = payload as { editionId: number };
      const edition = await editions.findEdition(deps.db, editionId);
      if (edition?.state !== 'sending') return 'skipped';
      await editions.queueDeliveries(deps.db, edition.id, edition.list_id);
      await enqueue(deps.db, {
        kind: BATCH_JOB,
        key: `newsletter.batch:${edition.id}:${job.id}:0`,
        payload: { editionId: edition.id, chain: String(job.id), seq: 0 } satisfies BatchPayload,
      });
      return 'done';
    },
  };
}

export function batchJob(deps: NewsletterDeps, mailer: Mailer): JobHandler {
  return {
    kind: BATCH_JOB,
    async run(payload, job) {
      const p = payload as BatchPayload;
      if (await editions.newerBatchExists(deps.db, p.editionId, job.id)) return 'skipped';
      const edition = await editions.findEdition(deps.db, p.editionId);
      if (edition?.state !== 'sending') return 'skipped';
      const startedAt = Date.now();
      const rate = await sendRate(deps);
      const size = Math.min(MAX_BATCH, Math.max(1, Math.ceil(rate / 60)));
      const batch = await editions.nextQueuedDeliveries(deps.db, edition.id, edition.list_id, size);
      if (batch.length > 0) {
        const mailFor = await renderEdition(deps, edition);
        const sendOne = async (d: editions.QueuedDelivery) => {
          // Unsubscribed or suppressed since the edition was queued: nothing goes out.
          if (d.suppressed_at || d.subscription_state !== 'confirmed' || !d.token) {
            await editions.markFailed(
              deps.db,
              d.id,
              d.suppressed_at ? 'suppressed' : 'unsubscribed',
            );
            return;
          }
          const link = unsubscribeUrl(deps.config, d.token);
          const mail = mailFor(link);
          try {
            const { messageId } = await mailer.send({
              to: d.email,
              subject: mail.subject,
              html: mail.html,
              text: mail.text,
              messageId: editionMessageId(deps.config, edition.id, d.address_id),
              headers: {
                'List-Unsubscribe': `<${link}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                'List-Id': `<list-${edition.list_id}.${new URL(deps.config.siteUrl).hostname}>`,
              },
            });
            await editions.markDelivered(deps.db, d.id, messageId);
          } catch (error) {
            // A refused address is final for this edition; anything else is retried later.
            if (!isPermanent(error)) throw error;
            await editions.markFailed(deps.db, d.id, (error as Error).message);
          }
        };
        // A few SMTP conversations at once: each waits mostly on the network.
        let next = 0;
        let transient: unknown;
        const worker = async () => {
          while (next < batch.length && transient === undefined) {
            const d = batch[next++]!;
            try {
              await sendOne(d);
            } catch (error) {
              transient ??= error;
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, batch.length) }, worker));
        if (transient !== undefined) throw transient;
      }
      if ((await editions.countQueued(deps.db, edition.id)) === 0) {
        await editions.transitionEdition(deps.db, edition.id, ['sending'], 'sent');
        return 'done';
      }
      await enqueue(deps.db, {
        kind: BATCH_JOB,
        key: `newsletter.batch:${edition.id}:${p.chain}:${p.seq + 1}`,
        payload: { ...p, seq: p.seq + 1 } satisfies BatchPayload,
        runAt: new Date(startedAt + (batch.length * MINUTE) / rate),
      });
      return 'done';
    },
  };
}

/** Starts due scheduled editions and revives editions whose sender died. */
export function editionWatchdog(deps: NewsletterDeps, everyMs = 15_000): PeriodicTask {
  return {
    name: 'newsletter.watchdog',
    everyMs,
    async run() {
      await startDueEditions(deps);
      const liveSince = new Date(Date.now() - DEAD_AFTER_MS).toISOString();
      for (const { id } of await editions.sendingEditions(deps.db)) {
        if (await editions.hasActiveSenderJob(deps.db, id, liveSince)) continue;
        await enqueue(deps.db, {
          kind: EDITION_JOB,
          key: `newsletter.edition:${id}:r${nowIso()}`,
          payload: { editionId: id },
        });
      }
    },
  };
}
