// The message catalogs, one namespace per area. Dutch is the reference: the English
// catalog is typed from it, so a missing translation does not compile.
// To add an area: create messages/<area>.ts exporting `nl` and `en` (as common.ts does)
// and add it to both objects below.

import type { Widen } from './common.js';
import * as common from './common.js';

const nl = {
  common: common.nl,
};

export type Locale = 'nl' | 'en';
export type Messages = Widen<typeof nl>;

export const catalogs: Record<Locale, Messages> = {
  nl,
  en: {
    common: common.en,
  },
};

export type { Catalog, Widen } from './common.js';
