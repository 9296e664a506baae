// The comment rules a site can tune, stored in the settings table (JSON values) under
// "comments.*". Every spam and flood defence can be switched or tuned here; the defaults
// suit a small expert site.

import type { SharedData } from '../../infra/cache/shared-data.js';
import { sharedValue, withTags } from '../../infra/cache/shared-data.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { nowIso } from '../../lib/time.js';

export type ModerationMode = 'open' | 'first_time' | 'all';

export interface CommentSettings {
  /** open: visible at once; first_time: a name+e-mail pair with an approved comment passes; all: every comment held. */
  moderation: ModerationMode;
  /** Close comments this many days after publication; 0 keeps them open. */
  closeAfterDays: number;
  honeypot: boolean;
  /** Minimum seconds between loading the form and posting it; 0 turns the check off. */
  minSeconds: number;
  /** Most links a comment may hold; a negative number turns the check off. */
  maxLinks: number;
  /** Refuse the same text on the same article within this many hours; 0 turns it off. */
  duplicateHours: number;
  /** Comments per network address (hashed) per window; 0 turns it off. */
  ratePerWindow: number;
  rateWindowMinutes: number;
  /** Words, e-mail addresses or domains that refuse a comment (case-insensitive). */
  blocklist: string[];
  /** Minutes in which a reader may still edit or delete their own comment. */
  editMinutes: number;
  /** Minutes over which new comments are gathered into one mail to a follower. */
  batchMinutes: number;
}

export const defaultCommentSettings: CommentSettings = {
  moderation: 'first_time',
  closeAfterDays: 0,
  honeypot: true,
  minSeconds: 3,
  maxLinks: 2,
  duplicateHours: 24,
  ratePerWindow: 5,
  rateWindowMinutes: 10,
  blocklist: [],
  editMinutes: 15,
  batchMinutes: 5,
};

const PREFIX = 'comments.';

type Key = keyof CommentSettings;

function valid<K extends Key>(key: K, value: unknown): value is CommentSettings[K] {
  const fallback = defaultCommentSettings[key];
  if (key === 'moderation') return value === 'open' || value === 'first_time' || value === 'all';
  if (Array.isArray(fallback))
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof fallback === 'number')
    return typeof value === 'number' && Number.isFinite(value) && value >= -1;
  return typeof value === typeof fallback;
}

export async function loadCommentSettings(db: Db): Promise<CommentSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'like', `${PREFIX}%`)
    .execute();
  const settings: CommentSettings = { ...defaultCommentSettings };
  for (const row of rows) {
    const key = row.key.slice(PREFIX.length) as Key;
    if (!(key in defaultCommentSettings)) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue;
    }
    // A broken stored value falls back to the default rather than breaking the form.
    if (valid(key, value)) (settings as unknown as Record<string, unknown>)[key] = value;
  }
  return settings;
}

/** The rules as pages read them: from memory until a settings change (infra/cache/shared-data.ts). */
export function sharedCommentSettings(
  db: Db,
  shared: SharedData,
): Promise<Readonly<CommentSettings>> {
  return keptSettings.get(shared, db);
}

const keptSettings = sharedValue({
  name: 'comments.settings',
  load: async (db: Db) => withTags([cacheTags.settings], await loadCommentSettings(db)),
});

/** Saves the comment rules an editor set; every page showing a comment form changes. */
export async function saveCommentSettings(db: Db, next: Partial<CommentSettings>): Promise<void> {
  await runWrite(db, async ({ trx, touch }) => {
    for (const [key, value] of Object.entries(next) as [Key, never][]) {
      await saveCommentSetting(trx, key, value);
    }
    touch('*');
  });
}

export async function saveCommentSetting<K extends Key>(
  db: Db,
  key: K,
  value: CommentSettings[K],
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('settings')
    .values({ key: PREFIX + key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }),
    )
    .execute();
}
