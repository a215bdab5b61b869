import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.ts';

/** The built web app (apps/web/dist), found from source or from the API bundle. */
export function defaultWebDist(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 7; i++) {
    const candidate = path.join(dir, 'apps', 'web', 'dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    const sibling = path.join(dir, 'web', 'dist');
    if (existsSync(path.join(sibling, 'index.html'))) return sibling;
    dir = path.dirname(dir);
  }
  return null;
}

const spaPrefixes = ['/portal', '/practice'];

/** Serves the single-page app: assets by path, and index.html for the app's own routes. */
export async function registerWebApp(
  app: FastifyInstance,
  webDist: string | null | undefined,
): Promise<void> {
  const root = webDist === undefined ? defaultWebDist() : webDist;
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApp =
      pathname === '/' || spaPrefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));
    if (request.method === 'GET' && isApp && root) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    if (request.method === 'GET' && isApp) {
      return reply
        .type('text/html')
        .send(
          '<!doctype html><html lang="en"><title>Portico</title><p>The web app is not built. Run <code>npm run build</code>.</p></html>',
        );
    }
    throw new AppError('NOT_FOUND', 'Not found.');
  });
}
