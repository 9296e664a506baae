// The public reading site: home, article, topic and author pages, and the privacy page.
import type { FastifyInstance } from 'fastify';
import { articleRoutes } from '../articles/articles.routes.js';
import { authorRoutes } from '../authors/authors.routes.js';
import { privacyRoutes } from '../pages/privacy.routes.js';
import { topicPublicRoutes } from '../topics/topics-public.routes.js';
import { homeRoutes } from './home.routes.js';

export async function publicSiteRoutes(app: FastifyInstance): Promise<void> {
  await app.register(homeRoutes);
  await app.register(articleRoutes);
  await app.register(topicPublicRoutes);
  await app.register(authorRoutes);
  await app.register(privacyRoutes);
}
