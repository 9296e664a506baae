// Profile form (own and any), the authors admin list with search, guest-expert creation
// and the invitation to claim a profile.
import type { Author } from '../../db/schema.js';
import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { Pagination } from '../../views/pagination.js';
import { useSite } from '../../views/site-context.js';
import { errorText, TextArea } from '../editor/editor-fields.js';
import { mediaUrl } from '../media/media.service.js';
import type { ProfileFormValues } from './profiles.schemas.js';

export function profileValues(author: Author): ProfileFormValues {
  return {
    name: author.name,
    company: author.company ?? '',
    role_line: author.role_line ?? '',
    bio: author.bio_source,
    website: author.website ?? '',
    linkedin: author.linkedin ?? '',
  };
}

function ProfileFields({
  values,
  errors,
}: {
  values: ProfileFormValues;
  errors: Record<string, string>;
}) {
  const { t } = useSite();
  const p = t.editor.profile;
  const err = (name: string) => errorText(t, errors[name]);
  return (
    <>
      <TextField
        name="name"
        label={p.name}
        value={values.name}
        error={err('name')}
        required
        maxLength={120}
      />
      <TextField
        name="company"
        label={p.company}
        value={values.company}
        error={err('company')}
        maxLength={120}
      />
      <TextField
        name="role_line"
        label={p.roleLine}
        value={values.role_line}
        error={err('role_line')}
        maxLength={120}
      />
      <TextArea name="bio" label={p.bio} value={values.bio} error={err('bio')} rows={8} />
      <TextField
        name="website"
        type="url"
        label={p.website}
        value={values.website}
        error={err('website')}
      />
      <TextField
        name="linkedin"
        type="url"
        label={p.linkedin}
        value={values.linkedin}
        error={err('linkedin')}
      />
    </>
  );
}

export function ProfilePage(props: {
  author: Author | undefined;
  /** Where the forms post: /beheer/profiel or /beheer/auteurs/:id. */
  basePath: string;
  values?: ProfileFormValues | undefined;
  errors?: Record<string, string> | undefined;
  own: boolean;
  mayInvite: boolean;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const p = t.editor.profile;
  const errors = props.errors ?? {};
  const { author } = props;
  const title = props.own || !author ? p.title : p.editTitle(author.name);
  if (!author) {
    return (
      <AdminLayout title={title} flash={props.flash}>
        <h1>{title}</h1>
        <p>{p.noProfile}</p>
      </AdminLayout>
    );
  }
  const values = props.values ?? profileValues(author);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <AdminLayout title={title} flash={props.flash}>
      <h1>{title}</h1>
      {hasErrors && (
        <p class="flash flash--error" role="alert">
          {errorText(t, errors['form'] ?? 'form_invalid')}
        </p>
      )}
      <section class="profile-photo" aria-labelledby="photo-title">
        <h2 id="photo-title">{p.photo}</h2>
        {author.photo ? (
          <img
            src={mediaUrl(author.photo, 320)}
            alt={p.photoAlt(author.name)}
            width={160}
            height={160}
          />
        ) : (
          <p>{p.noPhoto}</p>
        )}
        <form method="post" action={`${props.basePath}/foto`} enctype="multipart/form-data">
          <CsrfField />
          <div class={errors['photo'] ? 'field field--error' : 'field'}>
            <label for="field-photo">{p.uploadPhoto}</label>
            <p class="field__hint" id="field-photo-hint">
              {p.photoHelp}
            </p>
            {errors['photo'] && (
              <p class="field__error" id="field-photo-error">
                {errorText(t, errors['photo'])}
              </p>
            )}
            <input
              id="field-photo"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby={
                errors['photo'] ? 'field-photo-hint field-photo-error' : 'field-photo-hint'
              }
            />
          </div>
          <button type="submit">{p.uploadPhoto}</button>
        </form>
        {author.photo && (
          <form method="post" action={`${props.basePath}/foto/verwijderen`}>
            <CsrfField />
            <button type="submit" class="button--secondary">
              {p.removePhoto}
            </button>
          </form>
        )}
      </section>
      <form method="post" action={props.basePath} class="profile-form">
        <CsrfField />
        <ProfileFields values={values} errors={errors} />
        <button type="submit">{p.save}</button>
      </form>
      {props.mayInvite &&
        (author.user_id === null ? (
          <form method="post" action={`${props.basePath}/uitnodigen`} class="invite-form">
            <CsrfField />
            <h2>{t.editor.authors.invite}</h2>
            <TextField
              name="email"
              type="email"
              label={t.editor.authors.inviteEmail}
              error={errorText(t, errors['email'])}
              required
            />
            <button type="submit">{t.editor.authors.inviteSend}</button>
          </form>
        ) : (
          <p role={errors['email'] ? 'alert' : undefined}>
            {errorText(t, errors['email']) ?? t.editor.authors.hasAccount}
          </p>
        ))}
    </AdminLayout>
  );
}

export interface AuthorListRow {
  id: number;
  name: string;
  company: string | null;
  user_id: number | null;
  user_state: 'invited' | 'active' | 'disabled' | null;
}

export function AuthorsPage(props: {
  rows: AuthorListRow[];
  q: string;
  page: number;
  hasNext: boolean;
  values?: ProfileFormValues | undefined;
  errors?: Record<string, string> | undefined;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const a = t.editor.authors;
  const errors = props.errors ?? {};
  const empty = { name: '', company: '', role_line: '', bio: '', website: '', linkedin: '' };
  return (
    <AdminLayout title={a.title} flash={props.flash}>
      <h1>{a.title}</h1>
      <form method="get" action="/beheer/auteurs" class="filters" role="search">
        <TextField name="q" type="search" label={a.search} value={props.q} />
        <button type="submit">{a.apply}</button>
      </form>
      {props.rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{a.colName}</th>
              <th scope="col">{a.colCompany}</th>
              <th scope="col">{a.colAccount}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>
                  <a href={`/beheer/auteurs/${row.id}`}>{row.name}</a>
                </td>
                <td>{row.company ?? ''}</td>
                <td>{row.user_state ? a[row.user_state] : a.guest}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={props.page}
        hasNext={props.hasNext}
        hrefFor={(n) =>
          `/beheer/auteurs?${new URLSearchParams({ ...(props.q ? { q: props.q } : {}), pagina: String(n) })}`
        }
      />
      <section aria-labelledby="new-guest">
        <h2 id="new-guest">{a.newGuest}</h2>
        {Object.keys(errors).length > 0 && (
          <p class="flash flash--error" role="alert">
            {errorText(t, 'form_invalid')}
          </p>
        )}
        <form method="post" action="/beheer/auteurs" class="profile-form">
          <CsrfField />
          <ProfileFields values={props.values ?? empty} errors={errors} />
          <button type="submit">{a.create}</button>
        </form>
      </section>
    </AdminLayout>
  );
}
