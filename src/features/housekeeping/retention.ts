// How long what the site keeps only for running itself is kept. docs/running.md and the
// privacy page (views/messages/site.ts) say the same; change them together.
import { DAY } from '../../lib/time.js';

/**
 * Rate-limit counters: a window is dropped once it has ended for every limit that could
 * use it. The fixed limits count per hour at most; the ones editors can set (grades held
 * back, comments per address) are read when the sweep runs. A day is the floor, so a
 * fixed limit of up to a day may be added without touching the sweep.
 */
export const RATE_COUNTERS_MIN_MS = DAY;

/** Jobs that ran (done) or had nothing to do (skipped): long enough to look into a report. */
export const FINISHED_JOBS_MS = 14 * DAY;

/** Jobs given up on: kept longer, to be looked into and, if need be, queued again by hand. */
export const FAILED_JOBS_MS = 90 * DAY;

/** Mail in the dev mailbox (only filled while no SMTP server is set). */
export const DEV_MAILBOX_MS = 7 * DAY;

/**
 * Follows and newsletter subscriptions never confirmed: the confirmation link of a
 * subscription is valid for as long (CONFIRM_LINK_TTL_MS), so only dead requests go.
 */
export const UNCONFIRMED_MS = 7 * DAY;
