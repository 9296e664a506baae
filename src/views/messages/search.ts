// Words of the search page, the feeds and the sitemap.
import type { Catalog, Widen } from './common.js';

export const nl = {
  title: 'Zoeken',
  resultsTitle: (q: string) => `Zoeken naar “${q}”`,
  label: 'Zoek in alle artikelen',
  submit: 'Zoeken',
  hint: 'Typ een of meer woorden; artikelen die ze allemaal bevatten verschijnen bovenaan.',
  noResults: (q: string) => `Geen artikelen gevonden voor “${q}”.`,
  noResultsHint: 'Probeer minder of andere woorden.',
  resultsHeading: 'Gevonden artikelen',
  by: 'door',
  queryTooLong: (max: number) => `Uw zoekopdracht is te lang: gebruik hoogstens ${max} tekens.`,
  queryInvalid: 'Vul één zoekopdracht in.',
  feed: {
    siteDescription: (site: string) => `De nieuwste artikelen van ${site}`,
    topicTitle: (site: string, topic: string) => `${site} – ${topic}`,
    topicDescription: (topic: string) => `De nieuwste artikelen over ${topic}`,
    authorTitle: (site: string, author: string) => `${site} – ${author}`,
    authorDescription: (author: string) => `De nieuwste artikelen van ${author}`,
    // The title of a feed's <link rel="alternate"> in the page head, by format.
    linkTitle: {
      rss: (title: string) => `${title} (RSS)`,
      atom: (title: string) => `${title} (Atom)`,
      json: (title: string) => `${title} (JSON Feed)`,
    },
  },
} as const satisfies Catalog;

export const en: Widen<typeof nl> = {
  title: 'Search',
  resultsTitle: (q: string) => `Search for “${q}”`,
  label: 'Search all articles',
  submit: 'Search',
  hint: 'Type one or more words; articles that contain all of them come first.',
  noResults: (q: string) => `No articles found for “${q}”.`,
  noResultsHint: 'Try fewer or different words.',
  resultsHeading: 'Articles found',
  by: 'by',
  queryTooLong: (max: number) => `Your search is too long: use at most ${max} characters.`,
  queryInvalid: 'Please enter a single search.',
  feed: {
    siteDescription: (site: string) => `The latest articles from ${site}`,
    topicTitle: (site: string, topic: string) => `${site} – ${topic}`,
    topicDescription: (topic: string) => `The latest articles about ${topic}`,
    authorTitle: (site: string, author: string) => `${site} – ${author}`,
    authorDescription: (author: string) => `The latest articles by ${author}`,
    linkTitle: {
      rss: (title: string) => `${title} (RSS)`,
      atom: (title: string) => `${title} (Atom)`,
      json: (title: string) => `${title} (JSON Feed)`,
    },
  },
};
