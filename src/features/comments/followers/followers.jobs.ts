// Job handlers of comment mail. Each composes its mail when it runs and returns 'skipped'
// when what it is about is gone. A failed SMTP send throws, so the runner retries later;
// the job's stable key and Message-ID keep a retry from becoming a second mail. A mail to
// a follower gets a link token of its own, minted here, so the queue never holds one.

import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { messageIdFor } from '../../../infra/mailer.js';
import { keepingSecrets } from '../../../jobs/job-secrets.js';
import type { JobHandler } from '../../../jobs/runner.js';
import { catalogs } from '../../../views/messages/index.js';
import { FINISHED_JOBS_MS } from '../../housekeeping/retention.js';
import * as comments from '../comments.repository.js';
import { AUTHOR_NOTICE_JOB } from '../comments.service.js';
import { loadCommentSettings } from '../comments.settings.js';
import {
  authorNoticeMail,
  confirmMail,
  type MailSite,
  newCommentsMail,
} from './followers.mails.js';
import * as repo from './followers.repository.js';
import {
  COMMENT_APPROVED_JOB,
  FOLLOW_CONFIRM_JOB,
  FOLLOWER_BATCH_JOB,
  fanOutApproved,
} from './followers.service.js';

function mailSite(app: FastifyInstance): MailSite {
  const { config } = app;
  return {
    lang: config.locale,
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    t: catalogs[config.locale].comments,
  };
}

function messageId(app: FastifyInstance, key: string): string {
  return messageIdFor(app.config.siteUrl, key);
}

/** Key in the settings table that stops comment notices to one author. */
export function authorMailOffKey(userId: number): string {
  return `comment-mail-off:${userId}`;
}

/** The signature in an author's unsubscribe link: the link works without logging in. */
export function authorUnsubscribeSignature(secret: string, userId: number): string {
  return createHmac('sha256', secret)
    .update(`author-comment-mail|${userId}`)
    .digest('base64url')
    .slice(0, 32);
}

export function commentMailJobs(app: FastifyInstance): JobHandler[] {
  const db = app.db;
  return [
    {
      kind: FOLLOW_CONFIRM_JOB,
      async run(payload) {
        const { followerId } = payload as { followerId: number };
        const follower = await repo.findFollowerById(db, followerId);
        if (!follower || follower.confirmed_at) return 'skipped';
        const article = await comments.findArticle(db, follower.article_id);
        if (!article) return 'skipped';
        const token = await repo.issueFollowerToken(db, follower.id);
        await keepingSecrets([token], () =>
          app.mailer.send(
            confirmMail(
              mailSite(app),
              follower.email,
              article,
              token,
              messageId(app, `follow-confirm.${followerId}`),
            ),
          ),
        );
        return 'done';
      },
    },
    {
      kind: COMMENT_APPROVED_JOB,
      async run(payload) {
        const { commentId } = payload as { commentId: number };
        const comment = await comments.findComment(db, commentId);
        if (comment?.state !== 'approved' || !comment.approved_at) return 'skipped';
        // Approved again long after it was first approved (and mailed about): the keys that
        // would recognise those mails went with the finished jobs (housekeeping).
        if (Date.parse(comment.approved_at) < Date.now() - FINISHED_JOBS_MS) return 'skipped';
        const settings = await loadCommentSettings(db);
        await fanOutApproved(
          db,
          { ...comment, approved_at: comment.approved_at },
          settings.batchMinutes,
        );
        return 'done';
      },
    },
    {
      kind: FOLLOWER_BATCH_JOB,
      async run(payload, job) {
        const { followerId, from, to } = payload as {
          followerId: number;
          from: string;
          to: string;
        };
        const follower = await repo.findFollowerById(db, followerId);
        if (!follower?.confirmed_at) return 'skipped';
        const article = await comments.findArticle(db, follower.article_id);
        if (article?.status !== 'published') return 'skipped';
        const rows = (await comments.approvedBetween(db, article.id, from, to)).filter(
          (c) => c.email !== follower.email,
        );
        if (rows.length === 0) return 'skipped';
        const token = await repo.issueFollowerToken(db, follower.id);
        await keepingSecrets([token], () =>
          app.mailer.send(
            newCommentsMail(
              mailSite(app),
              follower.email,
              article,
              rows,
              token,
              messageId(app, job.key),
            ),
          ),
        );
        return 'done';
      },
    },
    {
      kind: AUTHOR_NOTICE_JOB,
      async run(payload, job) {
        const { commentId, userId } = payload as { commentId: number; userId: number };
        const comment = await comments.findComment(db, commentId);
        if (!comment || comment.state === 'deleted' || comment.state === 'spam') return 'skipped';
        const article = await comments.findArticle(db, comment.article_id);
        if (!article) return 'skipped';
        const author = (await comments.articleAuthorUsers(db, article.id)).find(
          (u) => u.user_id === userId,
        );
        if (!author || author.state === 'disabled') return 'skipped';
        if (await repo.isAuthorMailOff(db, authorMailOffKey(userId))) return 'skipped';
        const unsub = `${app.config.siteUrl}/reacties/auteur-afmelden/${userId}/${authorUnsubscribeSignature(app.config.secret, userId)}`;
        await app.mailer.send(
          authorNoticeMail(
            mailSite(app),
            author.email,
            article,
            comment,
            unsub,
            messageId(app, job.key),
          ),
        );
        return 'done';
      },
    },
  ];
}
