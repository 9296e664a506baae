// The message catalogs, one namespace per area. Dutch is the reference: the English
// catalog is typed from it, so a missing translation does not compile.
// To add an area: create messages/<area>.ts exporting `nl` and `en` (as common.ts does)
// and add it to both objects below.

import * as comments from './comments.js';
import type { Widen } from './common.js';
import * as common from './common.js';
import * as grades from './grades.js';

const nl = {
  common: common.nl,
  grades: grades.nl,
  comments: comments.nl,
};

export type Locale = 'nl' | 'en';
export type Messages = Widen<typeof nl>;

export const catalogs: Record<Locale, Messages> = {
  nl,
  en: {
    common: common.en,
    grades: grades.en,
    comments: comments.en,
  },
};

export type { Catalog, Widen } from './common.js';
