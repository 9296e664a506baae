// Managing accounts: invite, change a role, disable and enable. Each change is audited in
// the same transaction; nobody changes their own role or access (no accidental lock-out).

import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database, Role } from '../../db/schema.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { nowIso } from '../../lib/time.js';
import { catalogs } from '../../views/messages/index.js';
import type { Viewer } from '../../views/site-context.js';
import { audit } from '../audit/audit.repository.js';
import { inviteMail } from './account.mails.js';
import { createInvitedUser, setupUrl } from './credentials.service.js';
import { invitableRoles } from './policy.js';
import { sha256 } from './secret-token.js';
import { deleteSessionsOfUser } from './sessions.repository.js';
import {
  findUserById,
  listUsers,
  type UserListFilter,
  updateRole,
  updateState,
} from './users.repository.js';

export type InviteResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'email_taken' | 'role' };

export async function inviteUser(
  db: Kysely<Database>,
  config: Config,
  viewer: Viewer,
  input: { email: string; name: string; role: Role },
): Promise<InviteResult> {
  if (!invitableRoles(viewer).includes(input.role)) return { ok: false, reason: 'role' };
  const created = await createInvitedUser(db, { ...input, invitedBy: viewer.id });
  if (!created.ok) return created;
  const roleLabel = catalogs[config.locale].admin.roles[input.role].toLowerCase();
  await enqueue(db, {
    kind: SEND_MAIL,
    key: `mail:invite:${sha256(created.token)}`,
    payload: inviteMail(
      config,
      { email: input.email, name: input.name },
      viewer.name,
      roleLabel,
      setupUrl(config.siteUrl, created.token),
    ),
  });
  return { ok: true, userId: created.userId };
}

export type ChangeResult = { ok: true; name: string } | { ok: false; reason: 'self' | 'not_found' };

export async function changeRole(
  db: Kysely<Database>,
  viewer: Viewer,
  userId: number,
  role: Role,
): Promise<ChangeResult> {
  if (userId === viewer.id) return { ok: false, reason: 'self' };
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false, reason: 'not_found' } as const;
    if (user.role !== role) {
      await updateRole(trx, userId, role, nowIso());
      await audit(trx, {
        userId: viewer.id,
        action: 'user.role',
        subjectType: 'user',
        subjectId: userId,
        detail: { from: user.role, to: role },
      });
    }
    return { ok: true, name: user.name } as const;
  });
}

export async function setDisabled(
  db: Kysely<Database>,
  viewer: Viewer,
  userId: number,
  disabled: boolean,
): Promise<ChangeResult> {
  if (userId === viewer.id) return { ok: false, reason: 'self' };
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false, reason: 'not_found' } as const;
    // Enabling returns an account to where it was: active with a password, else invited.
    const next = disabled ? 'disabled' : user.password_hash ? 'active' : 'invited';
    if (user.state !== next) {
      await updateState(trx, userId, next, nowIso());
      if (disabled) await deleteSessionsOfUser(trx, userId);
      await audit(trx, {
        userId: viewer.id,
        action: disabled ? 'user.disable' : 'user.enable',
        subjectType: 'user',
        subjectId: userId,
      });
    }
    return { ok: true, name: user.name } as const;
  });
}

/** One page of the user list, filtered by name or address and role. */
export async function userList(db: Kysely<Database>, filter: UserListFilter) {
  return listUsers(db, filter);
}
