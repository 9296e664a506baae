import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';

const run = promisify(execFile);

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

describe('podium newsletter bounce', { timeout: 120_000 }, () => {
  it('suppresses the address, and refuses a bad one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podium-cli-'));
    try {
      const env = {
        DATA_DIR: dir,
        DATABASE_URL: `sqlite:${path.join(dir, 'p.db')}`,
        DEMO: 'false',
      };
      const ok = await cli(['newsletter', 'bounce', 'Weg@Example.nl', '--complaint'], env);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('weg@example.nl');
      const bad = await cli(['newsletter', 'bounce', '<script>'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('not a valid e-mail address');
      const db = connect(env.DATABASE_URL);
      const rows = await db.db.selectFrom('addresses').selectAll().execute();
      await db.close();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'weg@example.nl', suppress_reason: 'complaint' });
      expect(rows[0]!.suppressed_at).toBeTruthy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
