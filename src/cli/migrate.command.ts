import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateDown, migrateToLatest } from '../db/migrator.js';
import type { Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (or --down one step)',
  usage: 'podium migrate [--down]',
  help: 'Applies every migration not yet applied to DATABASE_URL. With --down, undoes the newest one.',
  async run(args) {
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    try {
      const names = args.includes('--down')
        ? await migrateDown(database.db)
        : await migrateToLatest(database.db);
      console.log(names.length ? `Applied: ${names.join(', ')}` : 'The database is up to date.');
      return 0;
    } finally {
      await database.close();
    }
  },
};
