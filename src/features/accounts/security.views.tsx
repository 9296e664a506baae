import type { Flash } from '../../infra/flash.js';
import { AdminLayout, CsrfField } from '../../views/admin/admin-layout.js';
import { TextField } from '../../views/admin/form-fields.js';
import { useSite } from '../../views/site-context.js';
import type { FieldErrors } from './account-forms.js';
import type { Enrolment } from './two-factor.service.js';

export interface SessionItem {
  id: string;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
}

/** A short, readable browser name from a User-Agent header. */
function browserName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  if (!browser && !os) return userAgent.slice(0, 60);
  return [browser, os].filter(Boolean).join(' · ');
}

export function SecurityPage({
  sessions,
  currentSessionId,
  twoFactorOn,
  recoveryLeft,
  email,
  newEmail = '',
  errors = {},
  flash,
}: {
  sessions: SessionItem[];
  currentSessionId: string;
  twoFactorOn: boolean;
  recoveryLeft: number;
  /** The address the user logs in with. */
  email: string;
  /** What was typed in a refused e-mail change. */
  newEmail?: string;
  errors?: FieldErrors;
  flash?: Flash | undefined;
}) {
  const { t, fmt } = useSite();
  const a = t.admin;
  const s = a.security;
  return (
    <AdminLayout title={s.title} flash={flash}>
      <h1>{s.title}</h1>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{s.sessionsTitle}</h2>
        <p>{s.sessionsIntro}</p>
        <div class="table-scroll">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{s.colDevice}</th>
                <th scope="col">{s.colCreated}</th>
                <th scope="col">{s.colLastSeen}</th>
                <th scope="col">
                  <span class="visually-hidden">{a.users.colActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr>
                  <td>{browserName(session.user_agent, s.unknownDevice)}</td>
                  <td>{fmt.dateTime(session.created_at)}</td>
                  <td>{fmt.dateTime(session.last_seen_at)}</td>
                  <td>
                    {session.id === currentSessionId ? (
                      <strong>{s.thisSession}</strong>
                    ) : (
                      <form
                        method="post"
                        action={`/beheer/beveiliging/sessies/${session.id}/beeindigen`}
                      >
                        <CsrfField />
                        <button type="submit">{s.endSession}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 && (
          <form method="post" action="/beheer/beveiliging/sessies/anderen-beeindigen">
            <CsrfField />
            <button type="submit">{s.endOthers}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{s.passwordTitle}</h2>
        <form method="post" action="/beheer/beveiliging/wachtwoord" class="form">
          <CsrfField />
          <TextField
            name="current_password"
            type="password"
            label={a.fields.currentPassword}
            error={errors['current_password']}
            autocomplete="current-password"
            required
            maxLength={1024}
          />
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
          <button type="submit">{s.passwordSubmit}</button>
        </form>
      </section>

      <section aria-labelledby="email-title">
        <h2 id="email-title">{s.emailTitle}</h2>
        <p>{s.emailCurrent(email)}</p>
        <form method="post" action="/beheer/beveiliging/email" class="form">
          <CsrfField />
          <TextField
            name="new_email"
            type="email"
            label={s.emailNew}
            value={newEmail}
            error={errors['new_email']}
            autocomplete="email"
            required
            maxLength={254}
          />
          <TextField
            name="email_password"
            type="password"
            label={a.fields.currentPassword}
            error={errors['email_password']}
            autocomplete="current-password"
            required
            maxLength={1024}
          />
          <button type="submit">{s.emailSubmit}</button>
        </form>
      </section>

      <section aria-labelledby="twofactor-title">
        <h2 id="twofactor-title">{s.twoFactorTitle}</h2>
        {twoFactorOn ? (
          <>
            <p>{s.twoFactorOn}</p>
            <p>{s.recoveryLeft(recoveryLeft)}</p>
            <form method="post" action="/beheer/beveiliging/2fa/uitzetten" class="form">
              <CsrfField />
              <TextField
                name="current_password"
                type="password"
                label={a.fields.currentPassword}
                error={errors['disable_password']}
                autocomplete="current-password"
                required
                maxLength={1024}
                id="field-disable-password"
              />
              <button type="submit">{s.twoFactorDisable}</button>
            </form>
          </>
        ) : (
          <>
            <p>{s.twoFactorOff}</p>
            <form method="post" action="/beheer/beveiliging/2fa/starten">
              <CsrfField />
              <button type="submit">{s.twoFactorStart}</button>
            </form>
          </>
        )}
      </section>
    </AdminLayout>
  );
}

export function EnrolPage({
  enrolment,
  error,
}: {
  enrolment: Enrolment;
  error?: string | undefined;
}) {
  const { t } = useSite();
  const s = t.admin.security;
  return (
    <AdminLayout title={s.twoFactorTitle}>
      <h1>{s.twoFactorTitle}</h1>
      <p>{s.twoFactorScan}</p>
      <p>
        <img
          class="qr-code"
          src={enrolment.qrDataUrl}
          alt={s.twoFactorQrAlt}
          width={220}
          height={220}
        />
      </p>
      <p>
        {s.twoFactorSecret}: <code class="totp-secret">{enrolment.secret}</code>
      </p>
      <form method="post" action="/beheer/beveiliging/2fa/bevestigen" class="form">
        <CsrfField />
        <TextField
          name="code"
          label={t.admin.fields.totpCode}
          error={error}
          autocomplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          required
          maxLength={6}
        />
        <button type="submit">{s.twoFactorConfirm}</button>
      </form>
    </AdminLayout>
  );
}

export function RecoveryCodesPage({ codes }: { codes: string[] }) {
  const { t } = useSite();
  const s = t.admin.security;
  return (
    <AdminLayout title={s.recoveryTitle} flash={{ kind: 'success', message: s.twoFactorEnabled }}>
      <h1>{s.recoveryTitle}</h1>
      <p>{s.recoveryIntro}</p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/beheer/beveiliging">{s.title}</a>
      </p>
    </AdminLayout>
  );
}
