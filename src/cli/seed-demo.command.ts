import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { countArticles } from '../features/demo/demo.repository.js';
import { seedDemo } from '../features/demo/demo.service.js';
import type { Command } from './command.js';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Fill an empty database with the demo authors, articles, grades and comments',
  usage: 'podium seed-demo',
  help: 'Migrates DATABASE_URL and inserts the demo content in one transaction. Refuses when the\ndatabase already holds articles, so real content is never mixed with demo content.\nA running server shows the new content after a restart.',
  async run() {
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    try {
      await migrateToLatest(database.db);
      const existing = await countArticles(database.db);
      if (existing > 0) {
        console.error(
          `The database already holds ${existing} article(s); the demo content is only seeded into an empty database.`,
        );
        return 1;
      }
      const r = await seedDemo(database.db);
      console.log(
        `Seeded ${r.authors} authors, ${r.topics} topics, ${r.articles} articles, ${r.grades} grades and ${r.comments} comments.`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
