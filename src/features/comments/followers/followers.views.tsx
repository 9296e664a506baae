// The pages behind the links in follow mails: confirm, choose instant or daily, unsubscribe.
// A GET only shows a page with a button; the POST behind the button does the work, so a
// mail scanner that opens links changes nothing.

import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/layout.js';
import { paths } from '../../../views/paths.js';
import { useSite } from '../../../views/site-context.js';

function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout meta={{ title, noindex: true }}>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

function ArticleLink({ article }: { article?: { id: number; slug: string } }) {
  const { t } = useSite();
  if (!article) return null;
  return (
    <p>
      <a href={paths.article(article)}>{t.comments.follow.backToArticle}</a>
    </p>
  );
}

export function UnknownTokenPage() {
  const { t } = useSite();
  return (
    <Page title={t.comments.follow.unknownTitle}>
      <p>{t.comments.follow.unknownText}</p>
    </Page>
  );
}

export function ConfirmFollowPage({ token, title }: { token: string; title: string }) {
  const { t, formToken } = useSite();
  const f = t.comments.follow;
  return (
    <Page title={f.confirmTitle}>
      <p>{f.confirmText(title)}</p>
      <form method="post" action={`/reacties/volgen/${token}`}>
        <input type="hidden" name="form_token" value={formToken} />
        <button type="submit">{f.confirmButton}</button>
      </form>
    </Page>
  );
}

export function FollowingPage({
  token,
  article,
  mode,
  notice,
}: {
  token: string;
  article: { id: number; slug: string; title: string };
  mode: 'instant' | 'daily';
  notice?: string;
}) {
  const { t, formToken } = useSite();
  const f = t.comments.follow;
  return (
    <Page title={f.confirmedTitle}>
      {notice && (
        <p class="flash flash--success" role="status">
          {notice}
        </p>
      )}
      <p>{f.confirmedText(article.title)}</p>
      <form method="post" action={`/reacties/volgen/${token}/modus`}>
        <input type="hidden" name="form_token" value={formToken} />
        <input type="hidden" name="mode" value={mode === 'daily' ? 'instant' : 'daily'} />
        <button type="submit">{mode === 'daily' ? f.instantButton : f.dailyButton}</button>
      </form>
      <p>
        <a href={`/reacties/afmelden/${token}`}>{f.unsubscribeTitle}</a>
      </p>
      <ArticleLink article={article} />
    </Page>
  );
}

export function UnsubscribePage({ token, title }: { token: string; title: string }) {
  const { t } = useSite();
  const f = t.comments.follow;
  return (
    <Page title={f.unsubscribeTitle}>
      <p>{f.unsubscribeText(title)}</p>
      {/* No form token: the link in the mail is the proof, as for the one-click POST. */}
      <form method="post" action={`/reacties/afmelden/${token}`}>
        <input type="hidden" name="scope" value="discussion" />
        <button type="submit">{f.unsubscribeButton}</button>
      </form>
      <form method="post" action={`/reacties/afmelden/${token}`}>
        <input type="hidden" name="scope" value="all" />
        <button type="submit">{f.unsubscribeAllButton}</button>
      </form>
    </Page>
  );
}

export function UnsubscribedPage({
  all,
  article,
}: {
  all: boolean;
  article?: { id: number; slug: string };
}) {
  const { t } = useSite();
  const f = t.comments.follow;
  return (
    <Page title={f.unsubscribedTitle}>
      <p>{all ? f.unsubscribedAllText : f.unsubscribedText}</p>
      <ArticleLink article={article} />
    </Page>
  );
}

export function AuthorUnsubscribePage({ action, done }: { action: string; done: boolean }) {
  const { t } = useSite();
  const f = t.comments.follow;
  return (
    <Page title={done ? f.unsubscribedTitle : f.unsubscribeTitle}>
      {done ? (
        <p>{f.unsubscribedAllText}</p>
      ) : (
        <form method="post" action={action}>
          <button type="submit">{t.comments.mail.authorUnsubscribe}</button>
        </form>
      )}
    </Page>
  );
}
