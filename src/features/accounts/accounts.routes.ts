// Every route of the accounts feature, registered from one plugin (app.tsx).
import type { FastifyInstance } from 'fastify';
import { loginRoutes } from './login.routes.js';

export async function accountsRoutes(app: FastifyInstance) {
  await app.register(loginRoutes);
}
