import { AdminLayout } from '../../views/admin/admin-layout.js';
import { Pagination } from '../../views/pagination.js';
import { useSite } from '../../views/site-context.js';

export interface MailboxItem {
  id: number;
  to_address: string;
  subject: string;
  text: string;
  created_at: string;
}

/** Splits plain text into text and links, so a newcomer can click the link in an invite. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</>;
}

export function MailboxPage({
  mails,
  page,
  hasNext,
  enabled,
}: {
  mails: MailboxItem[];
  page: number;
  hasNext: boolean;
  enabled: boolean;
}) {
  const { t, fmt } = useSite();
  const m = t.admin.mailbox;
  return (
    <AdminLayout title={m.title}>
      <h1>{m.title}</h1>
      <p>{enabled ? m.intro : m.off}</p>
      {enabled && mails.length === 0 && <p>{m.empty}</p>}
      {mails.map((mail) => (
        <article class="mail" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p class="mail__meta">
            {m.to}: {mail.to_address} · {m.sent}:{' '}
            <time datetime={mail.created_at}>{fmt.dateTime(mail.created_at)}</time>
          </p>
          <pre class="mail__text">
            <LinkedText text={mail.text} />
          </pre>
        </article>
      ))}
      <Pagination
        page={page}
        hasNext={hasNext}
        hrefFor={(p) => (p > 1 ? `/beheer/mailbox?pagina=${p}` : '/beheer/mailbox')}
      />
    </AdminLayout>
  );
}
