import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { buildServer } from '../server.js';
import type { Command } from './command.js';
import { onNewDatabase } from './first-run.js';
import { canSeedFromChild, seedDemoInChildProcess } from './seed-demo-child.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the web server (migrates the database first)',
  usage: 'podium serve',
  help: 'Creates and migrates the database when needed, seeds the demo content into a new\ndatabase when DEMO is on, and serves on HOST:PORT until SIGTERM or SIGINT.',
  async run() {
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    const applied = await migrateToLatest(database.db);
    const isNew = applied.includes('20261127-0001-initial');
    // The demo content comes from a child process (see seed-demo-child.ts); the first-run
    // demo step below then finds it in place and does nothing. Where a second process cannot
    // open the same database (PGlite, SQLite in memory), that step seeds it here instead.
    if (isNew && config.demo && canSeedFromChild(config.databaseUrl)) {
      await seedDemoInChildProcess();
    }
    // Migrated just above (to learn whether the database is new): the app need not again.
    const server = await buildServer({ config, database, migrate: false });
    await onNewDatabase({ server, config, isNew });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      server.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await server.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    await server.listen({ host: config.host, port: config.port });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(
      `\nPodium is running at http://${config.host}:${port}/  (site URL ${config.siteUrl})\n`,
    );
    return undefined;
  },
};
