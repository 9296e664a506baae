// The names the page cache uses for what a page shows (see infra/cache/page-cache.ts).
// A page lists every tag it depends on; a write invalidates the tags it touched.
export const cacheTags = {
  /** The article's own page (its text, byline, grade display, comments). */
  article: (id: number) => `article:${id}`,
  /** The author page and every page showing the author's name, photo or bio. */
  author: (id: number) => `author:${id}`,
  /** The topic page and pages listing the topic. */
  topic: (id: number) => `topic:${id}`,
  /** Any list of articles: home, topic and author pages, feeds, sitemap, search. */
  articles: 'articles',
  /** Lists ranked or annotated by grades (home's best graded). */
  grades: 'grades',
  /** Lists of recent comments and comment counts. */
  comments: 'comments',
  /** The author directory and sidebars listing authors. */
  authors: 'authors',
  /** The topic list. */
  topics: 'topics',
  /** Newsletter lists shown in subscribe boxes. */
  lists: 'lists',
  /** A sent newsletter edition's page online. */
  edition: (id: number) => `edition:${id}`,
  /** Site settings shown on every page. */
  settings: 'settings',
} as const;
