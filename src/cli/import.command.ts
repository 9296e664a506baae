import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { ImportError } from '../features/portability/import-error.js';
import { importErrorMessage, summaryLines } from '../features/portability/import-summary.js';
import { importPodiumFile } from '../features/portability/podium-import.service.js';
import { importWordpress } from '../features/portability/wordpress-import.service.js';
import { importUploads } from '../features/portability/wordpress-media.service.js';
import { catalogs } from '../views/messages/index.js';
import type { Command } from './command.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a WordPress export (WXR) or a Podium export',
  usage:
    'podium import wordpress FILE.xml [--uploads DIR] [--pages] [--stars N] | podium import podium FILE.json',
  help: [
    'wordpress: reads a WordPress export (WXR 1.1/1.2) as a stream in one transaction: authors,',
    'categories and tags, posts (pages with --pages), comments, ratings (WP-PostRatings, kk Star',
    'Ratings; --stars N when the plugins used N stars, default 5) and old-URL redirects. Running it',
    'again imports only what is new. --uploads DIR takes the referenced images from a local',
    'wp-content/uploads folder into the media store and rewrites their URLs.',
    'podium: restores a "podium export" file into an EMPTY database, keeping every id.',
    'See docs/import-export.md.',
  ].join('\n'),
  async run(args) {
    const [kind, file] = args;
    if ((kind !== 'wordpress' && kind !== 'podium') || !file) {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    const config = loadConfig();
    const t = catalogs[config.locale].portability;
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      console.error(`Cannot read ${file}.`);
      return 2;
    }
    const database = connect(config.databaseUrl);
    try {
      await migrateToLatest(database.db, database.schema);
      if (kind === 'podium') {
        const counts = await importPodiumFile(database, file);
        for (const [table, n] of Object.entries(counts)) console.log(`${table}: ${n}`);
        return 0;
      }
      const stars = Number(option(args, '--stars') ?? 5);
      if (!Number.isInteger(stars) || stars < 2 || stars > 10) {
        console.error('--stars must be a whole number from 2 to 10.');
        return 2;
      }
      const uploads = option(args, '--uploads');
      const bar = process.stdout.isTTY
        ? new cliProgress.SingleBar(
            {
              format:
                '{bar} {percentage}% | {value}/{total} KB | {articles} artikelen, {comments} reacties',
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      bar?.start(Math.ceil(size / 1024), 0, { articles: 0, comments: 0 });
      let lastLine = 0;
      const summary = await importWordpress(database.db, createReadStream(file), {
        pages: args.includes('--pages'),
        stars,
        onProgress(p) {
          if (bar)
            bar.update(Math.ceil(p.bytes / 1024), { articles: p.articles, comments: p.comments });
          else if (p.records - lastLine >= 500 || p.bytes === size) {
            if (p.records !== lastLine)
              console.log(t.progress.reading((p.bytes / 1e6).toFixed(1), p.articles, p.comments));
            lastLine = p.records;
          }
        },
      });
      bar?.stop();
      if (uploads) await importUploads(database.db, summary, path.resolve(uploads), config.dataDir);
      for (const line of summaryLines(summary, t)) console.log(line);
      return 0;
    } catch (error) {
      if (error instanceof ImportError) {
        console.error(importErrorMessage(error, t));
        console.error(t.summary.nothingWritten);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
