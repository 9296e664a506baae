// The `podium` command. Each command lives in src/cli/<name>.command.ts.
import { backupCommand } from './cli/backup.command.js';
import type { Command } from './cli/command.js';
import { exportCommand } from './cli/export.command.js';
import { importCommand } from './cli/import.command.js';
import { migrateCommand } from './cli/migrate.command.js';
import { newsletterCommand } from './cli/newsletter.command.js';
import { restoreCommand } from './cli/restore.command.js';
import { seedDemoCommand } from './cli/seed-demo.command.js';
import { serveCommand } from './cli/serve.command.js';
import { userCommand } from './cli/user.command.js';
import { ConfigError } from './config.js';

const commands: Command[] = [
  serveCommand,
  migrateCommand,
  newsletterCommand,
  userCommand,
  importCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  seedDemoCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: podium <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "podium <command> --help" for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}.\n\n${command.help}`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exit(code);
