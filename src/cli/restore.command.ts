import { loadConfig } from '../config.js';
import { BackupError, restoreSqlite } from '../features/portability/backup.service.js';
import type { Command } from './command.js';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Put a SQLite backup back in place of the database (stop the server first)',
  usage: 'podium restore FILE',
  help: [
    'Checks that FILE is an intact Podium SQLite database, then replaces the database that',
    'DATABASE_URL names with it. Stop every Podium process using the database first. For',
    'PostgreSQL use pg_restore. See docs/import-export.md.',
  ].join('\n'),
  async run(args) {
    const file = args[0];
    if (!file) {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    const config = loadConfig();
    if (!config.databaseUrl.startsWith('sqlite:')) {
      console.error('podium restore puts back SQLite backups; for PostgreSQL use pg_restore.');
      return 2;
    }
    try {
      await restoreSqlite(file, config.databaseUrl.replace(/^sqlite:/, ''));
      console.log(`Restored ${file}.`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },
};
