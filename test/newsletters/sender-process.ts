// A real sender process for the crash test: builds the app on a SQLite file and lets the
// job runner deliver whatever is queued to the given SMTP server, until it is killed.
// Usage: node --import tsx test/newsletters/sender-process.ts <sqlite-file> <smtp-url> <data-dir>
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { buildServer } from '../../src/server.js';

const [file, smtpUrl, dataDir] = process.argv.slice(2);
if (!file || !smtpUrl || !dataDir) {
  console.error('usage: sender-process.ts <sqlite-file> <smtp-url> <data-dir>');
  process.exit(2);
}
const config = loadConfig(
  {
    DATABASE_URL: `sqlite:${file}`,
    SMTP_URL: smtpUrl,
    DATA_DIR: dataDir,
    SITE_URL: 'http://podium.test',
    SECRET: 'sender-process-secret-sender-process-secret',
    DEMO: 'false',
    LOG_LEVEL: 'silent',
  },
  { readDotEnv: false },
);
const database = connect(config.databaseUrl);
const app = await buildServer({ config, database, logger: false, runJobs: true });
await app.ready();
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
// The runner's timers do not hold the process open (a server's socket would).
setInterval(() => undefined, 60_000);
console.log('ready');
