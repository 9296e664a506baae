// Turns an import's outcome or refusal into lines in the site's language (CLI and back office).
import type { Messages } from '../../views/messages/index.js';
import type { ImportError } from './import-error.js';
import { ratingConversionTable, type WordpressImportSummary } from './wordpress-import.service.js';

type Portability = Messages['portability'];

export function importErrorMessage(error: ImportError, t: Portability): string {
  const message = t.errors[error.importCode] as (p: Record<string, string>) => string;
  return message(error.params);
}

export function summaryLines(s: WordpressImportSummary, t: Portability): string[] {
  const m = t.summary;
  const lines = [
    m.title,
    m.authors(s.authors.created, s.authors.existing),
    m.users(s.users),
    m.topics(s.topics.created, s.topics.existing),
    m.articles(s.articles.created, s.articles.existing),
    m.byStatus(
      s.articles.byStatus.published,
      s.articles.byStatus.scheduled,
      s.articles.byStatus.draft,
    ),
    m.pages(s.pages.created, s.pages.existing),
    m.comments(s.comments.created, s.comments.existing),
    m.commentStates(
      s.comments.byState.approved,
      s.comments.byState.pending,
      s.comments.byState.spam,
      s.comments.byState.deleted,
    ),
    m.authorReplies(s.comments.authorReplies),
  ];
  if (s.comments.flattened > 0) lines.push(m.flattened(s.comments.flattened));
  lines.push(m.ratings(s.ratings.articles, s.ratings.votes));
  const table = ratingConversionTable(s.ratings.stars)
    .map((r) => `${r.stars}→${String(r.grade).replace('.', ',')}`)
    .join(', ');
  lines.push(m.ratingScale(s.ratings.stars, table));
  lines.push(m.redirects(s.redirects));
  lines.push(m.images(s.images.length));
  if (s.imagesImported !== undefined) lines.push(m.imagesImported(s.imagesImported));
  for (const url of s.images) lines.push(`  ${url}`);
  lines.push(m.skipped(s.skipped.length));
  for (const skip of s.skipped)
    lines.push(`  ${skip.kind} ${skip.id}: ${t.skipReasons[skip.reason]}`);
  return lines;
}
