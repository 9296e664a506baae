import type { Role, UserState } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { Pagination } from '../../views/pagination.js';
import { useSite } from '../../views/site-context.js';
import type { FieldErrors } from './account-forms.js';

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  state: UserState;
  last_login_at: string | null;
}

export function UsersPage({
  users,
  search,
  role,
  page,
  hasNext,
  flash,
}: {
  users: UserListItem[];
  search: string;
  role: Role | undefined;
  page: number;
  hasNext: boolean;
  flash?: Flash | undefined;
}) {
  const { t, fmt, viewer } = useSite();
  const a = t.admin;
  const u = a.users;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    if (search) params.set('q', search);
    if (role) params.set('rol', role);
    if (p > 1) params.set('pagina', String(p));
    const query = params.toString();
    return `/beheer/gebruikers${query ? `?${query}` : ''}`;
  };
  return (
    <AdminLayout title={u.title} flash={flash}>
      <h1>{u.title}</h1>
      <p>
        <a href="/beheer/gebruikers/uitnodigen">{a.invite.title}</a>
      </p>
      <form
        method="get"
        action="/beheer/gebruikers"
        class="filters"
        role="search"
        aria-label={u.search}
      >
        <label for="users-q">{u.search}</label>
        <input id="users-q" type="search" name="q" value={search} maxLength={100} />
        <label for="users-rol">{u.filterRole}</label>
        <select id="users-rol" name="rol">
          <option value="">{u.allRoles}</option>
          {(['admin', 'editor', 'author'] as const).map((r) => (
            <option value={r} selected={r === role}>
              {a.roles[r]}
            </option>
          ))}
        </select>
        <button type="submit">{u.searchSubmit}</button>
      </form>
      {users.length === 0 ? (
        <p>{u.empty}</p>
      ) : (
        <div class="table-scroll">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{u.colName}</th>
                <th scope="col">{u.colEmail}</th>
                <th scope="col">{u.colRole}</th>
                <th scope="col">{u.colState}</th>
                <th scope="col">{u.colLastLogin}</th>
                <th scope="col">{u.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = user.id === viewer?.id;
                return (
                  <tr>
                    <td>
                      {user.name} {self && u.you}
                    </td>
                    <td>{user.email}</td>
                    <td>{a.roles[user.role]}</td>
                    <td>{a.states[user.state]}</td>
                    <td>{user.last_login_at ? fmt.dateTime(user.last_login_at) : u.never}</td>
                    <td>
                      {!self && (
                        <div class="row-actions">
                          <form method="post" action={`/beheer/gebruikers/${user.id}/rol`}>
                            <CsrfField />
                            <label class="visually-hidden" for={`role-${user.id}`}>
                              {u.changeRole}
                            </label>
                            <select id={`role-${user.id}`} name="role">
                              {(['admin', 'editor', 'author'] as const).map((r) => (
                                <option value={r} selected={r === user.role}>
                                  {a.roles[r]}
                                </option>
                              ))}
                            </select>
                            <button type="submit">{u.changeRole}</button>
                          </form>
                          <form
                            method="post"
                            action={`/beheer/gebruikers/${user.id}/${user.state === 'disabled' ? 'deblokkeren' : 'blokkeren'}`}
                          >
                            <CsrfField />
                            <button type="submit">
                              {user.state === 'disabled' ? u.enable : u.disable}
                            </button>
                          </form>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} hasNext={hasNext} hrefFor={hrefFor} />
    </AdminLayout>
  );
}

export function InvitePage({
  roles,
  values = {},
  errors = {},
  flash,
}: {
  roles: Role[];
  values?: { email?: string; name?: string; role?: string };
  errors?: FieldErrors;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const a = t.admin;
  return (
    <AdminLayout title={a.invite.title} flash={flash}>
      <h1>{a.invite.title}</h1>
      <p>{a.invite.intro}</p>
      {Object.keys(errors).length > 0 && (
        <p class="flash flash--error" role="alert">
          {t.common.errors.validation}
        </p>
      )}
      <form method="post" action="/beheer/gebruikers/uitnodigen" class="form">
        <CsrfField />
        <TextField
          name="email"
          type="email"
          label={a.fields.email}
          value={values.email}
          error={errors['email']}
          required
          maxLength={254}
        />
        <TextField
          name="name"
          label={a.fields.name}
          value={values.name}
          error={errors['name']}
          required
          maxLength={80}
        />
        <div class={errors['role'] ? 'field field--error' : 'field'}>
          <label for="field-role">{a.fields.role}</label>
          {errors['role'] && (
            <p class="field__error" id="field-role-error">
              {errors['role']}
            </p>
          )}
          <select
            id="field-role"
            name="role"
            aria-describedby={errors['role'] ? 'field-role-error' : undefined}
          >
            {roles.map((r) => (
              <option value={r} selected={r === (values.role ?? 'author')}>
                {a.roles[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{a.invite.submit}</button>
      </form>
    </AdminLayout>
  );
}
