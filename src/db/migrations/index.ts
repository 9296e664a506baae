// Every migration, in order. Names are timestamps; a landed migration is never edited.
import type { Migration } from 'kysely';
import * as initial from './20261127-0001-initial.js';

export const migrations: Record<string, Migration> = {
  '20261127-0001-initial': initial,
};
