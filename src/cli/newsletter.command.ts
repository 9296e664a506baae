// `podium newsletter bounce EMAIL [--complaint]`: records a bounce or spam complaint so that
// no newsletter reaches the address any more (addresses.suppressed_at).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { emailField } from '../features/newsletters/newsletters.schemas.js';
import { recordBounce } from '../features/newsletters/subscriptions.service.js';
import type { Command } from './command.js';

export const newsletterCommand: Command = {
  name: 'newsletter',
  summary: 'Record a bounce or complaint: the address gets no more newsletters',
  usage: 'podium newsletter bounce EMAIL [--complaint]',
  help: [
    'Marks the address as suppressed; deliveries still queued for it are skipped.',
    'With --complaint the address is also unsubscribed from every list.',
  ].join('\n'),
  async run(args) {
    let parsed: { values: { complaint?: boolean }; positionals: string[] };
    try {
      parsed = parseArgs({
        args,
        options: { complaint: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      console.error(`${(error as Error).message}\nUsage: ${this.usage}`);
      return 2;
    }
    const [sub, email, ...extra] = parsed.positionals;
    if (sub !== 'bounce' || !email || extra.length > 0) {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    const checked = emailField.safeParse(email);
    if (!checked.success) {
      console.error(`"${email}" is not a valid e-mail address.`);
      return 2;
    }
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    try {
      await migrateToLatest(database.db);
      const kind = parsed.values.complaint ? 'complaint' : 'bounce';
      await recordBounce(database.db, checked.data, kind);
      console.log(`Recorded ${kind} for ${checked.data}: no more newsletters go to this address.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
