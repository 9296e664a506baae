// The privacy page: what the site keeps about readers and how to have it removed.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { Layout } from '../../views/layout.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { useSite } from '../../views/site-context.js';

function PrivacyPage() {
  const { t } = useSite();
  const p = t.site.privacy;
  return (
    <Layout meta={{ title: p.title, description: p.intro }}>
      <article class="article prose-page">
        <h1>{p.title}</h1>
        <p class="article__lead">{p.intro}</p>
        <div class="prose">
          <h2>{p.storedTitle}</h2>
          <ul>
            <li>{p.stored.hash}</li>
            <li>{p.stored.grade}</li>
            <li>{p.stored.comment}</li>
            <li>{p.stored.newsletter}</li>
            <li>{p.stored.retention}</li>
          </ul>
          <h2>{p.cookiesTitle}</h2>
          <p>{p.cookies}</p>
          <h2>{p.removeTitle}</h2>
          <p>{p.remove}</p>
        </div>
      </article>
    </Layout>
  );
}

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  app.get('/privacy', async (request, reply) =>
    sendPage(request, reply, {
      tags: [cacheTags.settings],
      maxAge: 300,
      render: () => renderDocument(siteContext(request), <PrivacyPage />),
    }),
  );
}
