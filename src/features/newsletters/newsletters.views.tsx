// Public newsletter views: the subscribe box (one small form per list, each with its own
// consent text), the /nieuwsbrief pages, the confirmation and unsubscribe pages and the
// online view of a sent edition.

import type { ComponentChildren } from 'preact';
import type { Flash } from '../../infra/flash.js';
import { Layout } from '../../views/layout.js';
import { hasMessage } from '../../views/messages/keys.js';
import { paths } from '../../views/paths.js';
import { useSite } from '../../views/site-context.js';

export interface BoxList {
  id: number;
  name: string;
  description: string | null;
}

export interface SubscribeFormState {
  listId: number;
  email: string;
  /** Field -> message key in newsletters.errors. */
  errors: Record<string, string>;
}

function PublicFlash({ flash }: { flash?: Flash | undefined }) {
  if (!flash) return null;
  return (
    <p class={`flash flash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </p>
  );
}

function SubscribeForm({
  list,
  idPrefix,
  state,
  showName,
}: {
  list: BoxList;
  idPrefix: string;
  state?: SubscribeFormState | undefined;
  showName: boolean;
}) {
  const { t, formToken } = useSite();
  const n = t.newsletters;
  const id = `${idPrefix}-${list.id}`;
  const mine = state?.listId === list.id ? state : undefined;
  const key = mine?.errors.email;
  const error = key && hasMessage(n.errors, key) ? n.errors[key] : undefined;
  return (
    <form class="subscribe-form" method="post" action="/nieuwsbrief" data-subscribe-form>
      {showName && <h3 class="subscribe-form__name">{list.name}</h3>}
      {showName && list.description && (
        <p class="subscribe-form__description">{list.description}</p>
      )}
      <input type="hidden" name="form_token" value={formToken} />
      <input type="hidden" name="list" value={String(list.id)} />
      <div class={error ? 'field field--error' : 'field'}>
        <label for={`${id}-email`}>{n.box.email}</label>
        {error && (
          <p class="field__error" id={`${id}-email-error`}>
            {error}
          </p>
        )}
        <input
          id={`${id}-email`}
          type="email"
          name="email"
          required
          maxLength={254}
          autocomplete="email"
          value={mine?.email ?? ''}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`${id}-consent`, error ? `${id}-email-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
      </div>
      <p class="subscribe-form__consent" id={`${id}-consent`}>
        {n.box.consent(list.name)}
      </p>
      <button type="submit">{n.box.submit}</button>
    </form>
  );
}

/**
 * The subscribe box for article pages and sidebars. Renders nothing without public lists.
 * `idPrefix` keeps element ids unique when a page shows more than one box.
 */
export function SubscribeBox({
  lists,
  idPrefix = 'subscribe',
  state,
}: {
  lists: BoxList[];
  idPrefix?: string;
  state?: SubscribeFormState | undefined;
}) {
  const { t } = useSite();
  if (lists.length === 0) return null;
  const headingId = `${idPrefix}-heading`;
  return (
    <section class="subscribe-box" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.newsletters.box.heading}</h2>
      <p>{t.newsletters.box.intro}</p>
      {lists.map((list) => (
        <SubscribeForm list={list} idPrefix={idPrefix} state={state} showName={lists.length > 1} />
      ))}
    </section>
  );
}

export function NewsletterPage({
  lists,
  state,
  formError,
  flash,
}: {
  lists: BoxList[];
  state?: SubscribeFormState | undefined;
  formError?: string | undefined;
  flash?: Flash | undefined;
}) {
  const { t } = useSite();
  const n = t.newsletters;
  return (
    <Layout meta={{ title: n.page.title, description: n.box.intro }}>
      <article class="newsletter-page">
        <h1>{n.page.title}</h1>
        <PublicFlash flash={flash} />
        {formError && (
          <p class="flash flash--error" role="alert">
            {formError}
          </p>
        )}
        {lists.length === 0 ? (
          <p>{n.page.none}</p>
        ) : (
          <>
            <p>{n.page.intro}</p>
            {lists.map((list) => (
              <section class="newsletter-page__list">
                <h2>{list.name}</h2>
                {list.description && <p>{list.description}</p>}
                <SubscribeForm list={list} idPrefix="newsletter" state={state} showName={false} />
              </section>
            ))}
          </>
        )}
      </article>
    </Layout>
  );
}

function MessagePage({
  title,
  text,
  children,
}: {
  title: string;
  text: string;
  children?: ComponentChildren;
}) {
  return (
    <Layout meta={{ title, noindex: true }}>
      <article class="newsletter-page">
        <h1>{title}</h1>
        <p>{text}</p>
        {children}
      </article>
    </Layout>
  );
}

export function CheckMailPage() {
  const { t } = useSite();
  return (
    <MessagePage
      title={t.newsletters.page.checkMailTitle}
      text={t.newsletters.page.checkMailText}
    />
  );
}

export function ConfirmPage({ token, listName }: { token: string; listName: string }) {
  const { t, formToken } = useSite();
  const p = t.newsletters.page;
  return (
    <MessagePage title={p.confirmTitle} text={p.confirmText(listName)}>
      <form method="post" action={`/nieuwsbrief/bevestig/${token}`}>
        <input type="hidden" name="form_token" value={formToken} />
        <button type="submit">{p.confirmButton}</button>
      </form>
    </MessagePage>
  );
}

export function ConfirmedPage() {
  const { t } = useSite();
  return (
    <MessagePage
      title={t.newsletters.page.confirmedTitle}
      text={t.newsletters.page.confirmedText}
    />
  );
}

export function LinkInvalidPage() {
  const { t } = useSite();
  return (
    <MessagePage
      title={t.newsletters.page.linkInvalidTitle}
      text={t.newsletters.page.linkInvalidText}
    >
      <p>
        <a href="/nieuwsbrief">{t.newsletters.page.title}</a>
      </p>
    </MessagePage>
  );
}

export function UnsubscribePage({
  token,
  email,
  listName,
  subscribed,
  flash,
}: {
  token: string;
  email: string;
  listName: string;
  subscribed: boolean;
  flash?: Flash | undefined;
}) {
  const { t, formToken } = useSite();
  const u = t.newsletters.unsubscribe;
  const action = `/afmelden/${token}`;
  return (
    <Layout meta={{ title: u.title, noindex: true }}>
      <article class="newsletter-page unsubscribe-page">
        <h1>{u.title}</h1>
        <PublicFlash flash={flash} />
        <p>{u.intro(email)}</p>
        <p>{subscribed ? u.current(listName) : u.notCurrent(listName)}</p>
        <form method="post" action={action} class="unsubscribe-page__form">
          <input type="hidden" name="form_token" value={formToken} />
          <input type="hidden" name="action" value="list" />
          <button type="submit">{u.leaveList(listName)}</button>
        </form>
        <form method="post" action={action} class="unsubscribe-page__form">
          <input type="hidden" name="form_token" value={formToken} />
          <input type="hidden" name="action" value="all" />
          <button type="submit">{u.leaveAll}</button>
        </form>
        <h2>{u.forgetHeading}</h2>
        <p>{u.forgetText}</p>
        <form method="post" action={action} class="unsubscribe-page__form">
          <input type="hidden" name="form_token" value={formToken} />
          <input type="hidden" name="action" value="forget" />
          <button type="submit">{u.forget}</button>
        </form>
      </article>
    </Layout>
  );
}

export function OneClickDonePage() {
  const { t } = useSite();
  return (
    <MessagePage
      title={t.newsletters.unsubscribe.title}
      text={t.newsletters.unsubscribe.oneClickDone}
    />
  );
}

export interface OnlineEdition {
  id: number;
  subject: string;
  intro: string;
  sentAt: string | null;
  listName: string;
  articles: { id: number; slug: string; title: string; lead: string }[];
}

export function EditionOnlinePage({ edition }: { edition: OnlineEdition }) {
  const { t, fmt } = useSite();
  const paragraphs = edition.intro
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <Layout meta={{ title: edition.subject, description: paragraphs[0] }}>
      <article class="newsletter-edition">
        <p class="newsletter-edition__list">{edition.listName}</p>
        <h1>{edition.subject}</h1>
        {edition.sentAt && (
          <p class="newsletter-edition__date">
            <time datetime={fmt.isoDate(edition.sentAt)}>
              {t.newsletters.edition.sentOn(fmt.longDate(edition.sentAt))}
            </time>
          </p>
        )}
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        {edition.articles.map((a) => (
          <section class="newsletter-edition__article">
            <h2>
              <a href={paths.article(a)}>{a.title}</a>
            </h2>
            {a.lead && <p>{a.lead}</p>}
          </section>
        ))}
        <p>
          <a href="/nieuwsbrief">{t.newsletters.page.title}</a>
        </p>
      </article>
    </Layout>
  );
}
