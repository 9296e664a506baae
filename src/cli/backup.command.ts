import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { backupSqlite, pgDumpCommand } from '../features/portability/backup.service.js';
import type { Command } from './command.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Make a consistent backup of the database while the site runs',
  usage: 'podium backup DIR',
  help: [
    "SQLite: copies the live database into DIR/podium-<time>.db with SQLite's online backup API;",
    'the server may keep running. PostgreSQL: prints the pg_dump command to run (restore with',
    'pg_restore). See docs/import-export.md.',
  ].join('\n'),
  async run(args) {
    const dir = args[0];
    if (!dir) {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    const config = loadConfig();
    if (!config.databaseUrl.startsWith('sqlite:')) {
      console.log('For PostgreSQL, back up with pg_dump:');
      console.log(`  ${pgDumpCommand(config.databaseUrl, dir)}`);
      return 0;
    }
    const database = connect(config.databaseUrl);
    try {
      console.log(`Backup written: ${await backupSqlite(database, dir)}`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
