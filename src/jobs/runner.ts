// Claims due jobs and runs their handlers, with retries and exponential backoff.
// PostgreSQL: many processes claim concurrently with FOR UPDATE SKIP LOCKED.
// SQLite: one writer, so a single UPDATE … RETURNING claims atomically.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import type { Job } from '../db/schema.js';
import { MINUTE, nowIso } from '../lib/time.js';
import { secretsIn, withoutSecrets } from './job-secrets.js';
import { jobSignal } from './queue.js';

export type JobOutcome = 'done' | 'skipped';

export interface JobHandler {
  kind: string;
  run(payload: unknown, job: Job): Promise<JobOutcome>;
  /**
   * For payloads that carry a secret (a mail with a live link): what of the payload is
   * kept once the job is finished (done, skipped, or failed for good). It is written in
   * the update that finishes the job, so no finished row holds the secret, and the
   * payload's secrets are kept out of the stored error and the log of every attempt.
   */
  redact?(payload: unknown): unknown;
}

export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * MINUTE);
}

const STALE_LOCK_MS = 10 * MINUTE;

export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private periodic: (PeriodicTask & { nextAt: number })[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private wake = () => this.schedule(0);
  readonly workerId = `${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly log: Logger,
    private readonly options: { pollMs?: number; batchSize?: number } = {},
  ) {}

  register(handler: JobHandler): void {
    this.handlers.set(handler.kind, handler);
  }

  every(task: PeriodicTask): void {
    this.periodic.push({ ...task, nextAt: 0 });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    jobSignal.listeners.add(this.wake);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    jobSignal.listeners.delete(this.wake);
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let worked = 0;
    try {
      await this.runPeriodic();
      worked = await this.runDue();
    } catch (error) {
      this.log.error({ err: error }, 'job runner tick failed');
    } finally {
      this.running = false;
    }
    this.schedule(worked > 0 ? 0 : (this.options.pollMs ?? 1000));
  }

  private async runPeriodic(): Promise<void> {
    const now = Date.now();
    for (const task of this.periodic) {
      if (task.nextAt > now) continue;
      task.nextAt = now + task.everyMs;
      try {
        await task.run();
      } catch (error) {
        this.log.error({ err: error, task: task.name }, 'periodic task failed');
      }
    }
  }

  /** Runs until no job is due; returns how many ran. For tests and the CLI too. */
  async drain(maxJobs = 10_000): Promise<number> {
    let total = 0;
    while (total < maxJobs) {
      const n = await this.runDue();
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  /** Claims one batch of due jobs and runs them; returns the number claimed. */
  async runDue(): Promise<number> {
    const jobs = await this.claim();
    for (const job of jobs) await this.runOne(job);
    return jobs.length;
  }

  private async claim(): Promise<Job[]> {
    const { db, backend } = this.database;
    const now = nowIso();
    const staleBefore = new Date(Date.now() - STALE_LOCK_MS).toISOString();
    // A worker that died mid-job left it "running": give it back to the queue.
    await db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_at: null })
      .where('state', '=', 'running')
      .where('locked_at', '<', staleBefore)
      .execute();
    const limit = this.options.batchSize ?? 20;
    let due = db
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'queued')
      .where('run_at', '<=', now)
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit);
    if (backend !== 'sqlite') due = due.forUpdate().skipLocked();
    return db
      .updateTable('jobs')
      .set({
        state: 'running',
        locked_by: this.workerId,
        locked_at: now,
        attempts: sql`attempts + 1`,
        updated_at: now,
      })
      .where('id', 'in', due)
      .returningAll()
      .execute()
      .then((rows) => rows.sort((a, b) => a.run_at.localeCompare(b.run_at) || a.id - b.id));
  }

  private async runOne(job: Job): Promise<void> {
    const { db } = this.database;
    const handler = this.handlers.get(job.kind);
    let payload: unknown;
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      payload = JSON.parse(job.payload);
      const outcome = await handler.run(payload, job);
      await db
        .updateTable('jobs')
        .set({
          state: outcome,
          ...(handler.redact ? { payload: JSON.stringify(handler.redact(payload)) } : {}),
          locked_by: null,
          locked_at: null,
          last_error: null,
          updated_at: nowIso(),
        })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const raw = error instanceof Error ? error.message : String(error);
      const message = handler?.redact ? withoutSecrets(raw, secretsIn(job.payload)) : raw;
      const final = job.attempts >= job.max_attempts;
      this.log[final ? 'error' : 'warn'](
        { job: job.id, kind: job.kind, err: message },
        'job failed',
      );
      // A mail given up on is not sent again: its link need not be kept either.
      const redacted =
        final && handler?.redact && payload !== undefined
          ? { payload: JSON.stringify(handler.redact(payload)) }
          : {};
      await db
        .updateTable('jobs')
        .set({
          state: final ? 'failed' : 'queued',
          ...redacted,
          run_at: new Date(Date.now() + backoffMs(job.attempts)).toISOString(),
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_at: null,
          updated_at: nowIso(),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
}
