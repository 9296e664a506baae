// Author profiles: an author keeps their own, editors keep any and create guest experts
// (profiles without a login) whom they can invite to take the profile over.

import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database, Role } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { slugify, uniqueSlug } from '../../lib/slug.js';
import type { Viewer } from '../../views/site-context.js';
import { mayEditProfile, mayManageContent } from '../accounts/policy.js';
import { inviteUser } from '../accounts/users-admin.service.js';
import { checkEmail } from '../addresses/email-address.js';
import { audit } from '../audit/audit.repository.js';
import { mediaExists } from '../media/media.repository.js';
import * as repo from './profiles.repository.js';
import type { ProfileInput } from './profiles.schemas.js';

export interface Actor {
  userId: number;
  role: Role;
}

function fieldsOf(input: ProfileInput): repo.ProfileFields {
  return {
    name: input.name,
    company: input.company,
    role_line: input.role_line,
    bio_source: input.bio,
    bio_html: renderMarkdown(input.bio),
    website: input.website,
    linkedin: input.linkedin,
  };
}

/** The author row an actor may edit: their own, or any for editors. */
export async function authorForEdit(db: Db, actor: Actor, authorId: number) {
  const author = await repo.findAuthorById(db, authorId);
  if (!author) throw new NotFoundError();
  if (!mayEditProfile(actor, author.user_id === actor.userId)) throw new ForbiddenError();
  return author;
}

export function ownProfile(db: Db, actor: Actor) {
  return repo.findAuthorByUserId(db, actor.userId);
}

/** Every page showing the author's name, photo or bio. */
const authorTags = (authorId: number) => [cacheTags.author(authorId), cacheTags.authors];

export async function updateProfile(
  db: Db,
  actor: Actor,
  authorId: number,
  input: ProfileInput,
): Promise<void> {
  await authorForEdit(db, actor, authorId);
  await runWrite(db, async ({ trx, touch }) => {
    await repo.updateAuthor(trx, authorId, fieldsOf(input));
    touch(...authorTags(authorId));
  });
}

async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  return uniqueSlug(base, (slug) => repo.authorSlugTaken(db, slug));
}

export async function createGuestExpert(
  db: Kysely<Database>,
  actor: Actor,
  input: ProfileInput,
): Promise<number> {
  if (!mayManageContent(actor)) throw new ForbiddenError();
  return runWrite(db, async ({ trx, touch }) => {
    const slug = await freeSlug(trx, input.name);
    const id = await repo.insertAuthor(trx, { ...fieldsOf(input), slug, user_id: null });
    await audit(trx, {
      userId: actor.userId,
      action: 'author.create',
      subjectType: 'author',
      subjectId: id,
      detail: { name: input.name },
    });
    touch(cacheTags.authors);
    return id;
  });
}

/** Sets (or clears) the profile photo to a stored media key. */
export async function setPhoto(
  db: Db,
  actor: Actor,
  authorId: number,
  key: string | null,
): Promise<void> {
  await authorForEdit(db, actor, authorId);
  if (key !== null && !(await mediaExists(db, key))) throw new NotFoundError();
  await runWrite(db, async ({ trx, touch }) => {
    await repo.setAuthorPhoto(trx, authorId, key);
    touch(...authorTags(authorId));
  });
}

export async function listAuthorsPage(db: Db, q: string, page: number, perPage = 25) {
  const rows = await repo.listAuthors(db, { q: q || undefined, ...pageWindow(page, perPage) });
  return splitPage(rows, perPage);
}

/**
 * Invites someone by e-mail to take over a guest expert's profile: the accounts' invite
 * creates the user and sends the mail; the profile is linked to that user at once, so the
 * first login lands in this profile.
 */
export async function inviteToClaim(
  db: Kysely<Database>,
  config: Config,
  viewer: Viewer,
  authorId: number,
  email: string,
): Promise<void> {
  if (!mayManageContent(viewer)) throw new ForbiddenError();
  const author = await repo.findAuthorById(db, authorId);
  if (!author) throw new NotFoundError();
  if (author.user_id !== null) throw new ValidationError({ email: 'already_claimed' });
  const checked = checkEmail(email);
  if (!checked.ok) throw new ValidationError({ email: 'email_invalid' });
  const result = await inviteUser(db, config, viewer, {
    email: checked.email,
    name: author.name,
    role: 'author',
  });
  if (!result.ok) {
    if (result.reason === 'email_taken') throw new ValidationError({ email: 'email_taken' });
    throw new ForbiddenError();
  }
  await db.transaction().execute(async (trx) => {
    // The invite gives every new author account an empty profile of its own; the guest
    // expert's profile (with its articles) takes that one's place.
    const blank = await repo.findAuthorByUserId(trx, result.userId);
    if (blank && blank.id !== authorId) await repo.deleteUnusedAuthor(trx, blank.id);
    await repo.linkAuthorToUser(trx, authorId, result.userId);
    const linked = await repo.findAuthorById(trx, authorId);
    if (linked?.user_id !== result.userId) throw new AppError('conflict');
    await audit(trx, {
      userId: viewer.id,
      action: 'author.invite',
      subjectType: 'author',
      subjectId: authorId,
      detail: { userId: result.userId },
    });
  });
}

/** Every author's name (guest experts marked by a missing user), for the editor's byline box. */
export function authorChoices(db: Db) {
  return repo.allAuthorNames(db);
}
