import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { ImportError } from '../../src/features/portability/import-error.js';
import { exportSite } from '../../src/features/portability/podium-export.service.js';
import { exportTables } from '../../src/features/portability/podium-export.tables.js';
import { importPodium } from '../../src/features/portability/podium-import.service.js';
import { nowIso } from '../../src/lib/time.js';
import { backends } from '../helpers/backends.js';
import { seedSite } from './seed-site.js';

type Doc = {
  format: string;
  version: number;
  exportedAt?: string;
  tables: Record<string, Record<string, unknown>[]>;
};

async function exportDoc(database: DatabaseHandle, withSecrets = false): Promise<Doc> {
  let text = '';
  for await (const chunk of exportSite(database.db, { withSecrets })) text += chunk;
  return JSON.parse(text) as Doc;
}

function withoutTime(doc: Doc): Omit<Doc, 'exportedAt'> {
  const { exportedAt: _, ...rest } = doc;
  return rest;
}

const open: DatabaseHandle[] = [];
async function fresh(backend: (typeof backends)[number]): Promise<DatabaseHandle> {
  const handle = await backend.open();
  open.push(handle);
  return handle;
}

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

for (const backend of backends) {
  describe(`Podium export and import on ${backend.name}`, { timeout: 300_000 }, () => {
    it('exports every table as versioned JSON, without secrets unless asked', async () => {
      const source = await fresh(backend);
      await seedSite(source.db);
      const doc = await exportDoc(source);
      expect(doc.format).toBe('podium-export');
      expect(doc.version).toBe(1);
      expect(Number.isNaN(Date.parse(doc.exportedAt ?? ''))).toBe(false);
      expect(Object.keys(doc.tables)).toEqual(exportTables.map((t) => t.name));
      for (const table of exportTables)
        expect(doc.tables[table.name]?.length, table.name).toBeGreaterThan(0);
      expect(doc.tables.articles).toHaveLength(6);
      expect(doc.tables.comments).toHaveLength(6);
      expect(doc.tables.grades).toHaveLength(14);
      const user = doc.tables.users?.[0];
      expect(user).toMatchObject({
        password_hash: null,
        totp_secret: null,
        recovery_codes: null,
        totp_enabled: 0,
      });
      const secret = await exportDoc(source, true);
      expect(secret.tables.users?.[0]).toMatchObject({
        totp_secret: 'JBSWY3DPEHPK3PXP',
        totp_enabled: 1,
      });
      expect(secret.tables.users?.[0]?.password_hash).toMatch(/^\$argon2id/);
    });

    it('restores into an empty database keeping ids: export → import → export is the same document', async () => {
      const source = await fresh(backend);
      await seedSite(source.db);
      const first = await exportDoc(source, true);
      const target = await fresh(backend);
      const counts = await importPodium(target, first);
      expect(counts.articles).toBe(6);
      const second = await exportDoc(target, true);
      expect(withoutTime(second)).toEqual(withoutTime(first));
      // The id sequences moved past the restored rows: a new row gets a fresh id.
      const topic = await target.db
        .insertInto('topics')
        .values({ slug: 'nieuw-na-import', name: 'Nieuw', created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const maxId = Math.max(...(first.tables.topics ?? []).map((t) => Number(t.id)));
      expect(topic.id).toBeGreaterThan(maxId);
    });

    it('restores an export made when follower tokens were stored raw: the old links still match', async () => {
      const source = await fresh(backend);
      await seedSite(source.db);
      const doc = await exportDoc(source, true);
      const follower = doc.tables.followers![0]!;
      const old: Doc = {
        ...doc,
        tables: {
          ...doc.tables,
          followers: [{ ...follower, token: 'volg-token-uit-oude-mail' }],
          follower_tokens: [],
        },
      };
      const target = await fresh(backend);
      await importPodium(target, old);
      const rows = await target.db.selectFrom('follower_tokens').selectAll().execute();
      expect(rows).toEqual([
        {
          token_hash: createHash('sha256').update('volg-token-uit-oude-mail').digest('hex'),
          follower_id: follower.id,
          created_at: follower.created_at,
        },
      ]);
    });

    it('refuses a database that is not empty, and documents that are not exports', async () => {
      const source = await fresh(backend);
      await seedSite(source.db);
      const doc = await exportDoc(source);
      const before = await exportDoc(source);
      const error = await importPodium(source, doc).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).importCode).toBe('not_empty');
      expect(withoutTime(await exportDoc(source))).toEqual(withoutTime(before));

      const target = await fresh(backend);
      const refusals: [unknown, string][] = [
        [{ hello: 'world' }, 'not_podium_export'],
        [{ ...doc, version: 2 }, 'unsupported_version'],
        [{ ...doc, tables: { ...doc.tables, geheim: [] } }, 'invalid_export'],
        [{ ...doc, tables: { ...doc.tables, articles: [{ id: 1, slug: 'x' }] } }, 'invalid_export'],
      ];
      for (const [bad, code] of refusals) {
        const e = await importPodium(target, bad).catch((x: unknown) => x);
        expect((e as ImportError).importCode, code).toBe(code);
        const empty = await target.db.selectFrom('users').select('id').execute();
        expect(empty).toHaveLength(0);
      }
    });
  });
}

describe('export across backends', { timeout: 300_000 }, () => {
  for (const from of backends) {
    for (const to of backends) {
      if (from.name === to.name) continue;
      it(`from ${from.name} into ${to.name} gives the same document`, async () => {
        const source = await fresh(from);
        await seedSite(source.db);
        const first = await exportDoc(source, true);
        const target = await fresh(to);
        await importPodium(target, first);
        expect(withoutTime(await exportDoc(target, true))).toEqual(withoutTime(first));
      });
    }
  }
});
