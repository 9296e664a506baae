// Who may do what: every rule that depends on a user's role is written here, once, and the
// features ask these functions instead of comparing roles themselves. The routes state the
// coarse rule with requireRole(...) and these role lists; services ask the fine one (this
// article, this profile) with the functions below.
import type { Role } from '../../db/schema.js';

/** Anyone whose role matters: a logged-in viewer or the actor of a service call. */
export interface HasRole {
  role: Role;
}

/** Editors and administrators: the people who run the site's content. */
export const STAFF_ROLES: readonly Role[] = ['editor', 'admin'];
/** Everyone who may write articles. */
export const WRITER_ROLES: readonly Role[] = ['author', 'editor', 'admin'];
/** Site settings, users' roles, import and export, the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

/** True when the user has one of these roles (the routes' coarse rule). */
export function hasRole(who: HasRole | undefined, roles: readonly Role[]): boolean {
  return who !== undefined && roles.includes(who.role);
}

/** Authors get a public profile with their account; staff only when they ask for one. */
export function getsAuthorProfile(role: Role): boolean {
  return role === 'author';
}

export function isStaff(who: HasRole | undefined): boolean {
  return hasRole(who, STAFF_ROLES);
}

export function isAdmin(who: HasRole | undefined): boolean {
  return who?.role === 'admin';
}

/** Publishing, scheduling and choosing a byline: staff only; authors hand in drafts. */
export function mayPublish(who: HasRole): boolean {
  return isStaff(who);
}

/**
 * An article may be edited by staff and by its own authors. `ownArticle` says whether the
 * user is one of the article's authors (the caller looks that up).
 */
export function mayEdit(who: HasRole, ownArticle: boolean): boolean {
  return isStaff(who) || ownArticle;
}

/** Deleting: staff delete any article, an author only their own draft. */
export function mayDelete(who: HasRole, ownArticle: boolean, isDraft: boolean): boolean {
  return isStaff(who) || (ownArticle && isDraft);
}

/** Comments are moderated by staff, and on an article by its own authors. */
export function mayModerate(who: HasRole, ownArticle: boolean): boolean {
  return isStaff(who) || ownArticle;
}

/** True when every comment on the site is this user's to moderate. */
export function moderatesEverything(who: HasRole | undefined): boolean {
  return isStaff(who);
}

/** A profile is edited by staff and by the user it belongs to. */
export function mayEditProfile(who: HasRole, ownProfile: boolean): boolean {
  return isStaff(who) || ownProfile;
}

/** Guest experts, invitations to claim a profile, topics, newsletters, held grades. */
export function mayManageContent(who: HasRole): boolean {
  return isStaff(who);
}

/** Which roles a user may hand out: editors invite authors and editors, admins anyone. */
export function invitableRoles(who: HasRole): Role[] {
  if (who.role === 'admin') return ['author', 'editor', 'admin'];
  if (who.role === 'editor') return ['author', 'editor'];
  return [];
}

/** The label a staff member's comment carries when they are not the article's author. */
export function staffLabelOf(who: HasRole): 'editor' | undefined {
  return isStaff(who) ? 'editor' : undefined;
}
