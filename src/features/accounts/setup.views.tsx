import type { Flash } from '../../infra/flash.js';
import { FlashMessage } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { Layout } from '../../views/layout.js';
import { useSite } from '../../views/site-context.js';
import type { FieldErrors } from './account-forms.js';
import type { LinkInfo } from './credentials.service.js';

function PasswordFields({ errors }: { errors: FieldErrors }) {
  const { t } = useSite();
  const a = t.admin;
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={a.fields.newPassword}
        hint={a.password.rules}
        error={errors['password']}
        autocomplete="new-password"
        required
        minLength={10}
        maxLength={256}
      />
      <TextField
        name="password_confirm"
        type="password"
        label={a.fields.passwordConfirm}
        error={errors['password_confirm']}
        autocomplete="new-password"
        required
        maxLength={256}
      />
    </>
  );
}

function FormErrorSummary({ errors }: { errors: FieldErrors }) {
  const { t } = useSite();
  if (Object.keys(errors).length === 0) return null;
  return (
    <p class="flash flash--error" role="alert">
      {errors['form'] ?? t.common.errors.validation}
    </p>
  );
}

/** Choose a password through an invite or setup link (the first admin also gives name and e-mail). */
export function SetPasswordPage({
  action,
  info,
  values = {},
  errors = {},
  kind,
}: {
  action: string;
  info: LinkInfo;
  values?: { name?: string; email?: string };
  errors?: FieldErrors;
  kind: 'setup' | 'reset';
}) {
  const { t, formToken } = useSite();
  const a = t.admin;
  const title =
    kind === 'reset' ? a.reset.newTitle : info.user ? a.setup.title : a.setup.titleFirstAdmin;
  return (
    <Layout meta={{ title, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{title}</h1>
        {info.user && <p>{a.setup.intro(info.user.name)}</p>}
        <FormErrorSummary errors={errors} />
        <form method="post" action={action} class="form">
          <input type="hidden" name="form_token" value={formToken} />
          {info.user ? (
            <input
              type="email"
              name="username"
              value={info.user.email}
              autocomplete="username"
              hidden
              readOnly
            />
          ) : (
            <>
              <TextField
                name="name"
                label={a.fields.name}
                value={values.name}
                error={errors['name']}
                autocomplete="name"
                required
                maxLength={80}
              />
              <TextField
                name="email"
                type="email"
                label={a.fields.email}
                value={values.email}
                error={errors['email']}
                autocomplete="username"
                required
                maxLength={254}
              />
            </>
          )}
          <PasswordFields errors={errors} />
          <button type="submit">{kind === 'reset' ? a.reset.newSubmit : a.setup.submit}</button>
        </form>
      </section>
    </Layout>
  );
}

export function InvalidLinkPage({ kind }: { kind: 'setup' | 'reset' }) {
  const { t } = useSite();
  const a = t.admin;
  const title = kind === 'reset' ? a.reset.newTitle : a.setup.title;
  return (
    <Layout meta={{ title, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{title}</h1>
        <p class="flash flash--error" role="alert">
          {kind === 'reset' ? a.reset.invalid : a.setup.invalid}
        </p>
        <p>
          <a href={kind === 'reset' ? '/beheer/wachtwoord-vergeten' : '/beheer/inloggen'}>
            {kind === 'reset' ? a.reset.title : a.login.title}
          </a>
        </p>
      </section>
    </Layout>
  );
}

export function ForgotPasswordPage({
  email,
  errors = {},
  flash,
}: {
  email?: string | undefined;
  errors?: FieldErrors;
  flash?: Flash | undefined;
}) {
  const { t, formToken } = useSite();
  const a = t.admin;
  return (
    <Layout meta={{ title: a.reset.title, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{a.reset.title}</h1>
        <FlashMessage flash={flash} />
        <p>{a.reset.intro}</p>
        <FormErrorSummary errors={errors} />
        <form method="post" action="/beheer/wachtwoord-vergeten" class="form">
          <input type="hidden" name="form_token" value={formToken} />
          <TextField
            name="email"
            type="email"
            label={a.fields.email}
            value={email}
            error={errors['email']}
            autocomplete="username"
            required
            maxLength={254}
          />
          <button type="submit">{a.reset.submit}</button>
        </form>
        <p>
          <a href="/beheer/inloggen">{a.login.title}</a>
        </p>
      </section>
    </Layout>
  );
}

/** The page a confirmation link for a new e-mail address opens: one button, no surprises. */
export function EmailConfirmPage({
  action,
  newEmail,
  error,
}: {
  action: string;
  newEmail: string;
  error?: string | undefined;
}) {
  const { t, formToken } = useSite();
  const s = t.admin.security;
  return (
    <Layout meta={{ title: s.emailConfirmTitle, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{s.emailConfirmTitle}</h1>
        {error && (
          <p class="flash flash--error" role="alert">
            {error}
          </p>
        )}
        <p>{s.emailConfirmText(newEmail)}</p>
        <form method="post" action={action} class="form">
          <input type="hidden" name="form_token" value={formToken} />
          <button type="submit">{s.emailConfirmButton}</button>
        </form>
      </section>
    </Layout>
  );
}

export function EmailLinkInvalidPage() {
  const { t } = useSite();
  const s = t.admin.security;
  return (
    <Layout meta={{ title: s.emailConfirmTitle, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{s.emailConfirmTitle}</h1>
        <p class="flash flash--error" role="alert">
          {s.emailInvalid}
        </p>
        <p>
          <a href="/beheer/beveiliging">{s.title}</a>
        </p>
      </section>
    </Layout>
  );
}
