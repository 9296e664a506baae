// Words of the grade display (and, later, the grade form).
import type { Catalog, Widen } from './common.js';

export const nl = {
  heading: 'De auteur wil graag weten hoe u dit artikel waardeert',
  summary: (mean: string, votes: string) => `Waardering ${mean} (${votes})`,
  votes: (count: number, formatted: string) => (count === 1 ? '1 stem' : `${formatted} stemmen`),
  none: 'Nog geen waardering',
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  heading: 'The author would like to know how you rate this article',
  summary: (mean: string, votes: string) => `Rating ${mean} (${votes})`,
  votes: (count: number, formatted: string) => (count === 1 ? '1 vote' : `${formatted} votes`),
  none: 'Not rated yet',
};
