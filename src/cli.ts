// The `podium` command. Each command lives in src/cli/<name>.command.ts.
import type { Command } from './cli/command.js';
import { ConfigError } from './config.js';

// A command's module is imported only when that command runs: `serve` does not carry the
// import, export and backup code (and their libraries) in its memory. Only the overview
// (usage) loads them all, for their summaries.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./cli/serve.command.js')).serveCommand,
  migrate: async () => (await import('./cli/migrate.command.js')).migrateCommand,
  newsletter: async () => (await import('./cli/newsletter.command.js')).newsletterCommand,
  user: async () => (await import('./cli/user.command.js')).userCommand,
  import: async () => (await import('./cli/import.command.js')).importCommand,
  export: async () => (await import('./cli/export.command.js')).exportCommand,
  backup: async () => (await import('./cli/backup.command.js')).backupCommand,
  restore: async () => (await import('./cli/restore.command.js')).restoreCommand,
  'seed-demo': async () => (await import('./cli/seed-demo.command.js')).seedDemoCommand,
};

async function usage(): Promise<string> {
  const all = await Promise.all(Object.values(commands).map((load) => load()));
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    'Usage: podium <command> [options]',
    '',
    'Commands:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "podium <command> --help" for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(`Unknown command "${name}".\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
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
