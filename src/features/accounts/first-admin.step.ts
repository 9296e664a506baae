// On `npm start`, while no administrator exists, print a one-time link that lets the
// person at the console create the first one. No default password exists anywhere.
import type { FirstRunStep } from '../../cli/first-run.js';
import { issueFirstAdminLink, SETUP_TTL_MS, setupUrl } from './credentials.service.js';

export const firstAdminLinkStep: FirstRunStep = async ({ server, config }) => {
  const token = await issueFirstAdminLink(server.db);
  if (!token) return;
  const days = Math.round(SETUP_TTL_MS / 86_400_000);
  console.log(
    [
      '',
      'No administrator exists yet. Open this one-time link to create the first one',
      `(valid for ${days} days; a new link is printed at every start until an admin exists):`,
      '',
      `  ${setupUrl(config.siteUrl, token)}`,
      '',
    ].join('\n'),
  );
};
