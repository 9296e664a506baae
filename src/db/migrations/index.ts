// Every migration, in order. Names are timestamps; a landed migration is never edited.
import type { Migration } from 'kysely';
import * as initial from './20261127-0001-initial.js';
import * as articleSearch from './20261127-0100-article-search.js';
import * as legacyRedirects from './20261127-0200-legacy-redirects.js';
import * as gradesHeldIndex from './20261127-0450-grades-held-index.js';
import * as totpLastStep from './20261127-0500-totp-last-step.js';
import * as dropGradesArticleAddress from './20261127-0600-drop-grades-article-address.js';

export const migrations: Record<string, Migration> = {
  '20261127-0001-initial': initial,
  '20261127-0100-article-search': articleSearch,
  '20261127-0200-legacy-redirects': legacyRedirects,
  '20261127-0450-grades-held-index': gradesHeldIndex,
  '20261127-0500-totp-last-step': totpLastStep,
  '20261127-0600-drop-grades-article-address': dropGradesArticleAddress,
};
