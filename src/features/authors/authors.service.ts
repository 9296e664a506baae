// What the author directory and the author pages show.
import type { Db } from '../../infra/db.js';
import { NotFoundError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { articleCardsPage } from '../articles/articles.service.js';
import { authorBySlug, authorsByName } from './authors-read.repository.js';

/** One page of the directory, by name. */
export async function authorDirectory(db: Db, page: number, perPage: number) {
  return splitPage(await authorsByName(db, pageWindow(page, perPage)), perPage);
}

/** An author by slug with one page of their published articles; an unknown slug is not found. */
export async function authorWithArticles(db: Db, slug: string, page: number, perPage: number) {
  const author = await authorBySlug(db, slug);
  if (!author) throw new NotFoundError();
  const articles = await articleCardsPage(db, page, perPage, { authorId: author.id });
  return { author, ...articles };
}
