import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { exportSite } from '../features/portability/podium-export.service.js';
import type { Command } from './command.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the whole site as versioned JSON to standard output',
  usage: 'podium export [--with-secrets] > site.json',
  help: [
    'Writes settings, users, authors, topics, articles with authors, topics and revisions, grades,',
    'comments, addresses, followers, lists, subscriptions with consent records, editions,',
    'deliveries, media rows and old-URL redirects as one JSON document (format "podium-export",',
    'version 1). Password hashes, TOTP secrets and recovery codes are left out unless',
    '--with-secrets is given. Restore with "podium import podium site.json" into an empty database.',
    'See docs/import-export.md.',
  ].join('\n'),
  async run(args) {
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    try {
      await migrateToLatest(database.db, database.schema);
      await pipeline(
        Readable.from(exportSite(database.db, { withSecrets: args.includes('--with-secrets') })),
        process.stdout,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
