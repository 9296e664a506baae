// Outgoing mail. With SMTP_URL set, nodemailer speaks SMTP; without it, mail lands in the
// dev mailbox (the `mailbox` table) that the back office shows, so a newcomer can click
// the links in invites and confirmations without any mail server.

import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/schema.js';
import { nowIso } from '../lib/time.js';

/**
 * A Message-ID for a mail of this site: `local` says which mail it is (the same for every
 * attempt to send it, so a retried send can be recognised), the host is the site's own.
 */
export function messageIdFor(siteUrl: string, local: string): string {
  const host = new URL(siteUrl).hostname || 'podium.local';
  return `<${local.replace(/[^A-Za-z0-9.-]/g, '.')}@${host}>`;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Stable Message-ID so that a retried send can be recognised downstream. */
  messageId?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  db: Kysely<Database>;
}): Mailer {
  const { smtpUrl } = options;
  if (smtpUrl) {
    // nodemailer is loaded with the first mail, not at start: it costs an idle server a few
    // MB of memory, and many processes (a reader-only server, most CLI commands) never send.
    let transport: Promise<Transporter> | undefined;
    const connect = () => {
      transport ??= import('nodemailer').then((nodemailer) =>
        nodemailer.default.createTransport(smtpUrl),
      );
      return transport;
    };
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await (await connect()).sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          messageId: mail.messageId,
        });
        return { messageId: info.messageId };
      },
      close: () => {
        // Nothing to close when no mail was sent (or nodemailer failed to load).
        void transport?.then(
          (t) => t.close(),
          () => undefined,
        );
      },
    };
  }
  return {
    kind: 'mailbox',
    async send(mail) {
      const messageId =
        mail.messageId ?? `<${Date.now()}.${Math.random().toString(36).slice(2)}@podium.local>`;
      await options.db
        .insertInto('mailbox')
        .values({
          to_address: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? null,
          headers: JSON.stringify({ ...mail.headers, 'Message-ID': messageId, From: options.from }),
          created_at: nowIso(),
        })
        .execute();
      return { messageId };
    },
    close() {},
  };
}
