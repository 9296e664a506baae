// Words of the comment list (and, later, the comment form).
import type { Catalog, Widen } from './common.js';

export const nl = {
  heading: 'Reacties',
  headingWithCount: (count: number) => `Reacties (${count})`,
  none: 'Nog geen reacties. Laat als eerste weten wat u ervan vindt.',
  badgeAuthor: 'Auteur',
  badgeEditor: 'Redactie',
  repliesLabel: (name: string) => `Antwoorden op ${name}`,
  postedOn: 'geplaatst op',
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  heading: 'Comments',
  headingWithCount: (count: number) => `Comments (${count})`,
  none: 'No comments yet. Be the first to say what you think.',
  badgeAuthor: 'Author',
  badgeEditor: 'Editors',
  repliesLabel: (name: string) => `Replies to ${name}`,
  postedOn: 'posted on',
};
