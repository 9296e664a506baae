// `podium user create` in a child process against a temporary SQLite DATA_DIR; the
// printed link then works in the app opened on the same database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { buildServer } from '../../src/server.js';
import {
  cookiesFrom,
  form,
  formHeaders,
  TEST_SECRET,
  type TestApp,
  testConfig,
} from '../helpers/app.js';
import { hiddenField, submitLogin } from '../helpers/login.js';

function podium(args: string[], dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SITE_URL: 'https://podium.example.nl',
      SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
}

describe('podium user create', () => {
  let dataDir: string | undefined;
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the user and prints a one-time link that sets the password', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'podium-cli-'));
    const run = podium(
      ['user', 'create', '--email', 'Els@Example.nl', '--name', 'Els Editor', '--role', 'editor'],
      dataDir,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const link = /(https:\/\/podium\.example\.nl\/beheer\/uitnodiging\/[A-Za-z0-9_-]{43})/.exec(
      run.stdout,
    )?.[1];
    expect(link, run.stdout).toBeDefined();
    expect(run.stdout).not.toMatch(/password:/i);

    const again = podium(
      ['user', 'create', '--email', 'els@example.nl', '--name', 'Els', '--role', 'editor'],
      dataDir,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    const config = testConfig({ DATA_DIR: dataDir, SITE_URL: 'https://podium.example.nl' });
    const database = connect(`sqlite:${path.join(dataDir, 'podium.db')}`);
    const app = await buildServer({ config, database, runJobs: false, logger: false });
    await app.ready();
    t = {
      app,
      database,
      config,
      async close() {
        await app.close();
        await database.close();
      },
    };
    const headers = { ...formHeaders, origin: 'https://podium.example.nl' };
    const target = new URL(link!).pathname;
    const page = await app.inject(target);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hallo Els Editor');
    const set = await app.inject({
      method: 'POST',
      url: target,
      headers,
      payload: form({
        form_token: hiddenField(page.body, 'form_token'),
        password: 'mijn eigen lange wachtwoord',
        password_confirm: 'mijn eigen lange wachtwoord',
      }),
    });
    expect(set.statusCode).toBe(303);
    expect(cookiesFrom(set)).toContain('__Host-podium_session=');
    expect((await app.inject(target)).statusCode).toBe(410);
    expect(
      (await submitLogin(t, 'els@example.nl', 'mijn eigen lange wachtwoord', headers)).statusCode,
    ).toBe(303);
  }, 180_000);

  it('refuses missing or bad options without touching the database', () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'podium-cli-'));
    const cases: [string[], string][] = [
      [['user', 'create'], '--email: is required'],
      [
        ['user', 'create', '--email', 'x', '--name', '<b>X</b>', '--role', 'root'],
        'not a valid e-mail address\n--name: at most 80 characters, without < or >\n--role: must be',
      ],
      [
        ['user', 'create', '--email', 'x@example.nl', '--password', 'secret'],
        "Unknown option '--password'",
      ],
    ];
    for (const [args, message] of cases) {
      const run = podium(args, dataDir);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  }, 180_000);
});
