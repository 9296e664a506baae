// The message catalogs, one namespace per area. Dutch is the reference: the English
// catalog is typed from it, so a missing translation does not compile.
// To add an area: create messages/<area>.ts exporting `nl` and `en` (as common.ts does)
// and add it to both objects below.

import * as admin from './admin.js';
import * as comments from './comments.js';
import type { Widen } from './common.js';
import * as common from './common.js';
import * as editor from './editor.js';
import * as grades from './grades.js';
import * as newsletters from './newsletters.js';
import * as portability from './portability.js';
import * as search from './search.js';
import * as site from './site.js';

const nl = {
  common: common.nl,
  editor: editor.nl,
  newsletters: newsletters.nl,
  admin: admin.nl,
  grades: grades.nl,
  search: search.nl,
  comments: comments.nl,
  site: site.nl,
  portability: portability.nl,
};

export type Locale = 'nl' | 'en';
export type Messages = Widen<typeof nl>;

export const catalogs: Record<Locale, Messages> = {
  nl,
  en: {
    common: common.en,
    editor: editor.en,
    newsletters: newsletters.en,
    admin: admin.en,
    grades: grades.en,
    search: search.en,
    comments: comments.en,
    site: site.en,
    portability: portability.en,
  },
};

export type { Widen } from './common.js';
