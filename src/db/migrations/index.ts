// Every migration, in order. Names are timestamps; a landed migration is never edited.
import type { Migration } from 'kysely';
import * as initial from './20261127-0001-initial.js';
import * as articleSearch from './20261127-0100-article-search.js';
import * as legacyRedirects from './20261127-0200-legacy-redirects.js';
import * as gradesHeldIndex from './20261127-0450-grades-held-index.js';
import * as totpLastStep from './20261127-0500-totp-last-step.js';
import * as dropGradesArticleAddress from './20261127-0600-drop-grades-article-address.js';
import * as mergeDuplicateAddresses from './20261204-0100-merge-duplicate-addresses.js';
import * as followerTokens from './20261204-0190-follower-tokens.js';
import * as hashFollowerTokens from './20261204-0200-hash-follower-tokens.js';
import * as dropFollowerToken from './20261204-0210-drop-follower-token.js';
import * as housekeepingIndexes from './20261204-0300-housekeeping-indexes.js';

export const migrations: Record<string, Migration> = {
  '20261127-0001-initial': initial,
  '20261127-0100-article-search': articleSearch,
  '20261127-0200-legacy-redirects': legacyRedirects,
  '20261127-0450-grades-held-index': gradesHeldIndex,
  '20261127-0500-totp-last-step': totpLastStep,
  '20261127-0600-drop-grades-article-address': dropGradesArticleAddress,
  '20261204-0100-merge-duplicate-addresses': mergeDuplicateAddresses,
  '20261204-0190-follower-tokens': followerTokens,
  '20261204-0200-hash-follower-tokens': hashFollowerTokens,
  '20261204-0210-drop-follower-token': dropFollowerToken,
  '20261204-0300-housekeeping-indexes': housekeepingIndexes,
};
