import type { Flash } from '../../infra/flash.js';
import { CsrfField, FlashMessage } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { Layout } from '../../views/layout.js';
import { useSite } from '../../views/site-context.js';

export function LoginPage({
  email,
  error,
  returnTo,
  flash,
}: {
  email?: string | undefined;
  error?: string | undefined;
  returnTo: string;
  flash?: Flash | undefined;
}) {
  const { t, formToken } = useSite();
  const a = t.admin;
  return (
    <Layout meta={{ title: a.login.title, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{a.login.title}</h1>
        <FlashMessage flash={flash} />
        <p>{a.login.intro}</p>
        {error && (
          <p class="flash flash--error" role="alert">
            {error}
          </p>
        )}
        <form method="post" action="/beheer/inloggen" class="form">
          <input type="hidden" name="form_token" value={formToken} />
          <input type="hidden" name="terug" value={returnTo} />
          <TextField
            name="email"
            type="email"
            label={a.fields.email}
            value={email}
            autocomplete="username"
            required
            maxLength={254}
          />
          <TextField
            name="password"
            type="password"
            label={a.fields.password}
            autocomplete="current-password"
            required
            maxLength={1024}
          />
          <button type="submit">{a.login.submit}</button>
        </form>
        <p>
          <a href="/beheer/wachtwoord-vergeten">{a.login.forgot}</a>
        </p>
      </section>
    </Layout>
  );
}

export function SecondFactorPage({
  error,
  returnTo,
}: {
  error?: string | undefined;
  returnTo: string;
}) {
  const { t } = useSite();
  const a = t.admin;
  return (
    <Layout meta={{ title: a.login.secondFactorTitle, area: 'admin', noindex: true }}>
      <section class="auth-box">
        <h1>{a.login.secondFactorTitle}</h1>
        <p>{a.login.secondFactorIntro}</p>
        <form method="post" action="/beheer/inloggen/code" class="form">
          <CsrfField />
          <input type="hidden" name="terug" value={returnTo} />
          <TextField
            name="code"
            label={a.fields.code}
            error={error}
            autocomplete="one-time-code"
            inputMode="text"
            required
            maxLength={40}
          />
          <button type="submit">{a.login.secondFactorSubmit}</button>
        </form>
      </section>
    </Layout>
  );
}
