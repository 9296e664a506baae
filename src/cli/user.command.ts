// `podium user create`: makes an account and prints a one-time link to set its password.
// Passwords never appear on a command line (shell history, process lists).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import type { Role } from '../db/schema.js';
import { NAME_MAX, ROLES } from '../features/accounts/account-forms.js';
import {
  createInvitedUser,
  INVITE_TTL_MS,
  setupUrl,
} from '../features/accounts/credentials.service.js';
import { checkEmail } from '../features/addresses/email-address.js';
import type { Command } from './command.js';

export const userCommand: Command = {
  name: 'user',
  summary: 'Create a back-office user and print a one-time link to set the password',
  usage: 'podium user create --email E --name N --role admin|editor|author',
  help: [
    'Creates the account (state "invited") and prints a link, valid for 7 days and usable',
    'once, where the new user chooses a password. The link is built from SITE_URL.',
    '',
    'Options:',
    '  --email E   e-mail address (also the login name)',
    '  --name N    name shown in the back office',
    '  --role R    admin, editor or author (authors also get an author profile)',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'create') {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    let values: { email?: string; name?: string; role?: string };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      console.error(`${(error as Error).message}\nUsage: ${this.usage}`);
      return 2;
    }
    const checked = checkEmail(values.email ?? '');
    const email = checked.ok ? checked.email : '';
    const name = (values.name ?? '').trim();
    const problems: string[] = [];
    if (!checked.ok)
      problems.push(
        `--email: ${checked.problem === 'email_required' ? 'is required' : 'is not a valid e-mail address'}`,
      );
    if (!name) problems.push('--name: is required');
    else if (name.length > NAME_MAX || /[<>]/.test(name))
      problems.push(`--name: at most ${NAME_MAX} characters, without < or >`);
    if (!(ROLES as string[]).includes(values.role ?? ''))
      problems.push('--role: must be admin, editor or author');
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      return 2;
    }
    const config = loadConfig();
    const database = connect(config.databaseUrl);
    try {
      await migrateToLatest(database.db);
      const result = await createInvitedUser(database.db, {
        email,
        name,
        role: values.role as Role,
        invitedBy: null,
      });
      if (!result.ok) {
        console.error(`A user with the e-mail address ${email} already exists.`);
        return 1;
      }
      const days = Math.round(INVITE_TTL_MS / 86_400_000);
      console.log(
        `Created ${values.role} ${name} <${email}>.\nOne-time link to set the password (valid for ${days} days):\n\n  ${setupUrl(config.siteUrl, result.token)}\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
