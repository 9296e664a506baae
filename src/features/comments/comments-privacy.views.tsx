// The reader's own way to have their comments anonymised or removed and the address
// forgotten: ask by address, confirm from the mail's link, choose, done.
import type { Flash } from '../../infra/flash.js';
import { Layout } from '../../views/layout.js';
import { useSite } from '../../views/site-context.js';

export function ForgetRequestPage({
  flash,
  email,
  error,
}: {
  flash?: Flash;
  email?: string;
  error?: string;
}) {
  const { t, formToken } = useSite();
  const p = t.comments.privacy;
  return (
    <Layout meta={{ title: p.title, noindex: true }}>
      <h1>{p.title}</h1>
      {flash && (
        <p class={`flash flash--${flash.kind}`} role="status">
          {flash.message}
        </p>
      )}
      <p>{p.intro}</p>
      <form method="post" action="/reacties/vergeten">
        <input type="hidden" name="form_token" value={formToken} />
        <div class="field">
          <label for="vergeten-email">{p.email}</label>
          <input
            id="vergeten-email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={email ?? ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'vergeten-email-fout' : undefined}
          />
          {error && (
            <p class="field-error" id="vergeten-email-fout">
              {error}
            </p>
          )}
        </div>
        <button type="submit">{p.submit}</button>
      </form>
    </Layout>
  );
}

export function ForgetChoicePage({ token, email }: { token: string; email: string }) {
  const { t, formToken } = useSite();
  const p = t.comments.privacy;
  return (
    <Layout meta={{ title: p.chooseTitle, noindex: true }}>
      <h1>{p.chooseTitle}</h1>
      <form method="post" action={`/reacties/vergeten/${token}`}>
        <input type="hidden" name="form_token" value={formToken} />
        <fieldset>
          <legend>{p.chooseText(email)}</legend>
          <div class="field field--check">
            <input type="radio" id="vergeten-anoniem" name="how" value="anonymise" checked />
            <label for="vergeten-anoniem">{p.anonymise}</label>
          </div>
          <div class="field field--check">
            <input type="radio" id="vergeten-weg" name="how" value="remove" />
            <label for="vergeten-weg">{p.remove}</label>
          </div>
        </fieldset>
        <button type="submit">{p.confirm}</button>
      </form>
    </Layout>
  );
}
